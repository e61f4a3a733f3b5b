#!/usr/bin/python3
"""Smoke test of bench_peers: runs it briefly on the quick reference corpus
and checks that its JSON has items_per_second for every peer, and each
peer's version in the context. Prints one line per peer; exit 1 on a miss.

Usage: /usr/bin/python3 smoke_test.py BENCH_PEERS
"""
import argparse
import json
import subprocess

PEERS = ("portsmf", "libsmf", "mido")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench_peers")
    args = parser.parse_args()
    out = subprocess.run([args.bench_peers, "--quick", "--benchmark_filter=/reference/",
                          "--benchmark_min_time=0.01", "--benchmark_format=json"],
                         check=True, stdout=subprocess.PIPE).stdout
    run = json.loads(out)  # fails if a peer wrote to stdout
    by_peer = {b["name"].split("/")[1]: b for b in run["benchmarks"]}
    missing = 0
    for peer in PEERS:
        bench = by_peer.get(peer, {})
        rate = bench.get("items_per_second", 0)
        version = run["context"].get("peer/" + peer)
        print("%-8s %s events/s, %s, %s" % (peer, rate, version, bench.get("error_message", "no error")))
        missing += not (rate > 0 and version and not bench.get("error_occurred"))
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
