"""Small builders shared by the glossary tests."""

from __future__ import annotations

from pathlib import Path

from newsl10n.glossary import Concept, Glossary, Term, TermKind, TermStatus

REPO = Path(__file__).resolve().parents[2]
PROJECT_GLOSSARY = REPO / "glossary"
SHARED = REPO.parent / "shared"
SHARED_TBX = SHARED / "tbx"
SEED = SHARED / "seeds" / "spbpu-upm-online-talks.txt"

TBX_V3_NS = "urn:iso:std:iso:30042:ed-2"


def martif(body: str, *, prolog: str = "") -> str:
    """An old-form TBX document around ``body`` (a sequence of termEntry elements)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{prolog}"
        '<martif type="TBX-Default" xml:lang="en">\n'
        "<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>\n"
        f"<text><body>\n{body}\n</body></text>\n"
        "</martif>\n"
    )


def entry(cid: str, *langsets: str, extra: str = "") -> str:
    return f'<termEntry id="{cid}">{extra}{"".join(langsets)}</termEntry>'


def langset(lang: str, *tigs: str) -> str:
    return f'<langSet xml:lang="{lang}">{"".join(tigs)}</langSet>'


def tig(text: str, status: str | None = None, *notes: str) -> str:
    status_note = f'<termNote type="administrativeStatus">{status}Term-admn-sts</termNote>' if status else ""
    return f"<tig><term>{text}</term>{status_note}{''.join(notes)}</tig>"


def term(
    lang: str,
    text: str,
    status: TermStatus = TermStatus.PREFERRED,
    *,
    abbr: bool = False,
    kind: TermKind | None = None,
    dnt: bool = False,
) -> Term:
    return Term(text=text, lang=lang, status=status, kind=kind, is_abbreviation=abbr, do_not_translate=dnt)


def concept(cid: str, *terms: Term, kind: TermKind | None = None) -> Concept:
    return Concept(id=cid, terms=terms, kind=kind, source_file="test.tbx", line=1)


def glossary(*concepts: Concept) -> Glossary:
    return Glossary.of(concepts)
