#!/usr/bin/python3
"""Differential test: the project's canonical dump against the mido oracle.

Usage:
  /usr/bin/python3 oracle_compare.py --dump "build/release/cli/midiarena dump" FILE_OR_DIR...

For every .mid/.midi/.kar/.smf/.rmi file (directories are walked) it runs
`<dump command> FILE`, reads FILE with mido_oracle.py (beside this file, in
this process), folds both dumps the same way (mido_oracle.fold, SPEC 4.3)
and compares them line by line. Prints one line per differing or rejected
file (unless --quiet), then the summary line
`files=N identical=I differ=D project_rejected=P oracle_rejected=O both_rejected=B`.
Exit 0 when some file was compared, none differs and none is rejected by
the project alone.
"""
import argparse
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mido_oracle  # noqa: E402

EXTENSIONS = (".mid", ".midi", ".kar", ".smf", ".rmi")


def files_under(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs.sort()
                for name in sorted(names):
                    if name.lower().endswith(EXTENSIONS):
                        yield os.path.join(root, name)
        else:
            yield path


def project_dump(command, path, timeout):
    """(lines, None) or (None, the last line of stderr)."""
    try:
        run = subprocess.run(command + [path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout after %ss" % timeout
    if run.returncode != 0:
        return None, (run.stderr.decode(errors="replace").strip().splitlines() or ["exit %d" % run.returncode])[-1]
    return run.stdout.decode("latin-1").splitlines(), None


def oracle_dump(path):
    """(lines, None) or (None, why mido rejected the file)."""
    try:
        return list(mido_oracle.dump_lines(path)), None
    except Exception as exc:  # whatever mido raises on a file it cannot read
        return None, "%s: %s" % (type(exc).__name__, exc)


def first_difference(a, b):
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return i, (a[i] if i < len(a) else None), (b[i] if i < len(b) else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dump", required=True, help="the project's dump command; the file's path is appended")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per project dump")
    ap.add_argument("--quiet", action="store_true", help="print only the summary")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    command = shlex.split(args.dump)
    n = same = differ = project_rejected = oracle_rejected = both_rejected = 0
    for path in files_under(args.paths):
        n += 1
        mine, my_error = project_dump(command, path, args.timeout)
        theirs, their_error = oracle_dump(path)
        if mine is None and theirs is None:
            both_rejected += 1
        elif mine is None:
            project_rejected += 1
            if not args.quiet:
                print("PROJECT-REJECTED %s: %s" % (path, my_error))
        elif theirs is None:
            oracle_rejected += 1
            if not args.quiet:
                print("ORACLE-REJECTED %s: %s" % (path, their_error))
        else:
            a, b = mido_oracle.fold(mine), mido_oracle.fold(theirs)
            if a == b:
                same += 1
            else:
                differ += 1
                if not args.quiet:
                    i, x, y = first_difference(a, b)
                    print("DIFFER %s line %d: project=%r mido=%r (lines %d vs %d)" % (path, i + 1, x, y, len(a), len(b)))
    print("files=%d identical=%d differ=%d project_rejected=%d oracle_rejected=%d both_rejected=%d"
          % (n, same, differ, project_rejected, oracle_rejected, both_rejected))
    return 0 if n > 0 and differ == 0 and project_rejected == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
