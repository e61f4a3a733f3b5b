#!/usr/bin/env bash
# One command from nothing to a verdict: installs what is missing, builds the
# release preset's benchmark executables, generates the corpora, runs every
# benchmark executable and the valgrind path, and writes results/<run-id>/
# (raw JSON, summary.csv, env.json, claims.json, claims.md, plots/*.png),
# pointing results/latest at it. One progress line per stage.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/run_benchmarks.sh [--quick] [--corpus DIR]... [--no-profiles] [--out DIR]
                                 [--processes N] [--repetitions N] [--min-time SECONDS] [--help]

  --quick            a smoke run of a few minutes: 3 repetitions of 0.01 s, the
                     quick corpora (bench_parse --quick), peers without the large corpus,
                     the valgrind path under glibc only
  --corpus DIR       also run everything on the .mid files below DIR (your own
                     collection), as the corpus named after DIR; repeatable
  --no-profiles      with --corpus: run on your corpora instead of the
                     generated profiles (most claims then lack their corpora)
  --out DIR          where results/<run-id>/ and results/latest go (default: results)
  --processes N      independent bench_parse processes per global allocator,
                     run in interleaved rounds (default 3): the CIs resample
                     processes, then repetitions, so they see the drift
                     between processes
  --repetitions N    bench_parse repetitions in all, split over the processes
                     (default 9, quick 3)
  --min-time S       Google Benchmark's minimum time per repetition in seconds
                     (default 0.05, quick 0.01)

The corpora: the generated profiles and OpenMSX, Debian's openttd-openmsx
(scripts/fetch_openmsx.sh; split by size class), plus any --corpus DIR.
The full run takes under an hour on a 2-core machine, --quick under ten
minutes (most of it building). Results: docs/results-format.md.
USAGE
}

