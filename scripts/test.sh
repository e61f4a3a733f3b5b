#!/usr/bin/env bash
# Builds and runs every test: the release and ASan+UBSan builds under ctest
# (unit, conformance, malformed-input and mido differential tests), the
# results notebook on a committed fixture, then the parser fuzz target for a
# fixed time. Installs what is missing first.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/test.sh [--fuzz-seconds N] [--no-fuzz] [--help]

  --fuzz-seconds N   how long the libFuzzer run lasts (default 60)
  --no-fuzz          skip the fuzz build and run
Exit status is non-zero on any failure.
USAGE
}

fuzz_seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --fuzz-seconds) fuzz_seconds="$2"; shift 2 ;;
    --no-fuzz) fuzz_seconds=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

cd "$(dirname "$0")/.."
stage() { printf '\n==> %s\n' "$*"; }

stage "setup: Debian packages"
bash scripts/setup.sh

for preset in release asan; do
  stage "build: $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  stage "ctest: $preset"
  ctest --preset "$preset" -j2
done

stage "compile check: aarch64 (g++-aarch64-linux-gnu), the libraries and the CLI, not linked"
# The parser's scalar path on another architecture (channel_blocks.hpp):
# preset aarch64-check, cmake/toolchains/aarch64-linux-gnu.cmake.
cmake --preset aarch64-check >/dev/null
cmake --build --preset aarch64-check
echo "aarch64: compiled"

stage "notebook: notebooks/results.ipynb on tests/fixtures/results-quick"
# The report is rebuilt from the fixture's raw/ into a copy, then the notebook
# runs headless on it, so neither can rot.
notebook=build/notebook
rm -rf "$notebook" && mkdir -p "$notebook" && cp -r tests/fixtures/results-quick "$notebook/"
/usr/bin/python3 scripts/claims_report.py "$notebook/results-quick" >/dev/null
PYDEVD_DISABLE_FILE_VALIDATION=1 MIDIARENA_RESULTS="$PWD/$notebook/results-quick" jupyter nbconvert --to notebook --execute notebooks/results.ipynb \
  --output-dir "$notebook" --output results
echo "notebook: executed, $notebook/results.ipynb"

if [ "$fuzz_seconds" -gt 0 ]; then
  stage "fuzz: parse_fuzzer for ${fuzz_seconds}s"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz
  corpus=build/fuzz/corpus
  mkdir -p "$corpus"
  # Seeds: the conformance files. New inputs go to the first (writable) dir.
  # -malloc_limit_mb turns any allocation far beyond the input size into a finding.
  # And two generated song-profile files, whose tracks the parser reads in
  # blocks (parsers/include/midiarena/channel_blocks.hpp).
  seeds=build/fuzz/generated-seeds
  build/release/cli/midiarena gen --profile small --count 2 --seed 7 --out "$seeds" >/dev/null
  build/fuzz/tests/fuzz/parse_fuzzer -max_total_time="$fuzz_seconds" -max_len=65536 \
    -malloc_limit_mb=64 -rss_limit_mb=2048 -print_final_stats=1 \
    "$corpus" tests/conformance/test-midi-files "$seeds" 2>build/fuzz/fuzz.log || {
      tail -50 build/fuzz/fuzz.log; echo "fuzz: FAILED (see build/fuzz/fuzz.log)"; exit 1; }
  grep -E "^stat::number_of_executed_units|^Done" build/fuzz/fuzz.log || true
  echo "fuzz: no findings"
fi
stage "all tests passed"
