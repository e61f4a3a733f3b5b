"""(Re)builds a result set's report from its raw/ and env.json: summary.csv,
claims.json, claims.md and plots/*.png. Nothing is re-run."""

from __future__ import annotations

import json
from pathlib import Path

from . import claims, claims_markdown, findings, plots, results, verdicts
from .resultset import ResultSet


def build(results_dir: Path) -> dict:
    """Writes the report files; returns what it wrote, by kind."""
    results_dir = Path(results_dir)
    rs = ResultSet(results_dir)
    checked = claims.evaluate(rs)
    found = findings.evaluate(rs)
    (results_dir / "claims.json").write_text(json.dumps({
        "run_id": rs.run_id,
        "verdict_rules": verdicts.RULES,
        "claims": [c.to_json(rs.run_id) for c in checked],
        "findings": [f.to_json(rs.run_id) for f in found],
    }, indent=1, default=float) + "\n")
    (results_dir / "claims.md").write_text(claims_markdown.render(rs.run_id, rs.env, checked, found))
    return {
        "summary": results.write_summary(results_dir, rs.summary),
        "claims": [results_dir / "claims.json", results_dir / "claims.md"],
        "plots": plots.save_all(rs, results_dir / "plots"),
    }
