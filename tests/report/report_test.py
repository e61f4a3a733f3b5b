#!/usr/bin/python3
"""Tests of the claims report (scripts/midiarena_tools) on the committed
fixture tests/fixtures/results-quick (raw/ and env.json of a real
`run_benchmarks.sh --quick`): every claim gets a verdict, the bootstrap is
reproducible, summary.csv has the contract's columns, the verdict rules do
what claims.md says, and a rebuilt report has every file.

Usage: /usr/bin/python3 tests/report/report_test.py [unittest options]
"""
import json
import math
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "results-quick"
sys.path.insert(0, str(REPO / "scripts"))

from midiarena_tools import claims, environment, report, results, stats, verdicts  # noqa: E402
from midiarena_tools.resultset import ResultSet  # noqa: E402

VERDICTS = {verdicts.HOLDS, verdicts.PARTLY, verdicts.FAILS, verdicts.NOT_MEASURED}


class ClaimsOnFixture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rs = ResultSet(FIXTURE)
        cls.claims = claims.evaluate(cls.rs)

    def test_every_claim_has_a_verdict(self):
        self.assertEqual([c.id for c in self.claims], [f"C{i}" for i in range(1, 16)])
        for c in self.claims:
            self.assertIn(c.verdict, VERDICTS, c.id)
            if c.verdict == verdicts.NOT_MEASURED:
                self.assertTrue(c.reason, f"{c.id} is not_measured without a reason")
            else:
                self.assertTrue(c.measured and c.evidence, f"{c.id} has no figures or evidence")

    def test_at_most_two_not_measured(self):
        missing = [c.id for c in self.claims if c.verdict == verdicts.NOT_MEASURED]
        self.assertLessEqual(len(missing), 2, missing)

    def test_evidence_names_benchmarks_of_the_run(self):
        names = set(self.rs.summary["benchmark"])
        for c in self.claims:
            for cited in c.evidence:
                if cited.startswith(("bench_parse", "bench_peers", "cachesim")):
                    self.assertIn(cited.split(" ", 1)[1], names, f"{c.id} cites {cited}")

    def test_claims_are_reproducible(self):
        again = claims.evaluate(ResultSet(FIXTURE))
        self.assertEqual([c.to_json("x") for c in again], [c.to_json("x") for c in self.claims])


class Summary(unittest.TestCase):
    def test_columns_are_the_contract(self):
        summary = ResultSet(FIXTURE).summary
        self.assertEqual(list(summary.columns), results.SUMMARY_COLUMNS)
        self.assertEqual(set(summary["source"]), {"bench_parse", "bench_peers", "cachesim"})

    def test_unmeasured_is_empty_not_zero(self):
        summary = ResultSet(FIXTURE).summary
        env = json.loads((FIXTURE / "env.json").read_text())
        if env["counters"]["hardware_unavailable"]:
            self.assertTrue(summary["l1d_miss_rate"].isna().all())
        self.assertTrue(summary.loc[summary["source"] == "cachesim", "real_time_ns_median"].isna().all())

    def test_memory_fields_are_sane(self):
        # Google Benchmark 1.7.1 garbles the memory fields of all but the last repetition.
        summary = ResultSet(FIXTURE).summary
        self.assertLess(summary["max_bytes_used"].max(), 1 << 40)
        row = summary[summary["benchmark"] == "parse/typed_arena/reference/fresh"].iloc[0]
        self.assertEqual(row["events"], 50026)
        # About one parse's worth of bytes per iteration (the memory run covers up to 16 iterations).
        self.assertLess(row["total_allocated_bytes"], 2 * row["max_bytes_used"])