quick=0
profiles=1
out=results
repetitions=""
min_time=""
processes=3
corpora=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --corpus) [ $# -ge 2 ] || { usage >&2; exit 2; }; corpora+=("$(realpath "$2")"); shift 2 ;;
    --no-profiles) profiles=0; shift ;;
    --out) [ $# -ge 2 ] || { usage >&2; exit 2; }; out="$2"; shift 2 ;;
    --repetitions) [ $# -ge 2 ] || { usage >&2; exit 2; }; repetitions="$2"; shift 2 ;;
    --processes) [ $# -ge 2 ] || { usage >&2; exit 2; }; processes="$2"; shift 2 ;;
    --min-time) [ $# -ge 2 ] || { usage >&2; exit 2; }; min_time="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
if [ "$profiles" -eq 0 ] && [ ${#corpora[@]} -eq 0 ]; then
  echo "run_benchmarks: --no-profiles needs at least one --corpus DIR" >&2; exit 2
fi
for dir in "${corpora[@]}"; do
  [ -d "$dir" ] || { echo "run_benchmarks: $dir is not a directory" >&2; exit 2; }
  case "$(basename "$dir")" in
    small|medium|large|reference)
      echo "run_benchmarks: $dir has the name of a generated profile; rename it" >&2; exit 2 ;;
  esac
done

if [ "$quick" -eq 1 ]; then
  repetitions=${repetitions:-3}; min_time=${min_time:-0.01}
  quick_flag=(--quick)
else
  repetitions=${repetitions:-9}; min_time=${min_time:-0.05}
  quick_flag=()
fi
[ "$processes" -ge 1 ] || { echo "run_benchmarks: --processes must be at least 1" >&2; exit 2; }
# Repetitions per process, rounded up so the run has at least as many as asked.
process_repetitions=$(( (repetitions + processes - 1) / processes ))

cd "$(dirname "$0")/.."
repo=$PWD
python=/usr/bin/python3
build=build/release
bench=$build/benchmarks
allocators=(glibc mimalloc jemalloc tcmalloc)
suffix() { [ "$1" = glibc ] && echo "" || echo "-$1"; }

run_id="$(date -u +%Y%m%dT%H%MZ)-$(git rev-parse --short HEAD)"
mkdir -p "$out"
run_dir="$out/$run_id"
n=2
while [ -e "$run_dir" ]; do run_dir="$out/$run_id-$n"; n=$((n + 1)); done
run_id=$(basename "$run_dir")
mkdir -p "$run_dir/raw"
logs=build/run_benchmarks/$run_id  # the executables' own output, and what env.json is made of
mkdir -p "$logs"
run_log=$logs/run.tsv
printf 'option\tquick\t%s\noption\trepetitions\t%s\noption\tmin_time\t%s\noption\tprocesses\t%s\n' \
  "$quick" "$repetitions" "$min_time" "$processes" >"$run_log"
printf 'load\tstart\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$run_log"
for dir in "${corpora[@]}"; do printf 'option\tcorpus\t%s\n' "$dir" >>"$run_log"; done

# Stages, in order; their count is the N of "stage n/N".
stages=(setup build corpora)
if [ "$profiles" -eq 1 ]; then
  for r in $(seq "$processes"); do stages+=("bench_parse round $r/$processes"); done
  stages+=(bench_parse-glibc-unsettled bench_peers)
fi
if [ ${#corpora[@]} -gt 0 ]; then
  for a in "${allocators[@]}"; do stages+=("bench_parse-$a on your corpora"); done
  stages+=("bench_peers on your corpora")
fi
stages+=(valgrind memory report)

start=$SECONDS
stage_no=0
stage_start=$SECONDS
stage_name=""
elapsed() { printf '%dm%02ds' $(( $1 / 60 )) $(( $1 % 60 )); }
end_stage() {
  [ -n "$stage_name" ] && printf 'stage\t%s\t%d\n' "$stage_name" $((SECONDS - stage_start)) >>"$run_log"
  return 0
}
stage() {
  end_stage
  stage_no=$((stage_no + 1)); stage_name="$1"; stage_start=$SECONDS
  printf '[stage %d/%d] %s (elapsed %s)\n' "$stage_no" "${#stages[@]}" "$1" "$(elapsed $((SECONDS - start)))"
}
# Runs a command with its output in $logs/NAME.log, and records it for env.json.
run() {
  local name="$1"; shift
  printf 'command\t%s\n' "$*" >>"$run_log"
  if ! "$@" >"$logs/$name.log" 2>&1; then
    tail -20 "$logs/$name.log" >&2
    echo "run_benchmarks: failed: $* (log: $logs/$name.log)" >&2
    exit 1
  fi
}

stage setup
run setup bash scripts/setup.sh

stage build
# Only what a run executes: no tests. --quick simulates glibc only, so it
# skips the other bench_cachesim variants (a few minutes of compiling).
targets=(midiarena bench_peers)
for a in "${allocators[@]}"; do
  targets+=("bench_parse$(suffix "$a")")
  if [ "$quick" -eq 0 ] || [ "$a" = glibc ]; then targets+=("bench_cachesim$(suffix "$a")"); fi
done
# mi_heap and je_arena exist only in their allocator's midiarena (memory stage).
[ "$quick" -eq 1 ] || targets+=(midiarena-mimalloc midiarena-jemalloc)
run configure cmake --preset release
run build cmake --build --preset release --target "${targets[@]}"

stage corpora
# OpenMSX from Debian's archive into the corpus cache (never committed), then
# bench_parse generates the profiles it runs on into the same cache on first
# use; listing its benchmarks loads (so generates) them, untimed.
run openmsx bash scripts/fetch_openmsx.sh
run corpora "$bench/bench_parse" "${quick_flag[@]}" --benchmark_list_tests=true
reference_dir=$("$bench/bench_cachesim" --profile reference --count 1 --print-corpus-dir)
printf 'load\tbenchmarks\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$run_log"

timing=(--benchmark_repetitions="$process_repetitions" --benchmark_enable_random_interleaving=true
        --benchmark_min_time="$min_time" --benchmark_out_format=json)
corpus_flags=()
for dir in "${corpora[@]}"; do corpus_flags+=(--corpus "$dir"); done
# The other global allocators run the parse workload only: the claim about
# them (C10) and the allocator findings need no more, and a process of every
# workload takes about 7 minutes on the 2-core VM. Quick: the peers skip the
# large file (libsmf's quadratic teardown takes seconds per pass on it).
variant_filter=(--benchmark_filter='^parse/'); peers_filter=()
if [ "$quick" -eq 1 ]; then peers_filter=(--benchmark_filter=-/large/); fi

if [ "$profiles" -eq 1 ]; then
  # Rounds of one process per global allocator, each round starting with the
  # next allocator, so slow drift of the host spreads over all of them.
  for r in $(seq "$processes"); do
    stage "bench_parse round $r/$processes"
    for i in "${!allocators[@]}"; do
      a=${allocators[$(( (i + r - 1) % ${#allocators[@]} ))]}
      filter=(); [ "$a" = glibc ] || filter=("${variant_filter[@]}")
      run "bench_parse-$a-p$r" "$bench/bench_parse$(suffix "$a")" "${quick_flag[@]}" "${timing[@]}" "${filter[@]}" \
        --benchmark_out="$run_dir/raw/bench_parse-$a-p$r.json"
    done
  done

  stage bench_parse-glibc-unsettled
  # glibc's dynamic mmap/trim thresholds left as loading one reference file
  # leaves them (a finding). They are process history (any large block freed
  # raises them), so each backend gets a process of its own: what ran before
  # cannot settle it.
  named=$logs/corpus && mkdir -p "$named" && ln -sfn "$(realpath "$reference_dir")" "$named/reference"
  for backend in $("$build/cli/midiarena" backends | grep -v '^#'); do
    run "bench_parse-glibc-unsettled-$backend" "$bench/bench_parse" --no-heap-settle --corpus "$named/reference" \
      "${timing[@]}" --benchmark_filter="^parse/$backend/reference/fresh\$" \
      --benchmark_out="$run_dir/raw/bench_parse-glibc-unsettled-$backend.json"
  done

  stage bench_peers
  # As many repetitions as one bench_parse process, so a peer's median and CV are over
  # repetitions too (mido runs 3 passes per repetition, 1 with --quick).
  run bench_peers "$bench/bench_peers" "${quick_flag[@]}" "${peers_filter[@]}" "${timing[@]}" \
    --benchmark_out="$run_dir/raw/bench_peers.json"
fi

if [ ${#corpora[@]} -gt 0 ]; then
  for a in "${allocators[@]}"; do
    stage "bench_parse-$a on your corpora"
    filter=(--benchmark_filter=-^alloc_scaling/)  # it does not depend on the corpus
    [ "$a" = glibc ] || filter=("${variant_filter[@]}")
    run "bench_parse-$a-corpora" "$bench/bench_parse$(suffix "$a")" "${corpus_flags[@]}" "${timing[@]}" "${filter[@]}" \
      --benchmark_out="$run_dir/raw/bench_parse-$a-corpora.json"
  done
  stage "bench_peers on your corpora"
  run bench_peers-corpora "$bench/bench_peers" "${corpus_flags[@]}" "${timing[@]}" \
    --benchmark_out="$run_dir/raw/bench_peers-corpora.json"
fi

stage valgrind
cachesim=(--output "$run_dir/raw/cachesim.json")
[ "$quick" -eq 0 ] || cachesim+=(--allocator glibc)
[ "$profiles" -eq 0 ] || cachesim+=(--profile reference:1)
run cachesim "$python" scripts/run_cachesim.py "${cachesim[@]}" "${corpus_flags[@]}"

stage memory
# One parse per file of every corpus bench_parse ran on, per backend, each in
# a process of its own (midiarena mem): resident, requested, peak live and
# reserved-but-unused bytes (claims C6-C8, the slack finding).
run memory "$python" scripts/run_memory.py "$run_dir" --midiarena "$build/cli/midiarena" --log "$run_log"

stage report
run env "$python" scripts/write_env.py "$run_dir" --run-id "$run_id" --build-dir "$build" --run-log "$run_log"
run report "$python" scripts/claims_report.py "$run_dir"
ln -sfn "$run_id" "$out/latest"

printf 'done in %s: %s (results/latest -> %s)\n' "$(elapsed $((SECONDS - start)))" "$run_dir" "$run_id"
awk -F'\t' '$1 == "stage" { printf "  %-34s %5d s\n", $2, $3 }' "$run_log"
printf '  %-34s %5d s\n' report $((SECONDS - stage_start))
grep -E '^\| C[0-9]+ ' "$run_dir/claims.md" || true
