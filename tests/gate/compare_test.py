#!/usr/bin/python3
"""compare_results.py on small synthetic result sets: the 2 % threshold on
valgrind counts gates, improvements and timings do not, and counts that are
not comparable (other valgrind, iterations, geometry, corpus) are refused."""

import copy
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))
from midiarena_tools import compare  # noqa: E402

GEOMETRY = {"I1": {"size": 32768, "assoc": 8, "line": 64}, "D1": {"size": 32768, "assoc": 8, "line": 64},
            "LL": {"size": 8388608, "assoc": 16, "line": 64}}


def row(backend="flat_vector", instructions=1_000_000, d1_misses=20_000, **changes):
    r = {"workload": "parse", "backend": backend, "corpus": "reference", "heap": "fresh", "allocator": "glibc",
         "iterations": 1, "files": 1, "events_per_iteration": 50_000, "bytes_per_iteration": 150_000,
         "geometry": copy.deepcopy(GEOMETRY), "instructions": instructions,
         "d1_read_misses": d1_misses / 4, "d1_write_misses": 3 * d1_misses / 4}
    r.update(changes)
    return r


def benchmark_json(times_ns):
    reps = [{"name": "parse/flat_vector/reference/fresh", "run_name": "parse/flat_vector/reference/fresh",
             "run_type": "iteration", "repetition_index": i, "real_time": t / 1000, "time_unit": "us"}
            for i, t in enumerate(times_ns)]
    aggregate = {**reps[0], "name": reps[0]["name"] + "_median", "run_type": "aggregate", "aggregate_name": "median"}
    return {"context": {}, "benchmarks": reps + [aggregate]}


class CompareResultsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="midiarena-compare-test-")
        self.root = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def result(self, name, rows, valgrind="valgrind-3.19.0", timings=None):
        raw = self.root / name / "raw"
        raw.mkdir(parents=True)
        (raw / "cachesim.json").write_text(json.dumps({"valgrind": valgrind, "rows": rows}))
        if timings is not None:
            (raw / "bench_parse-glibc.json").write_text(json.dumps(benchmark_json(timings)))
        return self.root / name

    def run_script(self, base, new, *options):
        done = subprocess.run([sys.executable, str(SCRIPTS / "compare_results.py"), str(base), str(new), *options],
                              capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr

    def test_identical_sets_pass(self):
        base = self.result("base", [row(), row("boxed_heap")])
        status, output = self.run_script(base, base)
        self.assertEqual(status, 0, output)
        self.assertIn("PASS: 0 of 4 counts regressed", output)

    def test_instructions_up_2_5_percent_fail(self):
        base = self.result("base", [row(), row("boxed_heap")])
        new = self.result("new", [row(instructions=1_025_000), row("boxed_heap")])
        status, output = self.run_script(base, new)
        self.assertEqual(status, 1, output)
        self.assertRegex(output, r"REGRESSION\s+\+2\.50 %\s+parse/flat_vector/reference/fresh/glibc\s+instructions")
        self.assertIn("FAIL: 1 of 4 counts regressed more than 2.0 %", output)
        # Worst first: the regression heads the table.
        self.assertTrue(output.splitlines()[2].startswith("REGRESSION"), output)

    def test_hwpref_and_alloc_scaling_rows_are_rows_of_their_own(self):
        # A full run has each configuration with the prefetcher model off and
        # on, and alloc_scaling rows with instructions only; a baseline
        # written before those fields existed matches the hwpref=no rows.
        scaling = {"workload": "alloc_scaling", "corpus": "", "n": 1000, "events_per_iteration": 1000,
                   "bytes_per_iteration": 0, "files": 0, "geometry": {}}
        base = self.result("base", [row()])
        new = self.result("new", [row(sim_hwpref="no"), row(sim_hwpref="yes", d1_misses=30_000),
                                  {k: v for k, v in row(sim_hwpref="no", instructions=5000, **scaling).items()
                                   if not k.startswith("d1_")}])
        status, output = self.run_script(base, new)
        self.assertEqual(status, 0, output)
        self.assertIn("PASS: 0 of 2 counts regressed", output)
        status, output = self.run_script(new, new)
        self.assertEqual(status, 0, output)
        self.assertIn("PASS: 0 of 5 counts regressed", output)

    def test_instructions_up_1_5_percent_pass(self):
        base = self.result("base", [row()])
        new = self.result("new", [row(instructions=1_015_000)])
        status, output = self.run_script(base, new)
        self.assertEqual(status, 0, output)
        self.assertRegex(output, r"ok\s+\+1\.50 %")

    def test_d1_misses_gate_too(self):
        base = self.result("base", [row()])
        new = self.result("new", [row(d1_misses=20_500)])
        status, output = self.run_script(base, new)
        self.assertEqual(status, 1, output)
        self.assertRegex(output, r"REGRESSION\s+\+2\.50 %\s+\S+\s+D1 misses")

    def test_threshold_option(self):
        base = self.result("base", [row()])
        new = self.result("new", [row(instructions=1_025_000)])
        self.assertEqual(self.run_script(base, new, "--threshold", "3")[0], 0)
        self.assertEqual(self.run_script(base, new, "--threshold", "2")[0], 1)

    def test_improvement_reported_not_failing(self):
        base = self.result("base", [row()])
        new = self.result("new", [row(instructions=800_000, d1_misses=10_000)])
        status, output = self.run_script(base, new)
        self.assertEqual(status, 0, output)
        self.assertRegex(output, r"improved\s+-20\.00 %\s+\S+\s+instructions")
        self.assertRegex(output, r"improved\s+-50\.00 %\s+\S+\s+D1 misses")
        self.assertIn("2 improved", output)

    def test_mismatched_geometry_refused(self):
        other = copy.deepcopy(GEOMETRY)
        other["D1"]["size"] = 49152
        base = self.result("base", [row(), row("boxed_heap")])
        new = self.result("new", [row(geometry=other, instructions=2_000_000), row("boxed_heap")])
        status, output = self.run_script(base, new)
        self.assertEqual(status, 0, output)  # the refused row's doubling is not compared
        self.assertIn("refused (not comparable): parse/flat_vector/reference/fresh/glibc: cache geometry "
                      "D1=32768,8,64 I1=32768,8,64 LL=8388608,16,64 vs D1=49152,8,64", output)

    def test_mismatched_iterations_refused(self):
        base = self.result("base", [row()])
        new = self.result("new", [row(iterations=3)])
        status, output = self.run_script(base, new)
        self.assertEqual(status, 2, output)  # nothing left to compare
        self.assertIn("iterations 1 vs 3", output)

    def test_other_valgrind_refused(self):
        base = self.result("base", [row()])
        new = self.result("new", [row()], valgrind="valgrind-3.20.0")
        status, output = self.run_script(base, new)
        self.assertEqual(status, 2, output)
        self.assertIn("valgrind valgrind-3.19.0 vs valgrind-3.20.0", output)

    def test_other_corpus_content_refused(self):
        base = self.result("base", [row(), row("boxed_heap")])
        new = self.result("new", [row(events_per_iteration=50_001), row("boxed_heap")])
        comparison = compare.compare(base, new)
        self.assertEqual(len(comparison.refused), 1)
        self.assertIn("corpus content 1 files/50000 events/150000 bytes vs 1 files/50001 events", comparison.refused[0])

    def test_usage_errors(self):
        base = self.result("base", [row()])
        self.assertEqual(self.run_script(base, self.root / "missing")[0], 2)
        (self.root / "empty" / "raw").mkdir(parents=True)
        status, output = self.run_script(base, self.root / "empty")
        self.assertEqual(status, 2)
        self.assertIn("cachesim.json: no such file", output)
        disjoint = self.result("disjoint", [row("boxed_heap")])
        status, output = self.run_script(base, disjoint)
        self.assertEqual(status, 2)
        self.assertIn("no valgrind counts are comparable", output)

    def test_u_test_reports_a_slower_run_without_failing(self):
        fast = [1000, 1010, 990, 1005, 995, 1002, 998, 1007, 993]
        slow = [t * 1.2 for t in fast]
        base = self.result("base", [row()], timings=fast)
        new = self.result("new", [row()], timings=slow)
        status, output = self.run_script(base, new)
        self.assertEqual(status, 0, output)  # timings never gate
        self.assertRegex(output, r"slower\s+\+20\.00 %\s+0\.000\d\s+9/9\s+1,000\s+1,200\s+"
                                 r"bench_parse-glibc: parse/flat_vector/reference/fresh")
        self.assertIn("timings: 1 slower, 0 faster of 1 (not gating)", output)
        timing = compare.compare(base, new).timings[0]
        self.assertLess(timing.p_value, 0.001)

    def test_u_test_same_distribution_not_significant(self):
        times = [1000, 1010, 990, 1005, 995, 1002, 998, 1007, 993]
        base = self.result("base", [row()], timings=times)
        new = self.result("new", [row()], timings=list(reversed(times)))
        timing = compare.compare(base, new).timings[0]
        self.assertEqual(timing.verdict, "no significant change")
        self.assertAlmostEqual(timing.p_value, 1.0)

    def test_too_few_repetitions_not_tested(self):
        base = self.result("base", [row()], timings=[1000, 1010])
        new = self.result("new", [row()], timings=[1200, 1210])
        comparison = compare.compare(base, new)
        self.assertEqual((comparison.timings, comparison.timings_too_few), ([], 1))


if __name__ == "__main__":
    unittest.main()
