"""newsl10n against translate-toolkit's md2po/po2md on the Markdown posts of corpus/md.

    python -m bench.markdown_tools [--json]

For each tool and each post: the entries the catalog gets; whether the post
comes back byte for byte when every msgstr is its msgid; and, when every
msgstr is changed the way an engine changes text (all letters outside the
tool's own placeholders upper-cased), how many of the post's site constructs
(shortcodes and Liquid tags, code spans, link URLs, reference definitions and
uses, footnotes, inline HTML, front matter keys that are not text) are still
there, byte for byte.  Needs translate-toolkit with its Markdown support
(``pip install translate-toolkit mistletoe``); po2md runs with ``-m 0`` (no reflowing), its
most faithful setting.  Nothing is timed.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath

import polib

REPO = Path(__file__).resolve().parent.parent
POSTS = sorted((REPO / "corpus" / "md").rglob("*.md"))

#: What a translation must keep, found in the raw text (translatable parameter values blanked).
CONSTRUCTS = {
    "templates": r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}",
    "code spans": r"`[^`\n]+`",
    "link URLs": r"\]\([^)\s]+|<https?://[^>\s]+>",
    "reference uses": r"\]\[[^\]\n]+\]",
    "reference definitions": r"^\[[^\]^\n]+\]: .*$",
    "footnotes": r"\[\^[^\]\n]+\]",
    "inline HTML": r"</?(?:strong|em|span|b|i)\b[^>]*>",
    "front matter keys": r"^(?:date|draft|tags|categories|layout|ref|slug|src)\b.*$",
}
_PARAM = re.compile(r'((?:alt|caption|title)=)"[^"]*"')
_OURS = re.compile(r"(</?\d+/?>)")
_THEIRS = re.compile(r"(\{\d+\}|\{/?\d+\})")


@dataclass
class PostResult:
    entries: int = 0
    exact: bool = False
    kept: dict[str, tuple[int, int]] = field(default_factory=dict)  # construct -> (kept, in source)


def constructs(text: str) -> dict[str, Counter[str]]:
    text = _PARAM.sub(r"\1…", text)
    return {name: Counter(re.findall(pattern, text, re.MULTILINE)) for name, pattern in CONSTRUCTS.items()}


def kept(source: str, output: str) -> dict[str, tuple[int, int]]:
    before, after = constructs(source), constructs(output)
    return {name: (sum((before[name] & after[name]).values()), sum(before[name].values())) for name in CONSTRUCTS}


def shout(text: str, placeholders: re.Pattern[str]) -> str:
    return "".join(part if placeholders.fullmatch(part) else part.upper() for part in placeholders.split(text))


def newsl10n_post(path: Path) -> PostResult:
    from newsl10n.model import Translation
    from newsl10n.stages import build, extract, load_source

    source = load_source(path.read_bytes(), path=PurePath(path.name), display=path.name)
    ex = extract(source)
    keys = {seg.key for seg in ex.segments}
    same = build(source, src_lang=ex.lang, tgt_lang=ex.lang, lookup={k: Translation(k[1]) for k in keys})
    changed = build(
        source, src_lang=ex.lang, tgt_lang=ex.lang, lookup={k: Translation(shout(k[1], _OURS)) for k in keys}
    )
    text = path.read_text(encoding="utf-8")
    return PostResult(len(keys), same.html == text, kept(text, changed.html))


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def md2po_post(path: Path) -> PostResult:
    text = path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pot = work / "post.po"
        subprocess.run([_tool("md2po"), "--progress=none", str(path), str(pot)], check=True, capture_output=True)
        catalog = polib.pofile(str(pot))
        entries = len([e for e in catalog if e.msgid])
        outputs = []
        for change in (False, True):
            for entry in catalog:
                entry.msgstr = shout(entry.msgid, _THEIRS) if change else entry.msgid
            catalog.save(str(pot))
            out = work / "out.md"
            subprocess.run(
                [_tool("po2md"), "--progress=none", "-m", "0", "-t", str(path), "-i", str(pot), "-o", str(out)],
                check=True,
                capture_output=True,
            )
            outputs.append(out.read_text(encoding="utf-8"))
    return PostResult(entries, outputs[0] == text, kept(text, outputs[1]))


def run() -> dict[str, dict[str, PostResult]]:
    results: dict[str, dict[str, PostResult]] = {"newsl10n": {}, "md2po/po2md": {}}
    for path in POSTS:
        name = path.relative_to(REPO / "corpus" / "md").as_posix()
        results["newsl10n"][name] = newsl10n_post(path)
        results["md2po/po2md"][name] = md2po_post(path)
    return results


def table(results: dict[str, dict[str, PostResult]]) -> str:
    rows = ["| | " + " | ".join(results) + " |", "|---|" + "---:|" * len(results)]

    def total(tool: str, name: str) -> str:
        k = sum(r.kept[name][0] for r in results[tool].values())
        n = sum(r.kept[name][1] for r in results[tool].values())
        return f"{k}/{n}"

    rows.append(
        "| entries | " + " | ".join(str(sum(r.entries for r in posts.values())) for posts in results.values()) + " |"
    )
    rows.append(
        "| posts back byte for byte (msgstr = msgid) | "
        + " | ".join(f"{sum(r.exact for r in posts.values())}/{len(posts)}" for posts in results.values())
        + " |"
    )
    for name in CONSTRUCTS:
        rows.append(f"| {name} kept after translation | " + " | ".join(total(tool, name) for tool in results) + " |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the per-post results as JSON")
    args = parser.parse_args()
    results = run()
    if args.json:
        print(json.dumps({tool: {p: asdict(r) for p, r in posts.items()} for tool, posts in results.items()}, indent=1))
    else:
        print(table(results))


if __name__ == "__main__":
    main()
