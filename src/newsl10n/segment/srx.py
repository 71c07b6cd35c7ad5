"""Rule-based sentence segmentation driven by SRX 2.0 data.

The rules live in ``rules.srx`` next to this module; code only interprets
them.  Each SRX rule ``<beforebreak>B</beforebreak><afterbreak>A</afterbreak>``
is compiled with the ``regex`` module to the zero-width pattern
``(?=A)(?<=B)`` (same meaning as ``(?<=B)(?=A)``; testing the look-ahead
first keeps scans over long runs of spaces linear).  At a position matched by
several rules the first one in order decides, so a ``break="no"`` rule placed
before a ``break="yes"`` rule wins.

:meth:`SrxRules.breaks` does not run every rule over the whole text.  A
position is a break exactly when some ``break="yes"`` rule matches there and
no ``break="no"`` rule placed before *that* rule does, so each break rule
scans once, its pattern followed by a negative look-ahead of the no-break
rules before it, and jumps between the few places where it can hold (see
:func:`_scan`); the plan is built once per language code and cached.  Rules
are put side by side in one pattern only when all the language's rules are
written in the plain subset of the syntax that :class:`Syntax` reads, where
that keeps their meaning; a language with any other rule (back-references,
named groups, ``\\G``, global inline flags ...) is scanned rule by rule.

Language selection follows SRX 2.0 ``<maprules>``: each ``languagepattern``
must match the *whole* language code.  Matching ignores case, and a code is
tried both as given and with ``_`` replaced by ``-`` (``es_ES`` ~ ``es-ES``).
With ``cascade="yes"`` the rule sets of all matching maps are concatenated in
map order; with ``cascade="no"`` (also the default when the attribute is
missing) only the first matching map is used.

Break offsets ``k`` satisfy ``0 < k < len(text)`` and point at the first
character of the next sentence, i.e. *after* the whitespace that follows the
sentence end; callers trim whitespace.

Decisions baked into the packaged ``rules.srx`` (see its comments):

* ``\\n`` (a hard line break) always ends a segment, even twice in a row, so
  ``"a\\n\\nb"`` gives an empty (whitespace-only) segment between them.
* ``etc.``, ``и т. д.``, ``и т. п.``, ``и др.``, ``и пр.`` *do* end a
  sentence before an uppercase word (they usually close a list at the end
  of a sentence); before a lowercase word nothing ever breaks.
* ``No.``, ``p.``, ``art.``, ``рис.``, ``с.``, Spanish month abbreviations and
  similar only block a break before a digit (``No. 10``), because ``no.`` /
  ``рис.`` are also ordinary words that end sentences.
* Titles and the other listed abbreviations (``St.``, ``Prof.``, ``Jr.``,
  ``Jan.``, ``г.``, ``им.``, ``руб.``, ``Sra.``, ``núm.`` ...) never end a
  sentence, and a single capital letter plus full stop (``J.``, ``U.S.``,
  ``Plan B.``) never ends one before a capitalised word: a sentence that
  really ends that way is merged with the next one.
* ``Inc.``, ``Ltd.``, ``Corp.``, ``a.m.``/``p.m.`` may end a sentence.
* An ellipsis (``...``, ``…``) breaks only before an uppercase letter,
  optionally after opening quotes/brackets; other full stops also break
  before a digit (``in 2021. 15 people``).
* U+FFFC (inline object) counts as a word character that is not uppercase:
  no break happens before it.
* Spanish ``¿``/``¡`` after a sentence end always start a new sentence.
"""

from __future__ import annotations

import functools
import importlib.resources
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import regex  # type: ignore[import-untyped, unused-ignore]
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from newsl10n.errors import InputError

from .rule_syntax import Syntax, Unsupported

__all__ = ["LanguageMap", "SrxRule", "SrxRules", "load_rules", "sentence_breaks"]

SRX_NAMESPACE = "http://www.lisa.org/srx20"
_PACKAGE = "newsl10n.segment"
_RESOURCE = "rules.srx"
_POSITION_SUFFIX = regex.compile(r",\s*line \d+, column \d+$")  # lxml repeats the position


@dataclass(frozen=True)
class SrxRule:
    """One ``<rule>``: break (or not) where BEFORE ends and AFTER begins."""

    is_break: bool
    before: str
    after: str
    line: int | None = None
    pattern: regex.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", _compile_rule(self.before, self.after))


