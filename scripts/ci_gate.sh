#!/usr/bin/env bash
# The CI performance gate (SPEC section 9), run by .ci/run after the tests:
# the fixed valgrind matrix (scripts/midiarena_tools/gate_matrix.py) on this
# build, compared with the committed results/baseline/ by compare_results.py.
# Instruction counts and simulated D1 misses are deterministic, so a rise
# beyond the threshold is the code's doing, whatever the machine's load.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/ci_gate.sh [--build-dir DIR] [--threshold PCT] [--out DIR] [--help]

Builds bench_cachesim if needed, runs the gate's fixed valgrind matrix (about
20 s of callgrind on two cores) and compares it with results/baseline/: fails
if instructions or D1 misses per iteration rise more than the threshold in
any row. Refresh the baseline on purpose with scripts/update_baseline.sh.

  --build-dir DIR   build tree (default build/release, configured with the
                    release preset, like the baseline)
  --threshold PCT   largest rise that passes, in percent (default 2)
  --out DIR         keep this run's result set (raw/cachesim.json) in DIR
                    (default: a temporary directory, removed)
Exit status: 0 no regression, 1 a regression, 2 nothing comparable or usage error.
USAGE
}

build_dir=build/release
threshold=2
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --threshold) threshold="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
start=$SECONDS
if [ -z "$out" ]; then
  out=$(mktemp -d -t midiarena-gate.XXXXXX)
  trap 'rm -rf "$out"' EXIT
fi

[ "$build_dir" != build/release ] || cmake --preset release >/dev/null
cmake --build "$build_dir" --target bench_cachesim
/usr/bin/python3 scripts/run_cachesim.py --build-dir "$build_dir" --gate-matrix --output "$out/raw/cachesim.json" >/dev/null
status=0
/usr/bin/python3 scripts/compare_results.py --threshold "$threshold" results/baseline "$out" || status=$?
echo "gate: exit status $status in $((SECONDS - start)) s"
exit "$status"
