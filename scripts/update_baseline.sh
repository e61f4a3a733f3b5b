#!/usr/bin/env bash
# Refreshes results/baseline/, the CI gate's deterministic baseline, on
# purpose: after a change that is meant to move the valgrind counts, or a new
# valgrind. Same build and fixed matrix as scripts/ci_gate.sh.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/update_baseline.sh [--build-dir DIR] [--help]

Builds bench_cachesim if needed, runs the CI gate's fixed valgrind matrix
(scripts/midiarena_tools/gate_matrix.py), replaces results/baseline/
(raw/cachesim.json and a README.md saying how and from which commit it was
made), prints the change against the old baseline through
compare_results.py, and reminds you to commit it.

  --build-dir DIR   build tree (default build/release, configured with the
                    release preset: the build CI gates)
USAGE
}

build_dir=build/release
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
new=$(mktemp -d -t midiarena-baseline.XXXXXX)
trap 'rm -rf "$new"' EXIT

[ "$build_dir" != build/release ] || cmake --preset release >/dev/null
cmake --build "$build_dir" --target bench_cachesim
table=$(/usr/bin/python3 scripts/run_cachesim.py --build-dir "$build_dir" --gate-matrix --output "$new/raw/cachesim.json")

cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build_dir/CMakeCache.txt"; }
commit=$(git rev-parse HEAD)
# What the build held beyond the commit (the baseline's own files aside).
changes=$(git status --porcelain -- . ':!results/baseline' | awk '{print $2}' | paste -sd' ' -)
cat >"$new/README.md" <<README
# results/baseline: the CI performance gate's deterministic baseline

\`raw/cachesim.json\` holds the valgrind path's counts (callgrind with cache
simulation, pinned geometry, ASLR off: see docs/measurement.md, "Simulated caches")
for the gate's fixed matrix, \`scripts/midiarena_tools/gate_matrix.py\`:
\`parse\` and \`iterate\` of every glibc backend on the \`reference\` file,
and of \`flat_vector\` on one \`medium\` file and on OpenMSX (31 real
files), fresh heap, one measured iteration. \`scripts/ci_gate.sh\` (run
by \`.ci/run\`) runs the same matrix on the build under test and fails
when instructions or D1 misses per iteration rise more than 2 % in any row.

- made by: \`scripts/update_baseline.sh --build-dir $build_dir\`, $(date -u +%Y-%m-%dT%H:%MZ)
- commit: \`$commit\` ($(git log -1 --format=%s "$commit"))
- uncommitted changes in the tree: ${changes:-none}
- build: $(cache_value CMAKE_BUILD_TYPE), \`$(cache_value CMAKE_CXX_FLAGS_RELEASE)\`, $("$(cache_value CMAKE_CXX_COMPILER)" --version | head -1)
- $(valgrind --version)

Refresh it on purpose with \`scripts/update_baseline.sh\` and commit the result.

Per iteration (\`instr/event\` of \`parse\`, \`flat_vector\`, \`reference\` is
the figure issue 7 holds):

\`\`\`
$table
\`\`\`
README

status=0
if [ -f results/baseline/raw/cachesim.json ]; then
  echo "== change against the old baseline (NEW is the refreshed one)"
  /usr/bin/python3 scripts/compare_results.py results/baseline "$new" || status=$?
  [ "$status" -ne 1 ] || echo "(rises above are now the baseline: make sure they were meant)"
fi
rm -rf results/baseline
mkdir -p results/baseline/raw
cp "$new/README.md" results/baseline/
cp "$new/raw/cachesim.json" results/baseline/raw/
echo "results/baseline/ refreshed. Review it, then: git add results/baseline && git commit"
