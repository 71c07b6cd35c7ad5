"""After machine translation: inline codes repaired, glossary terms enforced.

Engines sometimes drop, duplicate or invent inline codes.  What can be put
right without guessing is put right: invented codes and second copies are
removed, a code that sat at the very start or end of the sentence goes back
there, a pair that wrapped the whole sentence wraps it again.  Anything else
is left for the translator: the entry is marked fuzzy with a comment, and the
builder never uses a translation whose codes do not match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import CODE_RE, check_codes
from .terms import TermRule

if TYPE_CHECKING:
    from .glossary.morph import Span


@dataclass(frozen=True)
class Repaired:
    text: str
    ok: bool
    notes: tuple[str, ...] = ()


def _edges(msgid: str) -> tuple[list[str], list[str], set[int]]:
    """Codes standing at the start and at the end of a msgid, and pairs wrapping all of it."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in CODE_RE.finditer(msgid)]
    lead: list[str] = []
    pos = 0
    for start, end, tok in tokens:
        if msgid[pos:start].strip():
            break
        lead.append(tok)
        pos = end
    trail: list[str] = []
    pos = len(msgid)
    for start, end, tok in reversed(tokens):
        if msgid[end:pos].strip():
            break
        trail.insert(0, tok)
        pos = start
    wrapping = {int(CODE_RE.match(t).group(2)) for t in lead if not t.startswith("</") and not t.endswith("/>")}  # type: ignore[union-attr]
    wrapping &= {int(CODE_RE.match(t).group(2)) for t in trail if t.startswith("</")}  # type: ignore[union-attr]
    return lead, trail, wrapping


def repair_codes(msgid: str, translation: str) -> Repaired:
    """Make the codes of ``translation`` match ``msgid`` where that needs no guessing."""
    if check_codes(msgid, translation).ok:
        return Repaired(translation, True)
    notes: list[str] = []
    wanted = {m.group(0) for m in CODE_RE.finditer(msgid)}
    seen: set[str] = set()

    def keep(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok not in wanted:
            notes.append(f"removed invented code {tok}")
            return ""
        if tok in seen:
            notes.append(f"removed second copy of {tok}")
            return ""
        seen.add(tok)
        return tok

    text = CODE_RE.sub(keep, translation)
    lead, trail, wrapping = _edges(msgid)
    missing = [t for t in lead if t.endswith("/>") and t not in seen]
    if missing:
        text = "".join(missing) + text.lstrip()
        seen.update(missing)
        notes.append("put back " + "".join(missing) + " at the start")
    missing = [t for t in trail if t.endswith("/>") and t not in seen]
    if missing:
        text = text.rstrip() + "".join(missing)
        seen.update(missing)
        notes.append("put back " + "".join(missing) + " at the end")
    lead_order = [int(t.strip("</>")) for t in lead if not t.startswith("</") and not t.endswith("/>")]
    for num in reversed([n for n in lead_order if n in wrapping]):  # innermost first
        open_, close = f"<{num}>", f"</{num}>"
        if open_ not in seen and close not in seen:
            text = open_ + text + close
            notes.append(f"wrapped the sentence in <{num}>…</{num}> again")
    check = check_codes(msgid, text)
    if check.ok:
        return Repaired(text, True, tuple(notes))
    return Repaired(translation, False, tuple(notes) + check.problems)


# --- glossary terms ------------------------------------------------------------------------------------------

_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+)(?:<[^>]*>)*[«\"“¿¡(]*$")


@dataclass(frozen=True)
class TermForm:
    """The form a glossary term takes in one translation: the approved term as the sentence needs it."""

    rule: TermRule
    form: str | None  # the approved term as it stands (or would stand) here; None: not in the translation
    case: str | None = None  # its Russian case (``gent``…), when it can be read
    replaces: str | None = None  # what the translation has instead, which enforcement would replace


@dataclass(frozen=True)
class Enforced:
    text: str
    notes: tuple[str, ...]
    review: bool
    replaced: int
    missing: tuple[TermRule, ...] = ()  # rules whose term could not be placed
    placed: tuple[TermForm, ...] = ()  # each replacement made: the form put in and what it replaced


