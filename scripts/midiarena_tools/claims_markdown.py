"""claims.md: the claims table, the verdict rules and words, the uncertainty,
every claim's comparisons and evidence, and the findings, for people."""

from __future__ import annotations

from .claims import Claim, pct, shown
from .findings import Finding
from .verdicts import RULES, WORDS


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


def _claimed(low, high) -> str:
    if low is None and high is None:
        return "-"
    return f"[{'-inf' if low is None else pct(low)}, {'+inf' if high is None else pct(high)}]"


def uncertainty_text(spread: dict) -> str:
    text = f"CIs: {spread['method']}, {spread['resamples']:,} resamples; {spread['runs']} process(es) per executable."
    between = spread.get("between_process_spread")
    if between:
        text += (f" Between processes, the medians of the same benchmark were {pct(between['median'])} apart "
                 f"(max - min over their median; median over {between['benchmarks']:,} benchmarks, 90th percentile "
                 f"{pct(between['p90'])}).")
    else:
        text += " One process per executable: these CIs do not include the drift between processes."
    return text


def render(run_id: str, env: dict, spread: dict, claims: list[Claim], findings: list[Finding]) -> str:
    lines = [f"# Claims report, run {run_id}", "",
             f"Machine: {machine(env)}. Full details in env.json; every figure below comes from this run's raw/.",
             "", "| id | claim | claimed | measured | verdict |", "|---|---|---|---|---|"]
    for c in claims:
        measured = c.measured or f"not measured: {c.reason}"
        lines.append(f"| {c.id} | {cell(c.claim)} | {cell(c.claimed)} | {cell(measured)} | **{c.verdict}** |")
    lines += ["", "## How a verdict is reached", ""]
    lines += [f"- **{key}**: {value}" for key, value in RULES.items()]
    lines += ["", "## What each verdict word means", ""] + [f"- **{w}**: {text}" for w, text in WORDS.items()]
    lines += ["", "## Uncertainty", "", uncertainty_text(spread), "", "## Comparisons", ""]
    for c in claims:
        lines += [f"### {c.id} ({c.verdict})", ""]
        if not c.comparisons:
            lines += [f"Not measured: {c.reason}", ""]
            continue
        lines += ["| baseline | corpus | allocator | heap | metric | point [95 % CI] | claimed | verdict |",
                  "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {x.baseline} | {x.corpus} | {x.allocator} | {x.heap} | {x.metric} | {shown(x)} | "
                  f"{_claimed(x.claimed_low, x.claimed_high)} | {x.verdict} |" for x in c.comparisons]
        lines += ["", "Evidence: " + (", ".join(f"`{e}`" for e in c.evidence) or "-"), ""]
    lines += ["## Findings", ""]
    if not findings:
        lines.append("None computed: this run lacks the data.")
    for f in findings:
        lines += [f"### {f.title}", "", f.text, "", "Evidence: " + ", ".join(f"`{e}`" for e in f.evidence), ""]
    return "\n".join(lines).rstrip() + "\n"
