#!/usr/bin/python3
"""Writes the README's results block (verdict table, main plot, findings,
peer table) from a result set, default results/latest
(scripts/midiarena_tools/readme_results.py). --check exits 1 if the README
differs from what the result set gives, without writing."""

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from midiarena_tools import readme_results  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results_dir", type=Path, nargs="?", default=REPO / "results" / "latest", metavar="RESULTS_DIR")
    parser.add_argument("--readme", type=Path, default=REPO / "README.md")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 if the README is stale")
    args = parser.parse_args()
    if not (args.results_dir / "claims.json").is_file():
        parser.error(f"{args.results_dir} has no claims.json (run scripts/claims_report.py on it)")
    current = args.readme.read_text()
    updated = readme_results.replace_block(current, readme_results.render(args.results_dir))
    if args.check:
        if updated != current:
            print(f"{args.readme} is stale: run scripts/update_readme.py {args.results_dir}", file=sys.stderr)
            sys.exit(1)
        print(f"{args.readme} matches {args.results_dir}")
        return
    args.readme.write_text(updated)
    print(f"wrote the results block of {args.readme} from {args.results_dir}")


if __name__ == "__main__":
    main()
