"""env.json: what a result set was measured on and with.

The machine (CPU, cores, kernel, Google Benchmark's view of the caches), the
compiler and flags from the build tree's CMake cache, the Debian versions of
the libraries and tools measured or measuring, the git commit, counter
availability (`midiarena counters --json`), the backends in the registry's
order (`midiarena backends --json`), the load average when the run started
and when its benchmarks started, and every command the run executed (from
run_benchmarks.sh's log).
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

# Debian packages whose versions a result depends on.
PACKAGES = (
    "libbenchmark-dev", "libmimalloc-dev", "libjemalloc-dev", "libgoogle-perftools-dev", "libpfm4-dev",
    "valgrind", "python3-mido", "libportsmf-dev", "libsmf-dev", "libc6", "g++", "clang",
    "python3-pandas", "python3-scipy", "python3-matplotlib",
)

CMAKE_KEYS = ("CMAKE_BUILD_TYPE", "CMAKE_CXX_COMPILER", "CMAKE_CXX_FLAGS", "CMAKE_CXX_FLAGS_RELEASE",
              "CMAKE_EXE_LINKER_FLAGS", "CMAKE_GENERATOR", "MIDIARENA_ALLOCATOR_VARIANTS")


def _output(*command: str, cwd: Path | None = None) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def cpu_info() -> dict[str, str]:
    """The first processor's fields in /proc/cpuinfo."""
    fields = {}
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def cpu_model(info: dict[str, str]) -> str | None:
    """The model name, with family, model and stepping: a hypervisor may show
    only "AMD EPYC", and then these alone tell one CPU generation from
    another (family 25 is Zen 3 and 4, 26 Zen 5), which moves every time."""
    name = info.get("model name")
    ids = [f"{key} {info[key]}" for key in ("cpu family", "model", "stepping") if key in info]
    if name is None or not ids:
        return name
    return f"{name} ({', '.join(ids)})"


def os_release() -> str | None:
    for line in Path("/etc/os-release").read_text().splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"')
    return None


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text()
    total_kib = re.search(r"MemTotal:\s+(\d+) kB", meminfo)
    info = cpu_info()
    return {
        "cpu_model": cpu_model(info),
        "cores": os.cpu_count(),
        "memory_bytes": int(total_kib.group(1)) * 1024 if total_kib else None,
        "kernel": platform.release(),
        "kernel_version": platform.version(),
        "os": os_release(),
        "architecture": platform.machine(),
        # The vector extensions the parser's block loop can use (channel_blocks.hpp).
        "cpu_flags": sorted(set(info.get("flags", "").split()) & {"avx2", "bmi2", "avx512f", "avx512bw", "avx512_vbmi2"}),
    }


def cmake_cache(build_dir: Path) -> dict:
    """The CMAKE_KEYS entries of build_dir/CMakeCache.txt."""
    values = {}
    cache = build_dir / "CMakeCache.txt"
    if cache.exists():
        for line in cache.read_text().splitlines():
            key, sep, value = line.partition("=")
            name = key.split(":", 1)[0]
            if sep and name in CMAKE_KEYS:
                values[name] = value
    return values


def compiler(build_dir: Path) -> dict:
    cache = cmake_cache(build_dir)
    path = cache.get("CMAKE_CXX_COMPILER")
    version = _output(path, "--version") if path else None
    return {"cxx": path, "version": version.splitlines()[0] if version else None, "cmake_cache": cache}


def package_versions(packages=PACKAGES) -> dict:
    versions = {}
    for package in packages:
        versions[package] = _output("dpkg-query", "-W", "-f=${Version}", package) or None
    return versions


def git(repo: Path, run_id: str = "") -> dict:
    """The commit the run built and ran: the one its id names (run_benchmarks.sh
    takes it when the run starts), else HEAD. Commits made while a run goes
    on are listed by the files they changed, outside results/ and docs/."""
    head = _output("git", "rev-parse", "HEAD", cwd=repo)
    started = _output("git", "rev-parse", "--verify", "-q", run_id.rsplit("-", 1)[-1] + "^{commit}", cwd=repo) \
        if "-" in run_id else None
    out = {
        "commit": started or head,
        "branch": _output("git", "rev-parse", "--abbrev-ref", "HEAD", cwd=repo),
        # Uncommitted changes to tracked files mean the commit alone does not say what ran.
        "dirty": bool(_output("git", "status", "--porcelain", "--untracked-files=no", cwd=repo)),
    }
    if started and started != head:
        changed = _output("git", "diff", "--name-only", started, head, "--", ".", ":!results", ":!docs", cwd=repo)
        out["head_at_report"] = head
        out["changed_since_run_start"] = changed.split() if changed else []
    return out


def counters(midiarena: Path) -> dict | None:
    text = _output(str(midiarena), "counters", "--json")
    return json.loads(text) if text else None


def backends(midiarena: Path) -> list | None:
    """`midiarena backends --json`'s list: the run's backends, in the registry's order."""
    text = _output(str(midiarena), "backends", "--json")
    return json.loads(text)["backends"] if text else None


def read_run_log(path: Path) -> dict:
    """run_benchmarks.sh's tab-separated log: options, load averages, commands, stage times, skips."""
    log = {"options": {"corpus": []}, "load_average": {}, "commands": [], "stage_seconds": {}, "skipped": {}}
    for line in path.read_text().splitlines():
        kind, *fields = line.split("\t")
        if kind == "option":
            name, value = fields
            if name == "corpus":
                log["options"]["corpus"].append(value)
            else:
                log["options"][name] = float(value) if name == "min_time" else int(value)
        elif kind == "load":
            log["load_average"][fields[0]] = [float(v) for v in fields[1].split()]
        elif kind == "command":
            log["commands"].append(fields[0])
        elif kind == "stage":
            log["stage_seconds"][fields[0]] = int(fields[1])
        elif kind == "skipped":
            log["skipped"][fields[0]] = fields[1]
    return log


def benchmark_context(raw_dir: Path) -> dict:
    """What Google Benchmark says about the host (caches, MHz, its own build
    type), from the first raw bench_parse file."""
    for path in sorted(raw_dir.glob("bench_parse-*.json")):
        context = json.loads(path.read_text())["context"]
        keys = ("num_cpus", "mhz_per_cpu", "cpu_scaling_enabled", "caches", "library_build_type")
        return {k: context.get(k) for k in keys}
    return {}


def environment(results_dir: Path, run_id: str, build_dir: Path, run_log: Path | None) -> dict:
    repo = Path(__file__).resolve().parents[2]
    env = {
        "run_id": run_id,
        "written_utc": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "google_benchmark_context": benchmark_context(results_dir / "raw"),
        "compiler": compiler(build_dir),
        "packages": package_versions(),
        "git": git(repo, run_id),
        "counters": counters(build_dir / "cli" / "midiarena"),
        "backends": backends(build_dir / "cli" / "midiarena"),
    }
    if run_log is not None:
        env.update(read_run_log(run_log))
    return env


def write(results_dir: Path, run_id: str, build_dir: Path, run_log: Path | None = None) -> Path:
    path = results_dir / "env.json"
    path.write_text(json.dumps(environment(results_dir, run_id, build_dir, run_log), indent=1) + "\n")
    return path
