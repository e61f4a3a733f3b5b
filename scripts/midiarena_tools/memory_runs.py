"""The memory stage of a run: `midiarena mem --json` of every file of every
corpus bench_parse ran on, for every backend, each in a process of its own
(so resident bytes start from the same fresh heap). The corpora and their
directories come from bench_parse's JSON context (corpus_dir/<name>); a
corpus split by size class (<dir name>-small, -medium, -large) keeps only
its class's files. Writes raw/mem.json, one object per parse, with `corpus`
and `file` added."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from . import results
from .resultset import SIZE_CLASSES


def corpus_dirs(results_dir: Path) -> dict[str, Path]:
    """{corpus name: directory} from the glibc bench_parse contexts."""
    out = {}
    for name, context in results.contexts(results_dir).items():
        if name.startswith("bench_parse-glibc"):
            for key, value in context.items():
                if key.startswith("corpus_dir/"):
                    out.setdefault(key.removeprefix("corpus_dir/"), Path(value))
    return out


def size_class(name: str, directory: Path) -> tuple[float, float] | None:
    """The events-per-file range a split corpus keeps, or None for a whole directory."""
    suffix = name.removeprefix(directory.name + "-")
    return SIZE_CLASSES.get(suffix) if suffix != name else None


def measure(midiarena: Path, results_dir: Path, backends: list[str], log=None) -> list[dict]:
    rows = []
    for corpus, directory in corpus_dirs(results_dir).items():
        keep = size_class(corpus, directory)
        for path in sorted(directory.rglob("*.mid")):
            for backend in backends:
                command = [str(midiarena), "mem", str(path), "--backend", backend, "--json"]
                if log:
                    log.write("command\t" + " ".join(command) + "\n")
                done = subprocess.run(command, capture_output=True, text=True)
                if done.returncode != 0:  # not parsable strictly: bench_parse skipped it too
                    break
                row = json.loads(done.stdout)
                if keep and not keep[0] <= row["events"] < keep[1]:
                    break
                rows.append({"corpus": corpus, "file": path.name, **row})
    return rows
