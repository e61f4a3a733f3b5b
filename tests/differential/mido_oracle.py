#!/usr/bin/python3
"""The project's reference parser: python3-mido printing the canonical dump.

Usage: /usr/bin/python3 mido_oracle.py FILE       (Debian package python3-mido)

Prints FILE in the canonical dump format of SPEC section 4 (as
`midiarena dump` does), read by python3-mido, an independent parser. Exit 0
on success, 1 when mido rejects the file (the reason on stderr), 2 on a usage
error.

What it does about mido 1.2.10 (SPEC 4.3; tests/differential/facts/ holds a
file and a hand-written expected dump for each, and oracle_facts_test.py
checks both the facts and this program's answer to them):

* mido cannot tell an F0 sysex event from an F7 escape: it reads both as
  `sysex` and strips a leading F0 and a trailing F7 from the payload. The
  oracle prints `sysex <payload as mido gives it>`; `fold()` below turns the
  project's `sysex`/`sysex_escape` lines into the same form, so a comparison
  folds both sides the same way and is blind only to the F0/F7 distinction
  and the framing bytes (the hand-written expected dumps test those).
* mido decodes the meta events it knows (tempo, key signature, text, ...)
  into fields instead of keeping their bytes, rejects some real-world
  payloads while doing so (a key signature out of range), and reads a meta
  type it does not know into an UnknownMetaMessage *without its delta time*
  (mido.midifiles.meta.build_meta_message drops the `delta` argument), which
  shifts every later tick of the track. The oracle therefore replaces the
  one function mido's reader calls to build a meta message by one that keeps
  type, raw bytes and delta for every meta event. Everything else (chunks,
  VLQs, running status, channel messages, sysex) is mido's own reading.
* mido reads only `MThd` then `MTrk` chunks: it rejects a RIFF `RMID`
  wrapper and any chunk of another type. The oracle reports those files as
  rejected; the project's behaviour on them is checked against
  hand-written expected dumps instead.
* mido keeps system messages that are illegal in a file (F1-F6, F8-FE; it
  rejects some) as messages; the oracle prints them as `unknown <hex>`
  lines, which the project's lenient mode skips (conformance_vs_mido.py
  leaves them out of the comparison).
"""
import sys

import mido
import mido.midifiles.midifiles as mido_reader
from mido.midifiles.meta import UnknownMetaMessage

if not mido.__version__.startswith("1.2."):
    sys.stderr.write("mido_oracle.py: written for python3-mido 1.2.x (Debian 12), found %s; "
                     "recheck the facts in its docstring (oracle_facts_test.py)\n" % mido.__version__)
    sys.exit(3)
if not hasattr(mido_reader, "build_meta_message"):
    sys.stderr.write("mido_oracle.py: mido's reader no longer calls build_meta_message; see its docstring\n")
    sys.exit(3)


def keep_meta_raw(meta_type, data, delta=0):
    """Replaces mido_reader.build_meta_message: type, raw bytes and delta as read."""
    return UnknownMetaMessage(meta_type, data, time=delta)


# The reader looks the name up in its own module at call time.
mido_reader.build_meta_message = keep_meta_raw

# mido message type -> (canonical kind, fields after the channel)
CHANNEL_MESSAGES = {
    "note_off": ("note_off", ("note", "velocity")),
    "note_on": ("note_on", ("note", "velocity")),
    "polytouch": ("poly_aftertouch", ("note", "value")),
    "control_change": ("control_change", ("control", "value")),
    "program_change": ("program_change", ("program",)),
    "aftertouch": ("channel_pressure", ("value",)),
}


def hex_or_dash(data):
    return bytes(data).hex() or "-"


def event_line(track, tick, msg):
    if msg.is_meta:  # always an UnknownMetaMessage here: keep_meta_raw
        return "%d %d meta %02x %s" % (track, tick, msg.type_byte, hex_or_dash(msg.data))
    if msg.type == "sysex":  # F0 or F7, framing stripped by mido
        return "%d %d sysex %s" % (track, tick, hex_or_dash(msg.data))
    if msg.type == "pitchwheel":  # mido centres it on 0
        return "%d %d pitch_bend %d %d" % (track, tick, msg.channel, msg.pitch + 8192)
    if msg.type in CHANNEL_MESSAGES:
        kind, fields = CHANNEL_MESSAGES[msg.type]
        values = " ".join(str(getattr(msg, f)) for f in fields)
        return "%d %d %s %d %s" % (track, tick, kind, msg.channel, values)
    return "%d %d unknown %s" % (track, tick, hex_or_dash(msg.bytes()))


def dump_lines(path):
    """The canonical dump of PATH as mido reads it; raises what mido raises."""
    midi = mido.MidiFile(path)
    yield "header format=%d tracks=%d division=%d" % (midi.type, len(midi.tracks), midi.ticks_per_beat & 0xFFFF)
    for index, track in enumerate(midi.tracks):
        yield "track %d" % index
        tick = 0
        for msg in track:
            tick += msg.time
            yield event_line(index, tick, msg)


def fold(lines):
    """SPEC 4.3: a dump (the project's or the oracle's) in the form both can
    agree on: `sysex_escape` read as `sysex`, a leading F0 and a trailing F7
    stripped from sysex payloads, as mido does; blank lines and `#` comments
    dropped, runs of blanks collapsed."""
    out = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) >= 3 and parts[2] in ("sysex", "sysex_escape"):
            data = bytes.fromhex(parts[3]) if len(parts) > 3 and parts[3] != "-" else b""
            if data[:1] == b"\xf0":
                data = data[1:]
            if data[-1:] == b"\xf7":
                data = data[:-1]
            parts = parts[:2] + ["sysex", data.hex() or "-"]
        out.append(" ".join(parts))
    return out


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    try:
        lines = list(dump_lines(argv[1]))
    except Exception as exc:  # mido raises IOError, EOFError, ValueError, KeyError ...
        sys.stderr.write("mido rejected %s: %s: %s\n" % (argv[1], type(exc).__name__, exc))
        return 1
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
