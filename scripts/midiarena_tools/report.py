"""(Re)builds a result set's report from its raw/ and env.json: summary.csv,
claims.json, claims.md and plots/*.png. Nothing is re-run."""

from __future__ import annotations

import json
from pathlib import Path

from . import claims, claims_markdown, findings, plots, results, verdicts
from .resultset import ResultSet


def claims_document(rs: ResultSet, checked: list, found: list, spread: dict) -> str:
    """claims.json's text: the same raw/ always gives the same bytes."""
    return json.dumps({
        "run_id": rs.run_id,
        "uncertainty": spread,
        "verdict_rules": verdicts.RULES,
        "claims": [c.to_json(rs.run_id) for c in checked],
        "findings": [f.to_json(rs.run_id) for f in found],
    }, indent=1, default=float) + "\n"


def claims_json(results_dir: Path) -> str:
    """claims.json's text for a result set, recomputed from its raw/."""
    rs = ResultSet(results_dir)
    return claims_document(rs, claims.evaluate(rs), findings.evaluate(rs), claims.uncertainty(rs))


def build(results_dir: Path) -> dict:
    """Writes the report files; returns what it wrote, by kind."""
    results_dir = Path(results_dir)
    rs = ResultSet(results_dir)
    checked = claims.evaluate(rs)
    found = findings.evaluate(rs)
    spread = claims.uncertainty(rs)
    (results_dir / "claims.json").write_text(claims_document(rs, checked, found, spread))
    (results_dir / "claims.md").write_text(claims_markdown.render(rs.run_id, rs.env, spread, checked, found))
    return {
        "summary": results.write_summary(results_dir, rs.summary),
        "claims": [results_dir / "claims.json", results_dir / "claims.md"],
        "plots": plots.save_all(rs, results_dir / "plots"),
    }
