#!/usr/bin/python3
"""Writes the hand-made files of tests/differential/facts/ (committed; run
this only to change them, then rewrite the expected `.dump` beside each by
hand). Each file shows one fact about python3-mido 1.2.10 that the oracle
(../mido_oracle.py) must handle; the bytes are spelled out below so that the
expected dumps can be checked against them by eye.

Usage: /usr/bin/python3 make_facts.py [OUT_DIR]   (default: this folder)
"""
import os
import struct
import sys


def chunk(name, body):
    return name + struct.pack(">L", len(body)) + body


def smf(fmt, division, *bodies, ntrks=None):
    header = chunk(b"MThd", struct.pack(">HHH", fmt, len(bodies) if ntrks is None else ntrks, division))
    return header + b"".join(bodies)


def mtrk(hex_events):
    return chunk(b"MTrk", bytes.fromhex(hex_events.replace(" ", "")))


FILES = {
    # mido reads F0 and F7 events alike as `sysex` and strips a leading F0
    # and a trailing F7: the project keeps both kinds and their bytes.
    "sysex-f0-f7.mid": smf(0, 96, mtrk(
        "00 f0 05 7e7f0901f7"    # tick 0: a whole sysex message
        " 0a f0 03 431200"       # tick 10: its first packet, no F7
        " 05 f7 03 3456f7"       # tick 15: the continuation packet, F7 at its end
        " 05 f7 02 0102"         # tick 20: an escape (any bytes)
        " 00 f0 00"              # tick 20: an empty sysex
        " 00 90 3c64"            # note on
        " 60 80 3c40"            # tick 116: note off
        " 00 ff2f00")),
    # mido decodes the meta types it knows; the key signature with 9 sharps
    # makes it reject the whole file; the oracle keeps every payload raw.
    "meta-decoded.mid": smf(1, 480, mtrk(
        "00 ff5103 07a120"       # tempo 500000
        " 00 ff5804 03021808"    # time signature 3/4
        " 00 ff5902 0900"        # key signature: 9 sharps, out of range
        " 00 ff0305 5069616e6f"  # track name "Piano"
        " 0a ff5405 6000000000"  # tick 10: SMPTE offset
        " 00 ff7f03 000041"      # sequencer specific
        " 05 c005"               # tick 15: program change
        " 00 ff2f00")),
    # mido reads an unknown meta type without its delta time, so what
    # follows moves 100 ticks earlier; the oracle keeps the delta.
    "meta-unknown-delta.mid": smf(0, 96, mtrk(
        "00 903c64"
        " 64 ff6002 abcd"        # tick 100: meta type 0x60, unknown to mido
        " 0a 803c00"             # tick 110: note off
        " 00 ff2f00")),
    # mido rejects both; the project reads them.
    "unknown-chunk.mid": smf(1, 96,
                             chunk(b"XFIH", b"abc"),
                             mtrk("00 ff0303 6f6e65 00 ff2f00"),
                             chunk(b"junk", b""),
                             mtrk("00 b10764 00 e10040 00 ff2f00"),
                             ntrks=2),
}
inner = smf(0, 96, mtrk("00 904050 30 4000 00 ff2f00"))  # running status note-on, velocity 0
data = chunk(b"data", inner)[:4] + struct.pack("<L", len(inner)) + inner + (b"\0" if len(inner) % 2 else b"")
FILES["rmid.rmi"] = b"RIFF" + struct.pack("<L", 4 + len(data)) + b"RMID" + data


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for name, data in FILES.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