def _at_sentence_start(text: str, pos: int) -> bool:
    return _SENTENCE_START.search(text[:pos]) is not None


def case_ru(text: str, span: Span) -> str | None:
    """The Russian case of the phrase ``span`` of ``text``, read with the preposition before it (if any)."""
    from .glossary.morph import PREP_CASES, phrase_case_ru

    before = text[: span.start].split()
    prep = before[-1] if before and before[-1].lower() in PREP_CASES else ""
    return phrase_case_ru(f"{prep} {span.text}".strip())


def _capitalize_like(replacement: str, original: str, at_start: bool) -> str:
    if replacement[:1].islower() and (original[:1].isupper() and at_start):
        return replacement[:1].upper() + replacement[1:]
    return replacement


def enforce_terms(
    msgid: str,
    text: str,
    rules: Sequence[TermRule],
    *,
    tgt_lang: str,
    renderings: Mapping[str, str] | None = None,
) -> Enforced:
    """Put the approved target term of every rule into ``text``.

    Where the translation already holds the approved term (in any form) it is
    left alone.  Otherwise what the engine wrote for the term — its rendering
    of the term alone, or another target term of the concept — is found (in
    any form) and replaced by the approved term; in Russian the approved term
    takes the case of the phrase it replaces.  A term that cannot be placed
    leaves the entry for review.
    """
    from .glossary.morph import Morphology, inflect_ru

    morph = Morphology(tgt_lang)
    russian = tgt_lang.split("_")[0].split("-")[0] == "ru"
    notes: list[str] = []
    review = False
    replaced = 0
    missing: list[TermRule] = []
    placed: list[TermForm] = []
    by_concept: dict[tuple[str, str], list[TermRule]] = {}
    for rule in rules:  # an abbreviation and the full name of one concept are two targets
        if rule.target is not None:
            by_concept.setdefault((rule.concept_id, rule.target), []).append(rule)
    for group in by_concept.values():
        rule = group[0]
        target = rule.target
        assert target is not None
        need = len(group)
        have = morph.count(text, target, exact=rule.exact)
        if have >= need:
            continue
        candidates = [renderings.get(r.source, "").rstrip(" .!?;:") for r in group] if renderings else []
        candidates += [*rule.variants, *rule.avoided, *(r.matched for r in group), rule.source]
        for cand in dict.fromkeys(c.strip() for c in candidates):
            if not cand or cand == target or have >= need:
                continue
            spans = [s for s in morph.find(text, cand) if not morph.count(s.text, target, exact=rule.exact)]
            for span in reversed(spans[: need - have]):
                form = target
                how = ""
                case = None
                if russian and not rule.exact:
                    case = case_ru(text, span)
                    if rule.plural or (case and case != "nomn"):
                        inflected = inflect_ru(target, case or "nomn", plural=rule.plural)
                        if inflected is None:
                            review = True
                            notes.append(f"term {rule.source} → {target}: could not put it in case {case}; check the form")
                        else:
                            form, how = inflected, f" ({case})"
                    elif case is None and inflect_ru(target, "accs") != target:
                        review = True  # nominative or accusative: they differ for this term
                        how = " (nominative or accusative? check the form)"
                form = _capitalize_like(form, span.text, _at_sentence_start(text, span.start))
                text = text[: span.start] + form + text[span.end :]
                notes.append(f"term {rule.source} → {form}{how}, replacing {span.text!r}")
                placed.append(TermForm(rule, form, case, span.text))
                replaced += 1
                have += 1
        if morph.count(text, target, exact=rule.exact) < need:
            missing.extend(group)
    if morph.lang == "es":
        text = agree_spanish(text, rules, notes)
    return Enforced(text, tuple(notes), review, replaced, tuple(missing), tuple(placed))


