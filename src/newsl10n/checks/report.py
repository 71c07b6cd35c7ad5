"""Findings as text for people and for CI: ``text``, ``json``, ``junit``, ``github``.

Every format is a pure function of the findings (``generate_*``); ``render``
picks one by name.  The output ends with a newline (the ``github`` output of
no findings is empty).  Findings are
shown ordered by path, line and code whatever order they come in.

text
    Compiler-like, one finding per line, then the msgid it is about::

        locales/ru/LC_MESSAGES/a.po:12: error[codes] inline codes do not match the msgid: code 2 is missing
          msgid: Read <1>more</1><2/>
        1 error, 0 warnings, 0 infos in 4 catalogs

    The msgid line is cut to 100 characters; newlines and other controls in
    paths, messages and msgids are escaped (``\\n``; ``errors.one_line``); a
    finding without a line is ``path: severity[code] message``.  With no
    findings the last line reads ``no problems found in 4 catalogs``.

json
    One object, keys sorted, indented by two spaces, non-ASCII kept::

        {
          "files_checked": 4,               # catalogs (and pages) looked at
          "findings": [                     # ordered by path, line, code, message
            {
              "code": "codes",              # check name, as in `newsl10n check --list`
              "lang": "ru",                 # target language, or null
              "line": 12,                   # 1-based line in the file, or null
              "message": "inline codes …",
              "msgctxt": null,              # string or null
              "msgid": "Read <1>more</1>",  # string or null (findings on pages)
              "path": "locales/ru/LC_MESSAGES/a.po",
              "severity": "error"           # "error" | "warning" | "info"
            }
          ],
          "summary": {"error": 1, "info": 0, "warning": 0},
          "codes": {"codes": 1},             # findings per check
          "version": 1                      # bumped on any incompatible change
        }

junit
    JUnit XML: one ``<testsuite>`` per file, one ``<testcase>`` per file and
    check (``classname`` = the file, ``name`` = the check), a ``<failure>``
    when the case has findings at or above ``fail_on`` (default: warning;
    its text lists the findings as in the text format), findings below it
    in ``<system-out>``.  Control characters are removed (XML forbids them).

github
    GitHub Actions workflow commands, one per error or warning, then one
    notice per file summing up its infos (entries to review), so that tens
    of fuzzy entries do not bury the errors::

        ::error file=locales/ru/LC_MESSAGES/a.po,line=12,title=codes::inline codes do not match …
        ::notice file=locales/ru/LC_MESSAGES/a.po,title=fuzzy%2Cuntranslated::12 fuzzy, 3 untranslated (newsl10n check lists each one)

    ``%``, CR and LF are escaped in the message, and ``:``, ``,`` as well in
    the properties.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import lxml.etree

from ..errors import UsageError, one_line
from ..model import Finding, Severity
from .base import registered_checks, sort_key

FORMATS: tuple[str, ...] = ("text", "json", "junit", "github")
JSON_VERSION = 1
MSGID_WIDTH = 100

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """1 if any finding is at or above ``fail_on``, else 0."""
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0


def render(
    findings: Sequence[Finding],
    fmt: str,
    *,
    files_checked: int,
    files: Sequence[str] = (),
    checks: Sequence[str] | None = None,
    fail_on: Severity = Severity.WARNING,
    summary: bool = True,
) -> str:
    """The findings in one of :data:`FORMATS`.

    ``files`` and ``checks`` (default: all registered) let the JUnit report
    show the passing cases too; ``fail_on`` decides which JUnit cases fail.
    The other formats use neither.  ``summary=False`` (``check -q``) leaves
    out the text format's summary line.
    """
    ordered = sorted(findings, key=sort_key)
    if fmt == "text":
        return generate_text(ordered, files_checked=files_checked, summary=summary)
    if fmt == "json":
        return generate_json(ordered, files_checked=files_checked)
    if fmt == "junit":
        return generate_junit(ordered, files_checked=files_checked, files=files, checks=checks, fail_on=fail_on)
    if fmt == "github":
        return generate_github(ordered)
    raise UsageError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")


def count(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s.value: counts[s] for s in _SEVERITIES}


def _n(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def count_codes(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each code (``fuzzy`` machine output and ``stale`` entries apart)."""
    return dict(sorted(Counter(f.code for f in findings).items()))


def summary_line(findings: Sequence[Finding], *, files_checked: int) -> str:
    """``3 errors, 1 warning, 3 infos (2 fuzzy, 1 stale) in 4 catalogs`` or ``no problems found in 4 catalogs``."""
    where = _n(files_checked, "catalog", "catalogs")
    if not findings:
        return f"no problems found in {where}"
    counts = Counter(f.severity for f in findings)
    parts = ", ".join(_n(counts[s], s.value, _PLURAL[s]) for s in _SEVERITIES)
    infos = count_codes(f for f in findings if f.severity is Severity.INFO)
    if infos:
        parts += " (" + ", ".join(f"{n} {code}" for code, n in infos.items()) + ")"
    return f"{parts} in {where}"


# -- text ---------------------------------------------------------------------------------------------------


