"""Verdict stability: each result set's verdicts recomputed from its raw/
with today's rules (claims.py, verdicts.py), as a claims x runs table, so a
verdict that flips between runs, machines or commits is visible."""

from __future__ import annotations

from pathlib import Path

from . import claims
from .resultset import ResultSet


def verdicts_by_run(run_dirs: list[Path]) -> dict:
    """{"runs": [run ids], "claims": {claim id: {run id: verdict}}, "differs": [claim ids]}.
    A claim differs when two runs that measured it gave it different verdicts."""
    runs, table = [], {cid: {} for cid, *_ in claims.CLAIMS}
    for directory in run_dirs:
        rs = ResultSet(directory)
        runs.append(rs.run_id)
        for claim in claims.evaluate(rs):
            table[claim.id][rs.run_id] = claim.verdict
    differs = [cid for cid, by_run in table.items()
               if len({v for v in by_run.values() if v != claims.NOT_MEASURED}) > 1]
    return {"runs": runs, "claims": table, "differs": differs}


def agreement(stability: dict, run_id: str, claim_id: str) -> str:
    """"k/n runs agree": of the n runs that measured the claim, how many gave
    it the verdict run_id gave."""
    by_run = stability["claims"].get(claim_id, {})
    measured = [v for v in by_run.values() if v != claims.NOT_MEASURED]
    mine = by_run.get(run_id)
    if mine is None or mine == claims.NOT_MEASURED or not measured:
        return "-"
    return f"{sum(v == mine for v in measured)}/{len(measured)} runs agree"


def render(stability: dict) -> str:
    runs = stability["runs"]
    width = max(len(r) for r in runs)
    lines = ["claim  " + "  ".join(r.ljust(width) for r in runs) + "  differs"]
    for cid, by_run in stability["claims"].items():
        cells = "  ".join(by_run.get(r, "-").ljust(width) for r in runs)
        lines.append(f"{cid:<6} {cells}  {'yes' if cid in stability['differs'] else ''}".rstrip())
    return "\n".join(lines)