def term_forms(msgid: str, text: str, rules: Sequence[TermRule], *, tgt_lang: str) -> list[TermForm]:
    """For each concept the glossary finds in ``msgid``: its approved term in the form ``text`` has or needs.

    The form is the approved term where the translation holds it (in any
    form: that one, with its case), else the form :func:`enforce_terms` would
    put in place of what the translation has instead; None when neither.
    """
    from .glossary.morph import Morphology

    morph = Morphology(tgt_lang)
    russian = morph.lang == "ru"
    out: list[TermForm] = []
    seen: set[tuple[str, str | None]] = set()
    for rule in rules:
        if (rule.concept_id, rule.target) in seen:
            continue
        seen.add((rule.concept_id, rule.target))
        if rule.target is None or not text:
            out.append(TermForm(rule, None))
            continue
        spans = morph.find(text, rule.target, exact=rule.exact)
        if spans:
            case = case_ru(text, spans[0]) if russian and not rule.exact else None
            out.append(TermForm(rule, spans[0].text, case))
            continue
        group = [r for r in rules if (r.concept_id, r.target) == (rule.concept_id, rule.target)]
        enforced = enforce_terms(msgid, text, group, tgt_lang=tgt_lang)
        out.append(enforced.placed[0] if enforced.placed else TermForm(rule, None))
    return out


def agree_spanish(text: str, rules: Sequence[TermRule], notes: list[str]) -> str:
    """The determiner before every approved term in ``text`` made to agree with it (``con el Universidad``)."""
    from .glossary.morph import Morphology
    from .glossary.spanish import agree_determiner

    morph = Morphology("es")
    for target in dict.fromkeys(r.target for r in rules if r.target is not None and not r.exact):
        for span in reversed(morph.find(text, target)):
            agreed = agree_determiner(text, span.start, span.text)
            if agreed.note is not None:
                text = agreed.text
                notes.append(f"agreement: {agreed.note}")
    return text


# --- placeholders: the second try for terms the engine's wording hid --------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\d+)\}")


def protect_terms(msgid: str, rules: Sequence[TermRule]) -> tuple[str, list[TermRule]]:
    """The msgid with each rule's source term replaced by ``{k}`` (engines carry these through)."""
    text = msgid
    placed: list[TermRule] = []
    for rule in rules:
        if rule.target is None or "{" in rule.matched:
            continue
        idx = text.find(rule.matched)
        if idx < 0:
            continue
        text = text[:idx] + "{" + str(len(placed)) + "}" + text[idx + len(rule.matched) :]
        placed.append(rule)
    return text, placed


def fill_placeholders(text: str, placed: Sequence[TermRule], *, tgt_lang: str) -> Enforced | None:
    """Put the approved terms where the engine left the placeholders; None if any went missing."""
    from .glossary.morph import PREP_CASES as PREPOSITIONS
    from .glossary.morph import inflect_ru

    found = [int(m.group(1)) for m in _PLACEHOLDER.finditer(text)]
    if sorted(found) != list(range(len(placed))):
        return None
    lang = tgt_lang.split("_")[0].split("-")[0]
    notes: list[str] = []
    review = False
    for m in sorted(_PLACEHOLDER.finditer(text), key=lambda m: -m.start()):
        rule = placed[int(m.group(1))]
        assert rule.target is not None
        start, end = m.start(), m.end()
        form, how = rule.target, ""
        words = text[:start].split()
        if lang == "ru" and not rule.exact:
            cases = PREPOSITIONS.get(words[-1].lower(), frozenset()) if words else frozenset()
            case = next(iter(cases)) if len(cases) == 1 else None
            if case is not None or rule.plural:
                form = inflect_ru(rule.target, case or "nomn", plural=rule.plural) or rule.target
                how = f" ({case or 'nomn'})"
            if case is None and inflect_ru(rule.target, "gent") != rule.target:
                review = True
                how = " (nominative: the case this position needs could not be read; check the form)"
        form = _capitalize_like(form, "X", _at_sentence_start(text, start))
        text = text[:start] + form + text[end:]
        notes.append(f"term {rule.source} → {form}{how}, placed by placeholder")
    if lang == "es":  # "el {0}" came from the engine's guess at a gender
        text = agree_spanish(text, placed, notes)
    return Enforced(text, tuple(notes), review, len(placed))
