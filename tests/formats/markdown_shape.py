"""Helpers for the Markdown tests: a document's block structure, and a fake translation that keeps codes."""

from __future__ import annotations

import re

from newsl10n.formats.frontmatter import DEFAULT_KEYS, LANG_KEYS, find_front_matter
from newsl10n.formats.markdown import md_parser
from newsl10n.formats.templates import mask_templates, masked_runs
from newsl10n.model import CODE_RE

_IGNORED = frozenset({"text", "softbreak", "text_special"})


def block_shape(text: str, *, ordered: bool = True) -> list[tuple[object, ...]]:
    """The token structure markdown-it-py reads: blocks with their markers, inline codes (in order), no text."""
    fm = find_front_matter(text)
    body = text[fm.end :] if fm is not None else text
    shape: list[tuple[object, ...]] = []
    for tok in md_parser().parse(mask_templates(body)):
        if tok.type == "inline":
            kids = [c for c in tok.children or [] if c.type not in _IGNORED]
            codes = [(c.type, c.markup, str(c.attrGet("href") or c.attrGet("src") or "")) for c in kids]
            shape.append(("inline", tuple(codes if ordered else sorted(codes))))
        else:
            shape.append((tok.type, tok.tag, tok.markup, tok.info))
    return shape


def shout(coded: str, change: str) -> str:
    """``coded`` with its text changed (``upper``: upper case) and its codes kept in place."""
    assert change == "upper"
    return re.sub(rf"({CODE_RE.pattern})|([^<]+|<)", lambda m: m.group(1) or m.group(0).upper(), coded)


def _front_matter_rest(text: str) -> object:
    """The front matter's data without the values that are text for readers (and the language)."""
    import tomlkit
    from ruamel.yaml import YAML

    fm = find_front_matter(text)
    if fm is None:
        return None
    body = text[fm.body_start : fm.body_end]
    data = tomlkit.parse(body).unwrap() if fm.kind == "toml" else YAML(typ="safe").load(body)

    def strip(value: object, top: bool) -> object:
        if isinstance(value, dict):
            drop = set(DEFAULT_KEYS) | set(LANG_KEYS) if top else {"alt", "caption"}
            return {k: strip(v, False) for k, v in value.items() if k not in drop}
        if isinstance(value, list):
            return [strip(v, False) for v in value]
        return value

    return strip(data, True)


def kept_parts(text: str) -> dict[str, object]:
    """What a translation must keep byte for byte: templates, code, URLs, definitions, HTML, other front matter."""
    fm = find_front_matter(text)
    body = text[fm.end :] if fm is not None else text
    masked = mask_templates(body)
    env: dict[str, object] = {}
    tokens = md_parser().parse(masked, env)
    code: list[str] = []
    urls: list[str] = []
    html: list[str] = []
    for tok in tokens:
        if tok.type in ("fence", "code_block"):
            code.append(tok.content)
        if tok.type == "html_block":
            html.append(tok.content)
        for c in tok.children or []:
            if c.type == "code_inline":
                code.append(c.content)
            elif c.type == "html_inline":
                html.append(c.content)
            elif c.type in ("link_open", "image"):
                urls.append(str(c.attrGet("href") or c.attrGet("src")))
    templates = [body[r.start : r.end] for r in masked_runs(masked)]
    return {
        "front matter": _front_matter_rest(text),
        "templates": sorted(re.sub(r'(alt|caption|title)="[^"]*"', r"\1=…", t) for t in templates),
        "code": sorted(code),
        "urls": sorted(urls),
        "definitions": {k: (v["href"], v["title"]) for k, v in env.get("references", {}).items()},  # type: ignore[attr-defined]
        "html": sorted(html),
    }
