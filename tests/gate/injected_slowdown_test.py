#!/usr/bin/python3
"""The CI gate catches a slowdown in real measured code. On a small generated
file, through the real callgrind path: a baseline from bench_cachesim, a
second run of it (compare_results.py must exit 0: the counts repeat), and a
run of the test-only build with extra work in its measured loop
(MIDIARENA_INJECTED_SLOWDOWN; compare_results.py must exit 1)."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))
from midiarena_tools import cachesim  # noqa: E402


def compare(base: Path, new: Path) -> int:
    print(f"$ compare_results.py {base.name} {new.name}", flush=True)
    return subprocess.run([sys.executable, str(SCRIPTS / "compare_results.py"), str(base), str(new)]).returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("driver", type=Path, help="bench_cachesim")
    parser.add_argument("slowed", type=Path, help="the test-only bench_cachesim built with MIDIARENA_INJECTED_SLOWDOWN")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="midiarena-gate-test-") as scratch:
        scratch = Path(scratch)
        os.environ["MIDIARENA_CACHE"] = str(scratch / "cache")  # the test generates its own corpus
        corpus = cachesim.profile_corpus(args.driver, "small", 1)

        def result(name: str, driver: Path) -> Path:
            runs = cachesim.matrix({"glibc": driver}, [corpus], ["parse", "iterate"], ["fresh"], ["flat_vector"])
            cachesim.write_rows(scratch / name / "raw" / "cachesim.json", cachesim.run_matrix(runs))
            return scratch / name

        base, again, slowed = result("base", args.driver), result("again", args.driver), result("slowed", args.slowed)
        same_status = compare(base, again)
        slowed_status = compare(base, slowed)

    if same_status != 0:
        sys.exit(f"FAIL: the same driver twice gave exit status {same_status}, expected 0")
    if slowed_status != 1:
        sys.exit(f"FAIL: the injected slowdown gave exit status {slowed_status}, expected 1 (a regression)")
    print("gate: passes the driver against itself, fails on the injected slowdown")


if __name__ == "__main__":
    main()
