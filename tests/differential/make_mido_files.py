#!/usr/bin/python3
"""Writes differential-test files with python3-mido's own writer.

Usage: /usr/bin/python3 make_mido_files.py OUT_DIR [--count N] [--seed S]

Each file has several hundred events of every kind the canonical dump knows:
all seven channel messages (mido writes running status wherever it can),
sysex of short and long (multi-byte length) payloads, meta events of many
types including text, tempo, time/key signatures and unknown types, deltas of
1 to 4 VLQ bytes, formats 0, 1 and 2, PPQ and SMPTE divisions.
"""
import argparse
import os
import random

import mido
from mido.midifiles.meta import UnknownMetaMessage

CHANNEL_KINDS = ("note_on", "note_off", "polytouch", "control_change",
                 "program_change", "aftertouch", "pitchwheel")
DELTAS = (0, 0, 0, 1, 10, 120, 127, 128, 480, 16383, 16384, 2097151, 2097152, 0x0FFFFFFF)


def channel_message(rng, delta):
    kind = rng.choice(CHANNEL_KINDS)
    ch = rng.randrange(16)
    if kind in ("note_on", "note_off"):
        return mido.Message(kind, channel=ch, note=rng.randrange(128), velocity=rng.randrange(128), time=delta)
    if kind == "polytouch":
        return mido.Message(kind, channel=ch, note=rng.randrange(128), value=rng.randrange(128), time=delta)
    if kind == "control_change":
        return mido.Message(kind, channel=ch, control=rng.randrange(128), value=rng.randrange(128), time=delta)
    if kind == "program_change":
        return mido.Message(kind, channel=ch, program=rng.randrange(128), time=delta)
    if kind == "aftertouch":
        return mido.Message(kind, channel=ch, value=rng.randrange(128), time=delta)
    return mido.Message(kind, channel=ch, pitch=rng.choice((-8192, 8191, 0, rng.randrange(-8192, 8192))), time=delta)


def meta_message(rng, delta):
    choice = rng.randrange(7)
    if choice == 0:
        kind = rng.choice(("text", "copyright", "track_name", "instrument_name", "lyrics", "marker", "cue_marker"))
        field = "name" if kind in ("track_name", "instrument_name") else "text"
        text = "".join(rng.choice("abc xyz!") for _ in range(rng.randrange(0, 200)))
        return mido.MetaMessage(kind, time=delta, **{field: text})
    if choice == 1:
        return mido.MetaMessage("set_tempo", tempo=rng.randrange(200000, 1500000), time=delta)
    if choice == 2:
        return mido.MetaMessage("time_signature", numerator=rng.choice((2, 3, 4, 6, 7)),
                                denominator=rng.choice((2, 4, 8)), time=delta)
    if choice == 3:
        return mido.MetaMessage("key_signature", key=rng.choice(("C", "Am", "Eb", "F#m", "Cb")), time=delta)
    if choice == 4:
        return mido.MetaMessage("sequencer_specific", data=[rng.randrange(128) for _ in range(5)], time=delta)
    if choice == 5:
        return UnknownMetaMessage(rng.choice((0x09, 0x21, 0x4B, 0x60, 0x7E)),
                                  [rng.randrange(256) for _ in range(rng.randrange(0, 300))], time=delta)
    return mido.MetaMessage("smpte_offset", hours=1, minutes=2, seconds=3, frames=4, sub_frames=5, time=delta)


def sysex_message(rng, delta):
    size = rng.choice((0, 1, 5, 127, 128, 500))
    return mido.Message("sysex", data=[rng.randrange(128) for _ in range(size)], time=delta)


def track(rng, events):
    t = mido.MidiTrack()
    for _ in range(events):
        delta = rng.choice(DELTAS) if rng.random() < 0.05 else rng.randrange(0, 96)
        r = rng.random()
        if r < 0.85:
            t.append(channel_message(rng, delta))
        elif r < 0.95:
            t.append(meta_message(rng, delta))
        else:
            t.append(sysex_message(rng, delta))
    return t


def make_file(rng, index):
    fmt = (0, 1, 1, 2)[index % 4]
    division = -((25 << 8) - 40) if index % 7 == 6 else rng.choice((96, 480, 960))
    midi = mido.MidiFile(type=fmt, ticks_per_beat=division)
    for _ in range(1 if fmt == 0 else rng.randrange(2, 6)):
        midi.tracks.append(track(rng, rng.randrange(200, 800)))
    return midi


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=24)
    ap.add_argument("--seed", type=int, default=20261124)
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(args.count):
        make_file(rng, i).save(os.path.join(args.out_dir, "mido-%03d.mid" % i))


if __name__ == "__main__":
    main()