@dataclass(frozen=True)
class LanguageMap:
    """One ``<languagemap>``: codes matching ``pattern`` use ``rule_name``."""

    pattern: str
    rule_name: str
    compiled: regex.Pattern[str] = field(repr=False, compare=False)

    def matches(self, lang: str) -> bool:
        """True when the pattern matches the whole code (``_`` or ``-``)."""
        code = lang.strip()
        return any(
            self.compiled.fullmatch(candidate) is not None
            for candidate in dict.fromkeys((code, code.replace("_", "-")))
        )


@dataclass(frozen=True, eq=False)
class SrxRules:
    """A parsed SRX 2.0 document.  Immutable; safe to share between threads.

    The per-language plans of :meth:`breaks` are cached on the instance (a
    race only builds the same plan twice).
    """

    cascade: bool
    language_rules: Mapping[str, tuple[SrxRule, ...]]
    maps: tuple[LanguageMap, ...]
    source: str | None = None
    _plans: dict[str, _Plan] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        frozen = MappingProxyType(dict(self.language_rules))
        object.__setattr__(self, "language_rules", frozen)
        for lmap in self.maps:
            if lmap.rule_name not in frozen:
                raise ValueError(f"language map refers to unknown rule set {lmap.rule_name!r}")

    def rule_names_for(self, lang: str) -> tuple[str, ...]:
        """Names of the language rule sets that apply to ``lang``, in order."""
        names: list[str] = []
        for lmap in self.maps:
            if lmap.matches(lang):
                names.append(lmap.rule_name)
                if not self.cascade:
                    break
        return tuple(names)

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """All rules that apply to ``lang``, in decision order."""
        return self._plan(lang).rules

    def breaks(self, text: str, lang: str) -> list[int]:
        """Offsets ``0 < k < len(text)`` where a new segment starts, ascending."""
        plan = self._plans.get(lang) or self._plan(lang)
        if plan.scanners is None:
            return _scan_every_rule(plan.rules, text)
        end = len(text)
        found: list[int] = []
        for scan in plan.scanners:
            if scan.anchors is not None:
                for char in scan.anchors:
                    if char in text:
                        break
                else:
                    continue  # every match starts with one of these characters: none here
            places: list[int] = []
            for match in scan.pattern.finditer(text):
                pos: int = match.end()
                while pos < end:
                    places.append(pos)
                    if scan.more is None or not scan.is_run(text[pos]):
                        break
                    step = scan.more.match(text, pos)
                    if step is None:
                        break
                    pos = step.end()
            found = sorted({*found, *places}) if found and places else found or places
        return found

    def _plan(self, lang: str) -> _Plan:
        plan = self._plans.get(lang)
        if plan is None:
            if len(self._plans) >= 256:
                self._plans.clear()
            rules = tuple(rule for name in self.rule_names_for(lang) for rule in self.language_rules[name])
            plan = self._plans[lang] = _make_plan(rules)
        return plan


@dataclass(frozen=True)
class _Scan:
    """How one break rule finds the places where it holds (see :func:`_scan`)."""

    pattern: regex.Pattern[str]  # each match ends at such a place
    more: regex.Pattern[str] | None = None  # from such a place, the next one in the same run
    run: regex.Pattern[str] | None = None  # one run character
    anchors: frozenset[str] | None = None  # when known: every match starts with one of these
    _runs: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)  # cache of run characters

    def is_run(self, char: str) -> bool:
        known = self._runs.get(char)
        if known is None:
            known = self._runs[char] = self.run is not None and self.run.fullmatch(char) is not None
        return known


@dataclass(frozen=True)
class _Plan:
    """How :meth:`SrxRules.breaks` decides for one language code."""

    rules: tuple[SrxRule, ...]
    scanners: tuple[_Scan, ...] | None  # one per break rule, in rule order; None: scan every rule


def _make_plan(rules: tuple[SrxRule, ...]) -> _Plan:
    """One scan per break rule that skips the places where a no-break rule before it matches.

    A place is a break when the first break rule that matches there is not
    preceded by a matching no-break rule; equivalently, when *some* break rule
    matches there and no no-break rule before *that* rule does (the no-break
    rules before the first such rule are among those before any later one).
    """
    try:
        for rule in rules:
            Syntax(rule.after).read()  # every rule must be in the subset
            if not rule.is_break:
                Syntax(rule.before).read()
        scanners = []
        for index, rule in enumerate(rules):
            if rule.is_break:
                unless = "|".join(f"(?:{r.pattern.pattern})" for r in rules[:index] if not r.is_break)
                scanners.append(_scan(rule, unless))
    except (Unsupported, regex.error):
        return _Plan(rules, None)
    return _Plan(rules, tuple(scanners))


