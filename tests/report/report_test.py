#!/usr/bin/python3
"""Tests of the claims report (scripts/midiarena_tools) on the committed
fixture tests/fixtures/results-quick (raw/ and env.json of a real
`run_benchmarks.sh --quick`): every claim gets a verdict, the bootstrap is
reproducible, summary.csv has the contract's columns, the verdict rules do
what claims.md says, and a rebuilt report has every file.

Usage: /usr/bin/python3 tests/report/report_test.py [unittest options]
"""
import itertools
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

VERDICTS = set(verdicts.WORDS)


class ClaimsOnFixture(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rs = ResultSet(FIXTURE)
        cls.claims = claims.evaluate(cls.rs)

    def test_every_claim_has_a_verdict(self):
        self.assertEqual([c.id for c in self.claims], [f"C{i}" for i in range(1, 18)])
        for c in self.claims:
            self.assertIn(c.verdict, VERDICTS, c.id)
            if c.verdict == verdicts.NOT_MEASURED:
                self.assertTrue(c.reason, f"{c.id} is not_measured without a reason")
            else:
                self.assertTrue(c.measured and c.evidence, f"{c.id} has no figures or evidence")

    def test_only_what_the_fixture_predates_is_not_measured(self):
        # The fixture's quick run came before the valgrind path counted
        # alloc_scaling's instructions (C11), before the AVX2-built scalar
        # loop (C15) and before the collections (C17).
        missing = {c.id for c in self.claims if c.verdict == verdicts.NOT_MEASURED}
        self.assertLessEqual(missing, {"C11", "C15", "C17"})

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
    """Synthetic effects through the rules verdicts.py states (RULES)."""

    def verdict(self, point, low, high, claimed=verdicts.Range(0.05, 0.15)):
        return verdicts.comparison_verdict(point, low, high, claimed)

    def test_each_comparison_word(self):
        self.assertEqual(self.verdict(0.10, 0.08, 0.12), verdicts.HOLDS)
        self.assertEqual(self.verdict(0.80, 0.70, 0.90), verdicts.LARGER)
        self.assertEqual(self.verdict(0.04, 0.035, 0.045), verdicts.SMALLER)
        self.assertEqual(self.verdict(0.03, -0.02, 0.08), verdicts.NO_DIFFERENCE)  # CI contains 0
        self.assertEqual(self.verdict(0.02, 0.01, 0.03), verdicts.NO_DIFFERENCE)  # below the detectable effect
        self.assertEqual(self.verdict(-0.10, -0.20, -0.05), verdicts.FAILS)

    def test_the_arena_slower_never_holds(self):
        # Run 20261204T1456Z-56f01cd's C8: -2.7 % [-10.8 %, +0.2 %] against "0-10 % faster".
        got = self.verdict(-0.027, -0.108, 0.002, verdicts.Range(0.0, 0.10))
        self.assertIn(got, {verdicts.FAILS, verdicts.NO_DIFFERENCE})
        self.assertEqual(self.verdict(-0.05, -0.08, -0.04, verdicts.Range(0.0, 0.10)), verdicts.FAILS)

    def test_open_ranges(self):
        self.assertEqual(self.verdict(0.9, 0.8, 0.95, verdicts.AT_LEAST_ZERO), verdicts.HOLDS)
        self.assertEqual(self.verdict(0.04, 0.04, 0.04, verdicts.Range(0.05, None)), verdicts.SMALLER)

    def test_similarity(self):
        self.assertEqual(verdicts.similarity_verdict(0.02, 0.01, 0.03, 0.10), verdicts.HOLDS)
        self.assertEqual(verdicts.similarity_verdict(-0.30, -0.30, -0.30, 0.10), verdicts.FAILS)
        self.assertEqual(verdicts.similarity_verdict(0.05, -0.02, 0.12, 0.10), verdicts.NO_DIFFERENCE)

    def test_claim_words(self):
        h, lg, sm, nd, f = (verdicts.HOLDS, verdicts.LARGER, verdicts.SMALLER, verdicts.NO_DIFFERENCE,
                            verdicts.FAILS)
        self.assertEqual(verdicts.claim_verdict([h, h]), h)
        self.assertEqual(verdicts.claim_verdict([h, lg]), verdicts.LARGER)
        self.assertEqual(verdicts.claim_verdict([sm, sm]), verdicts.SMALLER)
        self.assertEqual(verdicts.claim_verdict([lg, sm]), verdicts.DIRECTION_ONLY)
        self.assertEqual(verdicts.claim_verdict([nd, nd]), nd)
        self.assertEqual(verdicts.claim_verdict([f, nd]), f)
        self.assertEqual(verdicts.claim_verdict([h, f]), verdicts.MIXED)
        self.assertEqual(verdicts.claim_verdict([]), verdicts.NOT_MEASURED)

    def test_claim_summary_is_monotone(self):
        # Turning one holding comparison into anything else never improves the claim.
        rank = {verdicts.HOLDS: 4, verdicts.LARGER: 3, verdicts.SMALLER: 3, verdicts.DIRECTION_ONLY: 2,
                verdicts.MIXED: 1, verdicts.NO_DIFFERENCE: 0, verdicts.FAILS: 0}
        words = [verdicts.HOLDS, verdicts.LARGER, verdicts.SMALLER, verdicts.NO_DIFFERENCE, verdicts.FAILS]
        for rest in itertools.product(words, repeat=2):
            before = verdicts.claim_verdict([verdicts.HOLDS, *rest])
            for worse in words[1:]:
                after = verdicts.claim_verdict([worse, *rest])
                self.assertLessEqual(rank[after], rank[before], (rest, worse))


def check_comparisons(test: unittest.TestCase, document: dict):
    """Every comparison's verdict follows from its own numbers under the rules."""
    for claim in document["claims"]:
        for c in claim["comparisons"]:
            expected = verdicts.verdict_of(c["point"], c["ci_low"], c["ci_high"], c["claimed_low"], c["claimed_high"])
            test.assertEqual(c["verdict"], expected, (claim["id"], c))
        test.assertEqual(claim["verdict"], verdicts.claim_verdict([c["verdict"] for c in claim["comparisons"]])
                         if claim["comparisons"] else verdicts.NOT_MEASURED, claim["id"])


class CommittedResults(unittest.TestCase):
    """results/latest: its claims.json is what its raw/ gives today, and
    every verdict in it follows from its numbers."""

    def test_claims_json_rebuilds_byte_identically(self):
        latest = REPO / "results" / "latest"
        self.assertEqual(report.claims_json(latest), (latest / "claims.json").read_text())

    def test_every_comparison_follows_the_rules(self):
        check_comparisons(self, json.loads((REPO / "results" / "latest" / "claims.json").read_text()))


class Rebuild(unittest.TestCase):
    def test_report_files(self):
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "results-quick"
            shutil.copytree(FIXTURE, copy)
            written = report.build(copy)
            data = json.loads((copy / "claims.json").read_text())
            self.assertEqual(data["run_id"], json.loads((FIXTURE / "env.json").read_text())["run_id"])
            self.assertEqual(len(data["claims"]), 17)
            check_comparisons(self, data)
            self.assertTrue(data["findings"])
            self.assertIn("| C17 |", (copy / "claims.md").read_text())
            self.assertGreaterEqual(len(written["plots"]), 8)
            for png in written["plots"]:
                self.assertEqual(png.read_bytes()[:4], b"\x89PNG")


if __name__ == "__main__":
    unittest.main()
