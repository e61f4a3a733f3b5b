#!/usr/bin/python3
"""Checks the relative links of the project's Markdown: README.md and docs/.

Usage: /usr/bin/python3 scripts/check_doc_links.py [FILE.md ...]

Every `[text](target)` whose target is not a URL must name a file or
directory that exists, relative to the Markdown file; a `#fragment` on a
Markdown target must match one of its headings (GitHub's anchors: lower
case, punctuation dropped, spaces to hyphens). Links inside code spans and
fenced code blocks are ignored. Prints each broken link; exit 1 if any.
"""
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchors(path: Path) -> set[str]:
    out = set()
    in_fence = False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        if in_fence or not line.startswith("#"):
            continue
        title = line.lstrip("#").strip().lower()
        title = re.sub(r"[^\w\- ]", "", title)
        out.add(title.replace(" ", "-"))
    return out


def links(path: Path):
    in_fence = False
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            yield number, match.group(1)


def main() -> int:
    files = [Path(a) for a in sys.argv[1:]] or [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    broken = 0
    for md in files:
        for number, target in links(md):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # a URL
            file_part, _, fragment = target.partition("#")
            dest = (md.parent / file_part).resolve() if file_part else md.resolve()
            problem = None
            if not dest.exists():
                problem = "no such file"
            elif fragment and dest.suffix == ".md" and fragment not in anchors(dest):
                problem = f"no heading #{fragment}"
            if problem:
                broken += 1
                shown = md.resolve().relative_to(REPO) if md.resolve().is_relative_to(REPO) else md
                print(f"{shown}:{number}: {target}: {problem}")
    print(f"{broken} broken link(s) in {len(files)} file(s)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