def _scan(rule: SrxRule, unless: str = "") -> _Scan:
    """The patterns that find where a break rule holds and ``unless`` (a zero-width pattern) does not.

    With an *anchor* (the rightmost item of ``B``'s top-level sequence that
    cannot match empty and ends with known literal characters, ``[.?!…]+`` in
    ``[.?!…]+["'\\p{Pe}\\p{Pf}“]{0,4}\\s+``) and *run* (a character any later
    item can match): ``anchor run*? (?=A)(?<=B)(?!unless)`` finds the first
    place in a run, ``run+? (?=A)(?<=B)(?!unless)`` from there each next one.
    Without an anchor: ``L (?=A)(?<=B)(?!unless)`` with ``L`` any character
    ``B`` can end with.  An anchor character that is also a run character is
    not used, so that runs never overlap and a scan stays linear.
    """
    syntax = Syntax(rule.before)
    whole = syntax.read()
    body = f"(?:{rule.pattern.pattern})" + (f"(?!{unless})" if unless else "")
    items = syntax.top or []
    for index in range(len(items) - 1, -1, -1):
        anchor = items[index]
        known = [syntax.literals.get(atom) for atom in anchor.last]
        if anchor.nullable or not known or any(chars is None for chars in known):
            continue
        anchors = frozenset().union(*(chars or () for chars in known))
        run = _one_of(frozenset().union(*(item.chars for item in items[index + 1 :])))
        if not run:
            return _Scan(regex.compile(_one_of(anchor.last) + body), anchors=anchors)
        if not any(regex.fullmatch(run, char) for char in anchors):
            more = regex.compile(f"{run}+?{body}")
            return _Scan(regex.compile(f"{_one_of(anchor.last)}{run}*?{body}"), more, regex.compile(run), anchors)
    return _Scan(regex.compile((_one_of(whole.last) if not whole.nullable else "(?s:.)") + body))


def _one_of(atoms: frozenset[str]) -> str:
    return "(?:" + "|".join(sorted(atoms)) + ")" if atoms else ""


def _scan_every_rule(rules: tuple[SrxRule, ...], text: str) -> list[int]:
    """The general algorithm: every rule over the whole text, the first rule at a position decides."""
    end = len(text)
    decided: dict[int, bool] = {}
    for rule in rules:
        for match in rule.pattern.finditer(text):
            pos: int = match.start()
            if 0 < pos < end and pos not in decided:
                decided[pos] = rule.is_break
    return sorted(pos for pos, is_break in decided.items() if is_break)


def _compile_rule(before: str, after: str) -> regex.Pattern[str]:
    for part in (before, after):
        regex.compile(part)  # reports errors against the part the author wrote
    lookahead = f"(?={after})" if after else ""
    lookbehind = f"(?<={before})" if before else ""
    compiled: regex.Pattern[str] = regex.compile(lookahead + lookbehind)
    return compiled


# --------------------------------------------------------------------------- parsing


