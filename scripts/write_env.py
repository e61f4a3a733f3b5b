#!/usr/bin/python3
"""Writes RESULTS_DIR/env.json: machine, compiler and flags, library
versions, git commit, counter availability, load averages and the commands
of the run (scripts/midiarena_tools/environment.py). run_benchmarks.sh calls
it; run it by hand to describe a result set made some other way."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from midiarena_tools import environment  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results_dir", type=Path, metavar="RESULTS_DIR")
    parser.add_argument("--run-id", help="default: RESULTS_DIR's name")
    parser.add_argument("--build-dir", type=Path, default=REPO / "build" / "release",
                        help="the build tree that ran (CMake cache, midiarena counters); default build/release")
    parser.add_argument("--run-log", type=Path, help="run_benchmarks.sh's log: options, load, commands, stage times")
    args = parser.parse_args()
    path = environment.write(args.results_dir, args.run_id or args.results_dir.resolve().name, args.build_dir,
                             args.run_log)
    print(path)


if __name__ == "__main__":
    main()
