#!/usr/bin/python3
"""Unit tests of midiarena_tools.cachesim's reading of callgrind output, on a
file captured from a real run (callgrind.out.sample beside this file)."""

import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "scripts"))
from midiarena_tools import cachesim  # noqa: E402

SAMPLE = (HERE / "callgrind.out.sample").read_text()


class ParseCallgrindOutput(unittest.TestCase):
    def test_reads_the_summary_line_by_event_name(self):
        events = cachesim.parse_callgrind_output(SAMPLE)["events"]
        self.assertEqual(events, {"Ir": 292824, "Dr": 60251, "Dw": 19697, "I1mr": 4, "D1mr": 3681,
                                  "D1mw": 87, "ILmr": 4, "DLmr": 0, "DLmw": 20})

    def test_reads_the_simulated_geometry(self):
        geometry = cachesim.parse_callgrind_output(SAMPLE)["geometry"]
        self.assertEqual(geometry["D1"], {"size": 32768, "assoc": 8, "line": 64})
        self.assertEqual(geometry["LL"], {"size": 8388608, "assoc": 16, "line": 64})
        self.assertEqual(set(geometry), {"I1", "D1", "LL"})

    def test_falls_back_to_totals_without_summary(self):
        text = "\n".join(line for line in SAMPLE.splitlines() if not line.startswith("summary:"))
        self.assertEqual(cachesim.parse_callgrind_output(text)["events"]["Ir"], 292814)

    def test_rejects_output_without_cache_simulation(self):
        text = SAMPLE.replace("events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw", "events: Ir")
        with self.assertRaisesRegex(cachesim.CachesimError, "--cache-sim=yes"):
            cachesim.parse_callgrind_output(text)

    def test_rejects_output_without_totals(self):
        text = "\n".join(line for line in SAMPLE.splitlines() if not line.startswith(("summary:", "totals:")))
        with self.assertRaisesRegex(cachesim.CachesimError, "totals"):
            cachesim.parse_callgrind_output(text)


class PerIteration(unittest.TestCase):
    def test_divides_counts_by_iterations_and_rates_by_accesses(self):
        events = cachesim.parse_callgrind_output(SAMPLE)["events"]
        figures = cachesim.per_iteration(events, iterations=2, events_per_iteration=4693)
        self.assertEqual(figures["instructions"], 292824 / 2)
        self.assertEqual(figures["instructions_per_event"], 292824 / (2 * 4693))
        self.assertEqual(figures["d1_read_misses"], 3681 / 2)
        self.assertEqual(figures["d1_write_misses"], 87 / 2)
        # D1 read rate counts reads only; the all-access rate counts writes too.
        self.assertEqual(figures["d1_read_miss_rate"], 3681 / 60251)
        self.assertEqual(figures["d1_miss_rate"], (3681 + 87) / (60251 + 19697))
        self.assertEqual(figures["ll_misses"], (4 + 0 + 20) / 2)
        self.assertEqual(figures["ll_write_misses"], 20 / 2)

    def test_misses_per_event_and_per_first_touch_line(self):
        events = cachesim.parse_callgrind_output(SAMPLE)["events"]
        figures = cachesim.per_iteration(events, iterations=2, events_per_iteration=4693, first_touch_lines=1000)
        self.assertEqual(figures["d1_read_misses_per_event"], 3681 / (2 * 4693))
        self.assertEqual(figures["d1_misses_per_event"], (3681 + 87) / (2 * 4693))
        self.assertEqual(figures["first_touch_lines"], 1000)
        # All D1 misses of one iteration against that iteration's floor.
        self.assertEqual(figures["misses_per_first_touch_line"], (3681 + 87) / (2 * 1000))
        self.assertIsNone(cachesim.per_iteration(events, 2, 4693)["misses_per_first_touch_line"])

    def test_instructions_only_without_the_cache_model(self):
        figures = cachesim.per_iteration({"Ir": 3000}, iterations=1, events_per_iteration=1000)
        self.assertEqual(figures, {"instructions": 3000, "instructions_per_event": 3.0})

    def test_no_rate_without_accesses(self):
        events = dict.fromkeys(cachesim.EVENTS, 0)
        self.assertIsNone(cachesim.per_iteration(events, 1, 1)["d1_miss_rate"])


if __name__ == "__main__":
    unittest.main()