class _Reader:
    """Walks the element tree of one SRX file and reports errors against it."""

    def __init__(self, path: str, namespace: str | None) -> None:
        self.path = path
        self.namespace = namespace

    def fail(self, message: str, node: etree._Element | None = None) -> InputError:
        return InputError(message, path=self.path, line=None if node is None else _line(node))

    def is_named(self, node: etree._Element, name: str) -> bool:
        if not isinstance(node.tag, str):
            return False
        qname = etree.QName(node)
        return bool(qname.localname == name and qname.namespace == self.namespace)

    def children(self, node: etree._Element, name: str) -> list[etree._Element]:
        return [child for child in node if self.is_named(child, name)]

    def optional_child(self, node: etree._Element, name: str) -> etree._Element | None:
        found = self.children(node, name)
        if len(found) > 1:
            raise self.fail(f"<{_node_name(node)}> has more than one <{name}>", found[1])
        return found[0] if found else None

    def required_child(self, node: etree._Element, name: str) -> etree._Element:
        found = self.optional_child(node, name)
        if found is None:
            raise self.fail(f"<{_node_name(node)}> lacks a <{name}> element", node)
        return found

    def attribute(self, node: etree._Element, name: str) -> str:
        value = node.get(name)
        if value is None:
            raise self.fail(f"<{_node_name(node)}> lacks the {name!r} attribute", node)
        return str(value)

    def yes_no(self, node: etree._Element, name: str, default: bool) -> bool:
        value = node.get(name)
        if value is None:
            return default
        if value not in ("yes", "no"):
            raise self.fail(f"{name}={value!r} must be 'yes' or 'no'", node)
        return bool(value == "yes")

    def pattern_text(self, node: etree._Element | None) -> str:
        """The regular expression written in ``node`` (comments ignored)."""
        if node is None:
            return ""
        pieces = [node.text or ""]
        for child in node:
            if isinstance(child, etree._Entity):
                raise self.fail(
                    f"entity reference {child.text} is not allowed (entities are never resolved)",
                    node,
                )
            if not isinstance(child, etree._Comment) and not isinstance(child, etree._ProcessingInstruction):
                raise self.fail(f"<{_node_name(node)}> must contain only text", child)
            pieces.append(child.tail or "")
        return "".join(pieces)

    def rule(self, node: etree._Element) -> SrxRule:
        is_break = self.yes_no(node, "break", default=True)
        before = self.pattern_text(self.optional_child(node, "beforebreak"))
        after = self.pattern_text(self.optional_child(node, "afterbreak"))
        try:
            return SrxRule(is_break, before, after, line=_line(node))
        except regex.error as exc:
            raise self.fail(f"invalid regular expression in <rule>: {exc}", node) from None

    def language_map(self, node: etree._Element, known: Mapping[str, object]) -> LanguageMap:
        pattern = self.attribute(node, "languagepattern")
        name = self.attribute(node, "languagerulename")
        if name not in known:
            raise self.fail(f"<languagemap> refers to unknown languagerule {name!r}", node)
        try:
            compiled = regex.compile(pattern, regex.IGNORECASE)
        except regex.error as exc:
            raise self.fail(f"invalid languagepattern {pattern!r}: {exc}", node) from None
        return LanguageMap(pattern, name, compiled)

    def document(self, root: etree._Element) -> SrxRules:
        version = root.get("version")
        if version is not None and version != "2.0":
            raise self.fail(f"unsupported SRX version {version!r} (expected 2.0)", root)
        cascade = self.yes_no(self.required_child(root, "header"), "cascade", default=False)
        body = self.required_child(root, "body")
        rules_node = self.required_child(body, "languagerules")
        maps_node = self.required_child(body, "maprules")

        language_rules: dict[str, tuple[SrxRule, ...]] = {}
        for lang_node in self.children(rules_node, "languagerule"):
            name = self.attribute(lang_node, "languagerulename")
            if name in language_rules:
                raise self.fail(f"duplicate languagerule {name!r}", lang_node)
            language_rules[name] = tuple(self.rule(rule_node) for rule_node in self.children(lang_node, "rule"))
        maps = tuple(
            self.language_map(map_node, language_rules) for map_node in self.children(maps_node, "languagemap")
        )
        return SrxRules(cascade, language_rules, maps, source=self.path)


def _line(node: etree._Element) -> int | None:
    """Source line of an element (None when lxml does not know it)."""
    value: object = node.sourceline
    return value if isinstance(value, int) else None


def _node_name(node: etree._Element) -> str:
    """Local name of an element, for messages."""
    return str(etree.QName(node).localname)


def load_rules(path: str | os.PathLike[str]) -> SrxRules:
    """Parse an SRX 2.0 file; raise :class:`InputError` if it is unusable.

    The parser never loads DTDs, never resolves entities and never touches
    the network; an entity reference inside a rule is reported as an error.
    """
    where = os.fspath(path)
    try:
        with open(where, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read SRX file: {exc.strerror or exc}", path=where) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = _POSITION_SUFFIX.sub("", str(exc.msg or exc).strip())
        raise InputError(f"malformed SRX: {message}", path=where, line=exc.lineno or None) from None
    if not isinstance(root.tag, str):
        raise InputError("malformed SRX: no root element", path=where)
    qname = etree.QName(root)
    if qname.localname != "srx" or qname.namespace not in (SRX_NAMESPACE, None):
        raise InputError(
            f"not an SRX 2.0 document: root element is <{qname.localname}>",
            path=where,
            line=_line(root),
        )
    return _Reader(where, qname.namespace).document(root)


@functools.lru_cache(maxsize=1)
def _packaged_rules() -> SrxRules:
    resource = importlib.resources.files(_PACKAGE).joinpath(_RESOURCE)
    with importlib.resources.as_file(resource) as path:
        return load_rules(path)


def sentence_breaks(text: str, lang: str) -> list[int]:
    """Offsets ``0 < k < len(text)`` where a new sentence starts, ascending.

    Uses the packaged ``rules.srx`` (parsed on first use, then cached).
    """
    return _packaged_rules().breaks(text, lang)
