// A JavaScript MIDI file parser as a peer of bench_peers: a Node.js worker
// that keeps MIDI files in memory and times how long the parser takes to
// parse them. It speaks mido_worker.py's protocol (../worker_peer.hpp):
//
//   node --expose-gc node_worker.js midi-file|@tonejs/midi
//
// then, over stdin and stdout, requests of one JSON line each followed by
// the bytes of the files they carry (lengths in "sizes"), answers of one
// JSON line each:
//
//   (unasked, at start)                          {"library": "midi-file", "version": "1.2.4", "runtime": "Node.js 20.20.2"}
//   {"op": "parse", "sizes": [n]} + one file     {"events": e} or {"error": "why"}
//   {"op": "load", "corpus": c, "sizes": [...]}  {"files": k}; keeps them as corpus c
//   {"op": "time", "corpus": c, "sizes": []}     {"ns": t, "counters": {"cpu_ms": c, "gc_ms": g}}
//
// `parse` is the untimed check. `time` is one timed pass: every file of
// corpus c parsed and dropped, timed with process.hrtime.bigint() around the
// whole pass; V8 collects what it collects while the pass allocates (minor
// GCs, incremental marking) inside that time. cpu_ms is the CPU time the
// process spent in the pass (process.cpuUsage(): every thread, V8's GC and
// compiler helpers too), which, unlike the wall time, does not grow while
// the worker waits for a busy CPU. The pass's garbage left at its
// end is then collected by a forced full gc(), timed apart and reported as
// the counter gc_ms, so every pass starts from the same heap and "parse and
// free" can be read with or without the deferred collection. `load` also
// runs untimed passes (warmUp), so V8 has compiled the parser's hot paths
// before the first timed one. The worker exits at the end of its input.
'use strict';

const fs = require('fs');
const path = require('path');

// What one parse builds, and the events it holds in the library's own model.
const LIBRARIES = {
  // The tokenizer: an array of event objects per track, as in the file.
  'midi-file': () => {
    const { parseMidi } = require('midi-file');
    return {
      parse: (data) => parseMidi(data),
      events: (midi) => midi.tracks.reduce((n, track) => n + track.length, 0),
    };
  },
  // Tone.js's model on top of midi-file: notes (note-on paired with its
  // note-off), control changes and pitch bends per track, tempo, time and key
  // signatures and other meta events in the header.
  '@tonejs/midi': () => {
    const { Midi } = require('@tonejs/midi');
    return {
      parse: (data) => new Midi(data),
      events: (midi) =>
        midi.header.tempos.length + midi.header.timeSignatures.length + midi.header.keySignatures.length +
        midi.header.meta.length +
        midi.tracks.reduce(
          (n, track) =>
            n + track.notes.length + track.pitchBends.length +
            Object.values(track.controlChanges).reduce((m, changes) => m + changes.length, 0),
          0),
    };
  },
};

function versionOf(library) {
  // A package's version is in its package.json, which "exports" may hide
  // from require: find it beside the entry point.
  let dir = path.dirname(require.resolve(library));
  while (!fs.existsSync(path.join(dir, 'package.json')) ||
         JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== library) {
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

// Blocking reads of stdin: a line, then a number of bytes.
class Input {
  constructor(fd) {
    this.fd = fd;
    this.chunks = [];  // unread input, in order
    this.length = 0;   // their bytes
    this.eof = false;
  }

  fill() {
    const chunk = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      try {
        const n = fs.readSync(this.fd, chunk, 0, chunk.length, null);
        if (n === 0) this.eof = true;
        this.chunks.push(chunk.subarray(0, n));
        this.length += n;
        return;
      } catch (e) {
        if (e.code !== 'EAGAIN') throw e;
      }
    }
  }

  joined() {  // the unread input as one buffer
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0];
  }

  take(n) {  // the next n bytes, which have arrived
    const all = this.joined();
    this.chunks = [all.subarray(n)];
    this.length -= n;
    return all.subarray(0, n);
  }

  line() {
    for (let searched = 0;;) {
      const all = this.joined();
      const end = all.indexOf(0x0a, searched);
      if (end >= 0) return this.take(end + 1).toString('utf8', 0, end);
      if (this.eof) return null;
      searched = all.length;
      this.fill();
    }
  }

  bytes(n) {
    while (this.length < n) {
      if (this.eof) throw new Error(`input ended ${n - this.length} bytes short`);
      this.fill();
    }
    // A copy of its own, as a Uint8Array: what a browser would hand the parser.
    return new Uint8Array(this.take(n));
  }
}

function timedPass(parser, files) {
  const start = process.hrtime.bigint();
  const startCpu = process.cpuUsage();
  for (const data of files) parser.parse(data);
  const cpu = process.cpuUsage(startCpu);
  const parsed = process.hrtime.bigint();
  global.gc();
  const collected = process.hrtime.bigint();
  return {
    ns: Number(parsed - start),
    counters: { cpu_ms: (cpu.user + cpu.system) / 1e3, gc_ms: Number(collected - parsed) / 1e6 },
  };
}

// Untimed passes until V8 has tiered the parser's hot code up: one pass was
// not enough (midi-file's first timed passes on the reference file took 15x
// the CPU time of later ones), so at least kWarmUpPasses, and more while they
// add up to less than kWarmUpMs, at most kWarmUpMaxPasses.
const kWarmUpPasses = 3;
const kWarmUpMs = 500;
const kWarmUpMaxPasses = 50;

function warmUp(parser, files) {
  const start = process.hrtime.bigint();
  for (let pass = 0; pass < kWarmUpMaxPasses; ++pass) {
    if (pass >= kWarmUpPasses && Number(process.hrtime.bigint() - start) / 1e6 >= kWarmUpMs) break;
    timedPass(parser, files);
  }
}

function answer(parser, request, files, corpora) {
  switch (request.op) {
    case 'parse':
      try {
        return { events: parser.events(parser.parse(files[0])) };
      } catch (e) {  // whatever the parser throws (midi-file throws strings) is its verdict on the file
        return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      }
    case 'load':
      corpora.set(request.corpus, files);
      warmUp(parser, files);
      return { files: files.length };
    case 'time':
      return timedPass(parser, corpora.get(request.corpus));
    default:
      throw new Error(`unknown op ${JSON.stringify(request.op)}`);
  }
}

function main() {
  const library = process.argv[2];
  if (!(library in LIBRARIES) || typeof global.gc !== 'function') {
    process.stderr.write(`usage: node --expose-gc node_worker.js ${Object.keys(LIBRARIES).join('|')}\n`);
    process.exit(2);
  }
  let parser;
  try {
    parser = LIBRARIES[library]();
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    process.stderr.write(`node_worker: ${library} is not installed in ${__dirname}/node_modules: ` +
                         'scripts/setup.sh installs it (npm ci)\n');
    process.exit(1);
  }
  const say = (object) => fs.writeSync(1, JSON.stringify(object) + '\n');
  say({ library, version: versionOf(library), runtime: `Node.js ${process.versions.node}` });
  const input = new Input(0);
  const corpora = new Map();
  for (let line; (line = input.line()) !== null;) {
    if (line === '') continue;
    const request = JSON.parse(line);
    const files = request.sizes.map((size) => input.bytes(size));
    say(answer(parser, request, files, corpora));
  }
}

main();