class Statistics(unittest.TestCase):
    def test_bootstrap_is_reproducible(self):
        a, b = [10.0, 11.0, 9.5, 10.2], [12.0, 12.5, 11.8, 13.0]
        first, second = stats.time_reduction(a, b), stats.time_reduction(a, b)
        self.assertEqual(first, second)
        self.assertAlmostEqual(first.value, 1 - 10.1 / 12.25)
        self.assertLess(first.low, first.value)
        self.assertGreater(first.high, first.value)

    def test_one_repetition_has_no_interval(self):
        e = stats.time_reduction([1.0], [2.0])
        self.assertEqual(e.value, 0.5)
        self.assertTrue(math.isnan(e.low))

    def test_paired_change_over_the_quietest_pairs(self):
        # B is 10 % slower when the host is quiet (short pairs) and 10 %
        # faster when it is busy (long pairs), in six pairs of each.
        quiet_a, busy_a = [100.0, 101.0, 99.0, 100.5, 99.5, 100.2], [200.0, 210.0, 190.0, 205.0, 195.0, 202.0]
        a = quiet_a + busy_a
        b = [t * 1.1 for t in quiet_a] + [t * 0.9 for t in busy_a]
        self.assertAlmostEqual(stats.paired_time_change(a, b, quietest=0.5).value, 0.1)
        self.assertAlmostEqual(stats.paired_time_change(a, b).value, 0.0)
        # Chosen by the sum: a build against itself stays at zero.
        self.assertEqual(stats.paired_time_change(a, a, quietest=0.25).value, 0.0)

    def test_log_fit_finds_growth_and_flatness(self):
        n = [1e3, 1e3, 1e4, 1e4, 1e5, 1e5, 1e6, 1e6]
        growing = [10 + math.log2(x) + d for x, d in zip(n, [0.1, -0.1] * 4)]
        flat = [10 + d for d in [0.1, -0.1] * 4]
        self.assertTrue(stats.log_fit(n, growing).slope_significant())
        fit = stats.log_fit(n, flat)
        self.assertFalse(fit.slope_significant())
        self.assertLess(fit.max_deviation, 0.02)


class Environment(unittest.TestCase):
    def test_the_cpu_model_names_family_model_and_stepping(self):
        # A VM may show only "AMD EPYC" for a Zen 3 and a Zen 5 alike.
        info = {"model name": "AMD EPYC", "cpu family": "26", "model": "2", "stepping": "1"}
        self.assertEqual(environment.cpu_model(info), "AMD EPYC (cpu family 26, model 2, stepping 1)")
        self.assertEqual(environment.cpu_model({"model name": "Some CPU"}), "Some CPU")


class VerdictRules(unittest.TestCase):
    def test_range(self):
        e = stats.Estimate
        self.assertEqual(verdicts.range_verdict(e(0.10, 0.08, 0.12), 0.05, 0.15), verdicts.HOLDS)
        self.assertEqual(verdicts.range_verdict(e(0.80, 0.70, 0.90), 0.05, 0.15), verdicts.PARTLY)
        self.assertEqual(verdicts.range_verdict(e(0.01, 0.005, 0.02), 0.05, 0.15), verdicts.PARTLY)
        self.assertEqual(verdicts.range_verdict(e(-0.1, -0.2, -0.05), 0.05, 0.15), verdicts.FAILS)
        # A difference is claimed and the CI includes 0: fails even though it reaches the range.
        self.assertEqual(verdicts.range_verdict(e(0.03, -0.02, 0.08), 0.05, 0.15), verdicts.FAILS)
        # 0-5 %: no difference is consistent with the claim.
        self.assertEqual(verdicts.range_verdict(e(0.0, -0.01, 0.01), 0.0, 0.05), verdicts.HOLDS)

    def test_heaps_and_parts(self):
        h, p, f = verdicts.HOLDS, verdicts.PARTLY, verdicts.FAILS
        self.assertEqual(verdicts.heaps([h, h]), h)
        self.assertEqual(verdicts.heaps([h, f]), p)
        self.assertEqual(verdicts.heaps([p, f]), f)
        self.assertEqual(verdicts.parts([h, h, h]), h)
        self.assertEqual(verdicts.parts([f, f]), f)
        self.assertEqual(verdicts.parts([h, f]), p)


class Rebuild(unittest.TestCase):
    def test_report_files(self):
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "results-quick"
            shutil.copytree(FIXTURE, copy)
            written = report.build(copy)
            data = json.loads((copy / "claims.json").read_text())
            self.assertEqual(data["run_id"], json.loads((FIXTURE / "env.json").read_text())["run_id"])
            self.assertEqual(len(data["claims"]), 15)
            self.assertTrue(data["findings"])
            self.assertIn("| C15 |", (copy / "claims.md").read_text())
            self.assertGreaterEqual(len(written["plots"]), 8)
            for png in written["plots"]:
                self.assertEqual(png.read_bytes()[:4], b"\x89PNG")


if __name__ == "__main__":
    unittest.main()
