#!/usr/bin/python3
"""Agreement with python3-mido on every conformance file mido reads.

Usage: /usr/bin/python3 conformance_vs_mido.py "MIDIARENA dump --lenient" DIR

Lenient mode, because strict mode rightly rejects some files mido reads
(illegal system messages, trailing bytes). mido keeps those system messages
as `unknown` lines; midiarena skips them and says so, so they are left out of
the comparison. Prints a summary line `N passed, M failed`; exit 1 on any
disagreement.
"""
import os
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mido_oracle  # noqa: E402  (the project's oracle, beside this file)
import oracle_compare  # noqa: E402


def main():
    dump_cmd, directory = shlex.split(sys.argv[1]), sys.argv[2]
    passed = failed = 0
    for path in oracle_compare.files_under([directory]):
        theirs, _ = oracle_compare.oracle_dump(path)
        if theirs is None:
            continue  # mido cannot read it; the C++ tests state its outcome
        mine, error = oracle_compare.project_dump(dump_cmd, path, 60)
        if mine is None:
            print("REJECTED %s: %s" % (path, error))
            failed += 1
            continue
        theirs = [line for line in theirs if " unknown " not in line]
        if mido_oracle.fold(mine) == mido_oracle.fold(theirs):
            passed += 1
        else:
            print("DIFFER %s" % path)
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
