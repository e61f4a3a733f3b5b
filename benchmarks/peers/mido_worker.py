"""python3-mido as a peer of bench_peers: a worker that keeps MIDI files in
memory and times how long mido takes to parse them.

bench_peers starts it as `/usr/bin/python3 benchmarks/peers/mido_worker.py`
and talks to it over stdin and stdout (the protocol of worker_peer.hpp,
which js/node_worker.js speaks too). A request is one JSON line, followed by
the bytes of the files it carries, back to back, their lengths in "sizes";
every answer is one JSON line.

  (unasked, at start)                          {"library": "python3-mido", "version": mido.__version__,
                                                "runtime": "Python 3.11.2"}
  {"op": "parse", "sizes": [n]} + one file     {"events": e} or {"error": "why"}
  {"op": "load", "corpus": c, "sizes": [...]}  {"files": k}; keeps them as corpus c
  {"op": "time", "corpus": c, "sizes": []}     {"ns": t, "counters": {"cpu_ms": c}}

`parse` is the untimed check: the messages mido saw in every track, or the
exception it raised. `time` is one timed pass: every file of corpus c parsed
with mido.MidiFile(file=io.BytesIO(data)) and dropped (freed, by reference
counting), timed with time.perf_counter_ns around the whole pass; cpu_ms is
the CPU time the worker spent in it (time.process_time_ns), which, unlike
the wall time, does not grow while the worker waits for a busy CPU. The
worker exits at the end of its input.
"""
import argparse
import io
import json
import platform
import sys
import time

import mido


def events_in(data):
    return sum(len(track) for track in mido.MidiFile(file=io.BytesIO(data)).tracks)


def timed_pass(files):
    start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
    for data in files:
        mido.MidiFile(file=io.BytesIO(data))
    cpu, end = time.process_time_ns(), time.perf_counter_ns()
    return {"ns": end - start, "counters": {"cpu_ms": (cpu - start_cpu) / 1e6}}


def answer(request, files, corpora):
    op = request["op"]
    if op == "parse":
        try:
            return {"events": events_in(files[0])}
        except Exception as e:  # whatever mido raises is its verdict on the file
            return {"error": type(e).__name__ + (": %s" % e if str(e) else "")}
    if op == "load":
        corpora[request["corpus"]] = files
        return {"files": len(files)}
    if op == "time":
        return timed_pass(corpora[request["corpus"]])
    raise ValueError("unknown op %r" % op)


def serve(requests, answers):
    corpora = {}
    answers.write(json.dumps({"library": "python3-mido", "version": mido.__version__,
                              "runtime": "Python " + platform.python_version()}) + "\n")
    answers.flush()
    for line in requests:
        request = json.loads(line)
        files = [requests.read(size) for size in request["sizes"]]
        answers.write(json.dumps(answer(request, files, corpora)) + "\n")
        answers.flush()


def main():
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    serve(sys.stdin.buffer, sys.stdout)


if __name__ == "__main__":
    main()
