#!/usr/bin/python3
"""Times two builds of the parser against each other in pairs of iterations
(scripts/midiarena_tools/paired.py): the way to tell a change of a few
percent on a shared VM, where bench_parse's medians move more than that
between runs of the same code.

A and B are each a git revision, built into build/paired/<commit>/ (a
worktree with its own release build of bench_paired_worker, kept for the
next time), or the path of a bench_paired_worker executable, for example
build/release/benchmarks/bench_paired_worker for the working tree.
Arguments after -- go to both workers (default: --profile medium --count 1).

  scripts/paired_ab.py --a main --b build/release/benchmarks/bench_paired_worker
  scripts/paired_ab.py --a HEAD~1 --b HEAD -- --profile reference --backend typed_arena
"""

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from midiarena_tools import paired  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORKER = Path("build/release/benchmarks/bench_paired_worker")


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def worker_for(spec: str) -> tuple[Path, str]:
    """The worker executable for SPEC (a path, or a revision built on demand) and a label for it."""
    if Path(spec).is_file():
        return Path(spec).resolve(), spec
    try:
        commit = git("rev-parse", "--verify", f"{spec}^{{commit}}")
    except subprocess.CalledProcessError:
        sys.exit(f"paired_ab.py: {spec} is neither a file nor a git revision")
    tree = ROOT / "build" / "paired" / commit
    if not tree.exists():
        git("worktree", "prune")  # forgets a worktree whose folder went with an earlier `rm -rf build`
        git("worktree", "add", "--detach", str(tree), commit)
    if not (tree / "benchmarks" / "bench_paired_worker.cpp").exists():
        sys.exit(f"paired_ab.py: {spec} ({commit[:10]}) predates bench_paired_worker; compare later revisions")
    subprocess.run(["cmake", "--preset", "release"], cwd=tree, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", str(WORKER.parent.parent), "--target", "bench_paired_worker"], cwd=tree,
                   check=True, stdout=subprocess.DEVNULL)
    return tree / WORKER, f"{spec} ({commit[:10]})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", required=True, metavar="REV|PATH", help="the build to compare against")
    parser.add_argument("--b", required=True, metavar="REV|PATH", help="the build under test")
    parser.add_argument("--pairs", type=int, default=2000, help="timed pairs (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the order and heap shifts (default 1)")
    parser.add_argument("worker_args", nargs="*", metavar="-- WORKER ARGS",
                        help="arguments for both workers (default: --profile medium --count 1)")
    args = parser.parse_args()
    if args.pairs < 2:
        parser.error("--pairs must be at least 2")
    (worker_a, label_a), (worker_b, label_b) = worker_for(args.a), worker_for(args.b)
    try:
        run = paired.run_pairs(worker_a, worker_b, args.worker_args or ["--profile", "medium", "--count", "1"],
                               args.pairs, args.seed)
    except paired.PairedError as error:
        sys.exit(f"paired_ab.py: {error}")
    print(paired.format_report(run, label_a, label_b))


if __name__ == "__main__":
    main()
