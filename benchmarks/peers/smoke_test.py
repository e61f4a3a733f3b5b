#!/usr/bin/python3
"""Smoke test of bench_peers: runs it briefly on the quick reference corpus,
two repetitions, and checks that its JSON has items_per_second in every
repetition of every peer, and each peer's version in the context. Prints
one line per peer; exit 1 on a miss.

Usage: /usr/bin/python3 smoke_test.py BENCH_PEERS
"""
import argparse
import json
import subprocess

REPETITIONS = 2
PEERS = ("portsmf", "libsmf", "mido", "midi-file", "@tonejs/midi")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench_peers")
    args = parser.parse_args()
    out = subprocess.run([args.bench_peers, "--quick", "--benchmark_filter=/reference/",
                          "--benchmark_min_time=0.01", "--benchmark_repetitions=%d" % REPETITIONS,
                          "--benchmark_format=json"],
                         check=True, stdout=subprocess.PIPE).stdout
    run = json.loads(out)  # fails if a peer wrote to stdout
    by_peer = {}  # parse/<peer>/reference/fresh..., where a peer's name may hold a "/" (@tonejs/midi)
    for b in run["benchmarks"]:
        if b.get("run_type") == "iteration":
            by_peer.setdefault(b["run_name"].split("/reference/")[0].removeprefix("parse/"), []).append(b)
    missing = 0
    for peer in PEERS:
        reps = by_peer.get(peer, [])
        rates = [b.get("items_per_second", 0) for b in reps]
        errors = [b["error_message"] for b in reps if b.get("error_occurred")]
        version = run["context"].get("peer/" + peer)
        print("%-12s %s events/s, %s, %s" % (peer, rates, version, errors or "no error"))
        missing += not (len(rates) == REPETITIONS and min(rates) > 0 and version and not errors)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
