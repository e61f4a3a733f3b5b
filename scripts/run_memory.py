#!/usr/bin/python3
"""Writes RESULTS_DIR/raw/mem.json: `midiarena mem --json` of every file of
every corpus the run's bench_parse used, for every backend, each parse in a
process of its own (scripts/midiarena_tools/memory_runs.py)."""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from midiarena_tools import memory_runs  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results_dir", type=Path, metavar="RESULTS_DIR")
    parser.add_argument("--midiarena", type=Path, default=Path("build/release/cli/midiarena"))
    parser.add_argument("--log", type=Path, help="append the commands run to this file")
    args = parser.parse_args()
    listed = subprocess.run([str(args.midiarena), "backends"], check=True, capture_output=True, text=True).stdout
    backends = [line for line in listed.splitlines() if line and not line.startswith("#")]
    log = args.log.open("a") if args.log else None
    rows = memory_runs.measure(args.midiarena, args.results_dir, backends, log)
    if not rows:
        sys.exit(f"run_memory: no corpus directories in {args.results_dir}/raw's bench_parse contexts")
    (args.results_dir / "raw" / "mem.json").write_text(json.dumps(rows, indent=1) + "\n")
    print(f"run_memory: {len(rows)} parses over {len({r['corpus'] for r in rows})} corpora")


if __name__ == "__main__":
    main()