def shorten(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters at a space (mid-word only for one long word), with ``…``."""
    if len(text) <= width:
        return text
    head = text[: width - 1]
    if not text[width - 1].isspace():  # the cut falls inside a word: go back to the space before it
        space = head.rfind(" ")
        if space > width // 2:
            head = head[:space]
    return head.rstrip().rstrip(",;:") + "…"


def text_lines(f: Finding) -> list[str]:
    where = one_line(f"{f.path}:{f.line}" if f.line is not None else f.path)
    lines = [f"{where}: {f.severity.value}[{f.code}] {one_line(f.message)}"]
    if f.msgid is not None:
        lines.append(f"  msgid: {shorten(one_line(f.msgid), MSGID_WIDTH)}")
    return lines


def generate_text(findings: Sequence[Finding], *, files_checked: int, summary: bool = True) -> str:
    lines = [line for f in findings for line in text_lines(f)]
    if summary:
        lines.append(summary_line(findings, files_checked=files_checked))
    return "".join(line + "\n" for line in lines)


# -- json ---------------------------------------------------------------------------------------------------


def _json_finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "path": f.path,
        "line": f.line,
        "message": f.message,
        "msgid": f.msgid,
        "msgctxt": f.msgctxt,
        "lang": f.lang,
    }


def generate_json(findings: Sequence[Finding], *, files_checked: int) -> str:
    doc = {
        "version": JSON_VERSION,
        "files_checked": files_checked,
        "summary": count(findings),
        "codes": count_codes(findings),
        "findings": [_json_finding(f) for f in findings],
    }
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# -- junit --------------------------------------------------------------------------------------------------

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _XML_BAD.sub("", text)


def _counts_text(findings: Sequence[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return ", ".join(_n(counts[s], s.value, _PLURAL[s]) for s in _SEVERITIES if counts[s])


def _sub(parent: Any, tag: str, **attrs: str | int) -> Any:
    return lxml.etree.SubElement(parent, tag, {k: xml_safe(str(v)) for k, v in attrs.items()})


def generate_junit(
    findings: Sequence[Finding],
    *,
    files_checked: int,
    files: Sequence[str] = (),
    checks: Sequence[str] | None = None,
    fail_on: Severity = Severity.WARNING,
) -> str:
    names = list(checks) if checks is not None else [c.name for c in registered_checks()]
    names += sorted({f.code for f in findings} - set(names))
    paths = sorted(set(files) | {f.path for f in findings})
    by_case: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        by_case[(f.path, f.code)].append(f)

    root = lxml.etree.Element("testsuites", name="newsl10n check")
    total = failed = 0
    for path in paths:
        suite = _sub(root, "testsuite", name=path, tests=len(names), failures=0, errors=0, skipped=0, time=0)
        suite_failed = 0
        for name in names:
            case = _sub(suite, "testcase", name=name, classname=path, time=0)
            found = by_case.get((path, name), [])
            failing = [f for f in found if f.severity.rank >= fail_on.rank]
            if failing:
                worst = max(failing, key=lambda f: f.severity.rank)
                failure = _sub(case, "failure", message=_counts_text(failing), type=worst.severity.value)
                failure.text = xml_safe("\n".join(line for f in failing for line in text_lines(f)))
                suite_failed += 1
            quiet = [f for f in found if f.severity.rank < fail_on.rank]
            if quiet:
                out = _sub(case, "system-out")
                out.text = xml_safe("\n".join(line for f in quiet for line in text_lines(f)))
        suite.set("failures", str(suite_failed))
        total += len(names)
        failed += suite_failed
    for key, value in (("tests", total), ("failures", failed), ("errors", 0), ("time", 0)):
        root.set(key, str(value))
    body: bytes = lxml.etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return body.decode("utf-8")


# -- github -------------------------------------------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message as the GitHub runner does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    props = [f"file={escape_property(f.path)}"]
    if f.line is not None:
        props.append(f"line={f.line}")
    props.append(f"title={escape_property(f.code)}")
    return f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{escape_data(f.message)}"


def _info_notice(path: str, infos: Sequence[Finding]) -> str:
    """One notice for a file's infos: ``12 fuzzy, 3 untranslated`` (entries to review)."""
    counts = count_codes(infos)
    shown = ", ".join(f"{n} {code}" for code, n in counts.items())
    title = escape_property(",".join(counts))
    return f"::notice file={escape_property(path)},title={title}::{escape_data(shown + ' (newsl10n check lists each one)')}"


def generate_github(findings: Sequence[Finding]) -> str:
    """Errors and warnings one annotation each; a file's infos summed up in one notice, after them."""
    lines = [github_line(f) for f in findings if f.severity is not Severity.INFO]
    infos: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.severity is Severity.INFO:
            infos[f.path].append(f)
    lines.extend(_info_notice(path, found) for path, found in sorted(infos.items()))
    return "".join(line + "\n" for line in lines)


# -- recognizing a report -----------------------------------------------------------------------------------

_SUMMARY = re.compile(r"(no problems found|\d+ errors?, \d+ warnings?, \d+ infos?( \([^)]*\))?) in \d+ catalogs?")
_GITHUB_LINE = re.compile(r"::(error|warning|notice) file=")
_JSON_KEYS = frozenset({"version", "files_checked", "summary", "findings"})


def looks_like_report(data: bytes) -> bool:
    """Whether ``data`` is a report in one of :data:`FORMATS` (as ``check --output`` writes them), or empty.

    ``check --output`` replaces only such a file: never a catalog, an article
    or anything else it did not write.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = text.splitlines()
    if not text.strip():
        return True  # the github format of no findings; nothing to lose
    if _SUMMARY.fullmatch(lines[-1]):
        return True
    if all(_GITHUB_LINE.match(line) for line in lines):
        return True
    if text.startswith("<?xml") and '<testsuites name="newsl10n check"' in text[:400]:
        return True
    try:
        doc = json.loads(text)
    except ValueError:
        return False
    return isinstance(doc, dict) and _JSON_KEYS <= set(doc)
