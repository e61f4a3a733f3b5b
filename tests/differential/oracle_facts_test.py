#!/usr/bin/python3
"""The facts about python3-mido 1.2.10 that the oracle handles (SPEC 4.3),
on the hand-made files of facts/ (make_facts.py spells out their bytes),
each with a hand-written expected dump (facts/<name>.dump).

Usage: /usr/bin/python3 oracle_facts_test.py MIDIARENA

For every file it checks three things:
  1. plain mido (without the oracle's change) still behaves as the fact says,
     so that a newer mido that no longer does shows up here first;
  2. the oracle answers the fact: its folded dump equals the folded expected
     dump, or it rejects the file where mido cannot read it (RIFF RMID,
     unknown chunks);
  3. `MIDIARENA dump FILE` prints exactly the expected dump, byte for byte
     (the F0/F7 distinction and the framing bytes the oracle cannot see, the
     files mido rejects).
Prints one line per check and a summary `N passed, M failed`; exit 1 on any
failure.
"""
import os
import subprocess
import sys

import mido
import mido.midifiles.midifiles as mido_reader

HERE = os.path.dirname(os.path.abspath(__file__))
FACTS = os.path.join(HERE, "facts")
PLAIN_BUILD_META = mido_reader.build_meta_message  # before mido_oracle replaces it

sys.path.insert(0, HERE)
import mido_oracle  # noqa: E402


def plain_mido(path):
    """mido as shipped, without the oracle's raw meta messages."""
    patched = mido_reader.build_meta_message
    mido_reader.build_meta_message = PLAIN_BUILD_META
    try:
        return mido.MidiFile(path)
    finally:
        mido_reader.build_meta_message = patched


def rejects(read, path):
    try:
        read(path)
    except Exception:  # noqa: BLE001  (any error mido raises)
        return True
    return False


def fact_sysex(path):
    msgs = [m for m in plain_mido(path).tracks[0] if m.type == "sysex"]
    datas = [list(m.data) for m in msgs]
    return (len(msgs) == 5 and datas[0] == [0x7E, 0x7F, 0x09, 0x01] and datas[2] == [0x34, 0x56],
            "mido reads F0 and F7 events both as sysex, the trailing F7 stripped")


def fact_meta_decoded(path):
    tempo = PLAIN_BUILD_META(0x51, [0x07, 0xA1, 0x20], 0)
    decoded = tempo.type == "set_tempo" and tempo.tempo == 500000 and not hasattr(tempo, "data")
    return (decoded and rejects(plain_mido, path),
            "mido decodes known meta types into fields and rejects the file for a key signature of 9 sharps")


def fact_unknown_meta_delta(path):
    track = plain_mido(path).tracks[0]
    ticks = [m.time for m in track]
    return (ticks[1] == 0 and sum(ticks[:3]) == 10,
            "mido reads the unknown meta type 0x60 without its delta (the note off lands on tick 10, not 110)")


def fact_rejected(path):
    return rejects(plain_mido, path), "mido rejects the file"


CASES = [  # file, expected dump, the fact, whether the oracle reads the file
    ("sysex-f0-f7.mid", fact_sysex, True),
    ("meta-decoded.mid", fact_meta_decoded, True),
    ("meta-unknown-delta.mid", fact_unknown_meta_delta, True),
    ("unknown-chunk.mid", fact_rejected, False),
    ("rmid.rmi", fact_rejected, False),
]


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    midiarena = sys.argv[1]
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        print("%s %s" % ("ok  " if ok else "FAIL", what))
        passed, failed = passed + bool(ok), failed + (not ok)

    for name, fact, oracle_reads in CASES:
        path = os.path.join(FACTS, name)
        with open(os.path.splitext(path)[0] + ".dump") as f:
            expected = f.read()
        ok, what = fact(path)
        check(ok, "%s: fact: %s" % (name, what))
        if oracle_reads:
            try:
                theirs = mido_oracle.fold(mido_oracle.dump_lines(path))
            except Exception as exc:  # noqa: BLE001
                theirs = ["rejected: %s" % exc]
            check(theirs == mido_oracle.fold(expected.splitlines()),
                  "%s: the oracle's dump, folded, is the expected dump folded" % name)
        else:
            check(rejects(lambda p: list(mido_oracle.dump_lines(p)), path), "%s: the oracle rejects it" % name)
        run = subprocess.run([midiarena, "dump", path], capture_output=True, text=True)
        check(run.returncode == 0 and run.stdout == expected,
              "%s: midiarena dump prints the expected dump%s" % (
                  name, "" if run.returncode == 0 and run.stdout == expected else
                  " (exit %d)\n--- got\n%s--- expected\n%s%s" % (run.returncode, run.stdout, expected, run.stderr)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
