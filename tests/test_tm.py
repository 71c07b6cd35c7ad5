"""Translation memory: approved work only, exact before fuzzy."""

from __future__ import annotations

from newsl10n.catalog_model import Catalog, Entry
from newsl10n.tm import TranslationMemory


def catalog(*entries: tuple[str, str, bool]) -> Catalog:
    return Catalog(entries=tuple(Entry(msgid=msgid, msgstr=msgstr, fuzzy=fuzzy) for msgid, msgstr, fuzzy in entries))


def test_exact_fuzzy_and_unapproved() -> None:
    tm = TranslationMemory.from_catalogs(
        [
            ("a.po", catalog(("The rector opened the school.", "Ректор открыл школу.", False), ("Draft only.", "Черновик.", True))),
            ("b.po", catalog(("Untranslated.", "", False),)),
        ]
    )
    assert len(tm) == 1
    exact = tm.lookup("The rector opened the school.")
    assert exact is not None and exact.exact and exact.memory.path == "a.po"
    near = tm.lookup("The rector opened the summer school.")
    assert near is not None and not near.exact and 75 <= near.score < 100
    assert tm.lookup("Draft only.") is None
    assert tm.lookup("Something else entirely different here.") is None


def test_same_text_other_context_is_offered_not_exact() -> None:
    po = Catalog(entries=(Entry(msgid="Click <1>here</1>.", msgstr="Нажмите <1>здесь</1>.", msgctxt="codes: 1=a"),))
    tm = TranslationMemory.from_catalogs([("x.po", po)])
    assert tm.lookup("Click <1>here</1>.", "codes: 1=a").exact  # type: ignore[union-attr]
    other = tm.lookup("Click <1>here</1>.", "codes: 1=b")
    assert other is not None and not other.exact


def test_same_key_other_markup_is_offered_not_exact() -> None:
    """Contexts follow document order, so one key can name a link in one article and bold text in another."""
    link = Entry(msgid="Read <1>here</1>.", msgstr="Читайте <1>здесь</1>.", extracted=("block: p", '<1> = <a href="/r">'))
    tm = TranslationMemory.from_catalogs([("x.po", Catalog(entries=(link,)))])
    same = tm.lookup("Read <1>here</1>.", markup=("<1>=<a",))
    assert same is not None and same.exact
    other = tm.lookup("Read <1>here</1>.", markup=("<1>=<b",))
    assert other is not None and not other.exact and other.memory.msgstr == link.msgstr
    assert tm.lookup("Read <1>here</1>.").exact  # type: ignore[union-attr]  # markup unknown: the key decides


def test_matches_lists_several_with_their_paths_best_first() -> None:
    """What the review page shows: every approved sentence close enough, the entry's own one left out."""
    tm = TranslationMemory.from_catalogs(
        [
            ("a.po", catalog(("The rector opened the school.", "Ректор открыл школу.", False))),
            ("b.po", catalog(("The rector opened the school.", "Ректор открыл эту школу.", False),
                             ("The rector opened the summer school.", "Ректор открыл летнюю школу.", False),
                             ("Nothing alike at all, really.", "Ничего общего.", False))),
        ]
    )
    found = tm.matches("The rector opened the school.", limit=5)
    assert [(m.memory.path, m.memory.msgstr, m.exact) for m in found[:2]] == [
        ("a.po", "Ректор открыл школу.", True), ("b.po", "Ректор открыл эту школу.", True)
    ]
    assert found[2].memory.msgid == "The rector opened the summer school." and 75 <= found[2].score < 100
    assert len(found) == 3
    assert len(tm.matches("The rector opened the school.", limit=1)) == 1
    skipped = tm.matches("The rector opened the school.", skip=lambda m: m.path == "a.po")
    assert [m.memory.path for m in skipped] == ["b.po", "b.po"]
