#!/usr/bin/python3
"""(Re)builds RESULTS_DIR's report from its raw/ and env.json, without
re-running anything: summary.csv, claims.json, claims.md (claims C1-C15 with
verdicts, and the findings) and plots/*.png
(scripts/midiarena_tools/report.py). Prints the claims table."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from midiarena_tools import report  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results_dir", type=Path, metavar="RESULTS_DIR", help="e.g. results/latest")
    args = parser.parse_args()
    if not (args.results_dir / "raw").is_dir():
        parser.error(f"{args.results_dir} has no raw/")
    written = report.build(args.results_dir)
    print(f"wrote {written['summary']}, claims.json, claims.md and {len(written['plots'])} plots")
    table = [line for line in (args.results_dir / "claims.md").read_text().splitlines() if line.startswith("| C")]
    print("\n".join(table))


if __name__ == "__main__":
    main()
