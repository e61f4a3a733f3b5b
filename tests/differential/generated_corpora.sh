#!/bin/bash
# Differential check of generated corpora against python3-mido (issue 4):
# a sample of every profile, scaling up to its 1M-event file, compared with
# oracle_compare.py beside this script (SPEC 4.3). Passes when no file differs or is rejected.
#
# Usage: generated_corpora.sh MIDIARENA [PYTHON]
set -euo pipefail

midiarena=$1
here=$(cd "$(dirname "$0")" && pwd)
python=${2:-/usr/bin/python3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

gen() { "$midiarena" gen --seed 1 --out "$dir" --profile "$1" --count "$2" >/dev/null; }
gen small 3
gen medium 2
gen large 1
gen reference 1
gen scaling 4  # 1K, 10K, 100K and 1M events; the 10M file would take mido minutes

summary=$("$python" "$here/oracle_compare.py" --quiet --dump "$(printf '%q' "$midiarena") dump" "$dir" |
          tail -n 1) || true
echo "$summary"
[[ " $summary " == *" differ=0 project_rejected=0 oracle_rejected=0 "* ]]
