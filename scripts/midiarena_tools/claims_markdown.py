"""claims.md: the claims table, each claim's measured figures and evidence,
the verdict rules, the findings, and the machine, for people."""

from __future__ import annotations

from .claims import Claim
from .findings import Finding
from .verdicts import RULES


def machine(env: dict) -> str:
    m = env.get("machine", {})
    compiler = env.get("compiler", {})
    flags = compiler.get("cmake_cache", {}).get("CMAKE_CXX_FLAGS_RELEASE", "")
    load = env.get("load_average", {})
    parts = [f"{m.get('cpu_model', '?')}, {m.get('cores', '?')} cores, {m.get('os', '?')}, kernel {m.get('kernel', '?')}",
             f"{compiler.get('version', '?')} {flags}".strip()]
    if load:
        parts.append("load average " + ", ".join(f"{k} {' '.join(str(v) for v in vals)}" for k, vals in load.items()))
    git = env.get("git", {})
    if git.get("commit"):
        parts.append(f"commit {git['commit'][:12]}{' (with uncommitted changes)' if git.get('dirty') else ''}")
    return "; ".join(parts)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(run_id: str, env: dict, claims: list[Claim], findings: list[Finding]) -> str:
    lines = [f"# Claims report, run {run_id}", "",
             f"Machine: {machine(env)}. Full details in env.json; every figure below comes from this run's raw/.",
             "", "| id | claim | claimed | measured | verdict |", "|---|---|---|---|---|"]
    for c in claims:
        measured = c.measured or f"not measured: {c.reason}"
        lines.append(f"| {c.id} | {cell(c.claim)} | {cell(c.claimed)} | {cell(measured)} | **{c.verdict}** |")
    lines += ["", "## How a verdict is reached", ""] + [f"- {rule}" for rule in RULES]
    lines += ["", "## Evidence", ""]
    for c in claims:
        lines.append(f"- **{c.id}** ({c.verdict}): " + (", ".join(f"`{e}`" for e in c.evidence) or c.reason or "-"))
    lines += ["", "## Findings", ""]
    if not findings:
        lines.append("None computed: this run lacks the data.")
    for f in findings:
        lines += [f"### {f.title}", "", f.text, "", "Evidence: " + ", ".join(f"`{e}`" for e in f.evidence), ""]
    return "\n".join(lines).rstrip() + "\n"
