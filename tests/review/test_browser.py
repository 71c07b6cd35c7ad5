"""End to end in real headless Chromium (Debian's chromium + chromium-driver through Selenium, no browser download).

The server runs in a thread on 127.0.0.1; every wait is an explicit condition with a timeout, never a sleep.
Screenshots go to tmp_path, or to $NEWSL10N_REVIEW_SHOTS (``NEWSL10N_REVIEW_SHOTS=docs`` refreshes those of
docs/review.md, from any working directory).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsl10n.formats.po import parse_po
from newsl10n.glossary import load_glossary
from newsl10n.review.app import create_app
from newsl10n.review.security import Gate
from newsl10n.review.server import listen
from newsl10n.review.workspace import Workspace

from ..conftest import REPO, Result
from .conftest import ARTICLE, Project

webdriver = pytest.importorskip("selenium.webdriver")
uvicorn = pytest.importorskip("uvicorn")

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
HEADLINE = "UPM delegation visits SPbPU to plan the next stage of partnership"
FIXED = "La delegación de la UPM visita la SPbPU para planificar la próxima etapa de la colaboración"
WAIT = 30


def shots_dir(tmp_path: Path) -> Path:
    """Where screenshots go: $NEWSL10N_REVIEW_SHOTS (relative to the repository: ``docs``), else tmp_path."""
    named = os.environ.get("NEWSL10N_REVIEW_SHOTS")
    return REPO / named if named else tmp_path


@pytest.fixture
def served(project: Project) -> Iterator[Gate]:
    sock = listen(0)
    gate = Gate.new(sock.getsockname()[1])
    glossary = load_glossary([project.root / "glossary"])
    app = create_app(Workspace(project.root / "locales", [project.root / "corpus"], glossary=glossary), gate)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield gate
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists() or shutil.which("chromedriver") is None:
        pytest.fail("chromium and chromium-driver are missing: run scripts/setup.sh")
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must not look for a browser online
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium-profile'}", "--window-size=1400,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def test_click_fix_approve_and_see_the_page_rebuild(
    project: Project,
    served: Gate,
    browser: object,
    msgfmt: Callable[[Path], None],
    cli: Callable[..., Result],
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    wait = WebDriverWait(driver, WAIT)
    shots = shots_dir(tmp_path)
    machine = parse_po(project.po.read_bytes(), path="po").find(HEADLINE)
    assert machine is not None and machine.fuzzy

    driver.get(served.url())
    link = wait.until(ec.element_to_be_clickable((By.LINK_TEXT, ARTICLE)))
    driver.save_screenshot(str(shots / "review-overview.png"))
    link.click()

    # click the headline in the built page: its entry is selected and its translation box focused
    wait.until(ec.frame_to_be_available_and_switch_to_it((By.ID, "preview")))
    headline = wait.until(ec.visibility_of_element_located((By.TAG_NAME, "h1")))
    assert headline.text == machine.msgstr
    headline.click()
    driver.switch_to.default_content()
    selected = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "li.entry.selected")))
    assert selected.get_attribute("data-shown") == machine.msgstr
    assert "fuzzy:" in selected.find_element(By.CSS_SELECTOR, ".findings").text
    box = selected.find_element(By.TAG_NAME, "textarea")
    assert driver.switch_to.active_element == box

    box.clear()
    box.send_keys(FIXED)
    selected.find_element(By.CSS_SELECTOR, "button.approve").click()

    # the page comes back with the entry approved, its finding gone, and the built page showing the fix
    wait.until(ec.url_contains("?e="))
    entry = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "li.entry.selected.approved")))
    assert entry.get_attribute("data-shown") == FIXED
    assert not entry.find_elements(By.CSS_SELECTOR, ".findings")
    wait.until(ec.frame_to_be_available_and_switch_to_it((By.ID, "preview")))
    wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), FIXED))
    driver.switch_to.default_content()
    driver.save_screenshot(str(shots / "review-page.png"))

    saved = parse_po(project.po.read_bytes(), path="po").find(HEADLINE)
    assert saved is not None and saved.msgstr == FIXED and saved.approved
    msgfmt(project.po)
    assert cli("translate", "corpus/en", "--to", "es", "--engine", "apertium", "-q").code == 0
    again = parse_po(project.po.read_bytes(), path="po").find(HEADLINE)
    assert again == saved


def test_a_change_on_disk_while_the_page_is_open_is_refused(project: Project, served: Gate, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    wait = WebDriverWait(driver, WAIT)
    driver.get(served.url(f"/a/es/{ARTICLE}"))
    first = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "li.entry textarea")))
    theirs = project.po.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1)
    project.po.write_text(theirs, encoding="utf-8")  # someone else approves an entry meanwhile
    first.clear()
    first.send_keys("Mi versión")
    first.find_element(By.XPATH, "ancestor::form//button[@value='approve']").click()
    conflict = wait.until(ec.visibility_of_element_located((By.ID, "conflict")))
    assert "changed on disk" in conflict.text and "Mi versión" in conflict.text
    assert project.po.read_text(encoding="utf-8") == theirs


def entry_of(driver: object, msgid: str) -> object:
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.CSS_SELECTOR, f'input[name="msgid"][value="{msgid}"]')  # type: ignore[attr-defined]
    return field.find_element(By.XPATH, "ancestor::li[contains(@class, 'entry')]")


def test_live_checks_and_code_chips_while_typing(project: Project, served: Gate, browser: object, tmp_path: Path) -> None:
    """A draft is checked as typed (nothing saved); the source's code chips go in at the caret and the check clears."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from .test_live import GOOD, PARTNER

    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    wait = WebDriverWait(driver, WAIT)
    shots = shots_dir(tmp_path)
    driver.get(served.url(f"/a/es/{ARTICLE}"))
    li = wait.until(lambda d: entry_of(d, PARTNER))
    box = li.find_element(By.TAG_NAME, "textarea")  # type: ignore[attr-defined]
    before = project.po.read_bytes()

    def findings() -> str:
        shown = li.find_elements(By.CSS_SELECTOR, "ul.findings li")  # type: ignore[attr-defined]
        return " | ".join(f.text for f in shown if f.is_displayed())

    def count() -> int:
        return int(driver.find_element(By.ID, "finding-count").text)

    bare = GOOD.replace("2017", "2019").replace("<3>", "").replace("</3>", "")
    box.clear()
    box.send_keys(bare)
    wait.until(lambda d: "numbers:" in findings() and "codes:" in findings())
    wrong = count()  # the page's count follows the draft
    assert "2017" in findings() and "3" in findings().split("codes:")[1]
    missing = [c.text for c in li.find_elements(By.CSS_SELECTOR, ".source .chip.missing")]  # type: ignore[attr-defined]
    assert missing == ["<3>", "</3>"]
    driver.save_screenshot(str(shots / "review-live.png"))

    fixed = bare.replace("2019", "2017")
    box.clear()
    box.send_keys(fixed)
    wait.until(lambda d: "numbers:" not in findings() and "codes:" in findings())
    # put <3> before "once" and </3> after "administradores": click the chips with the caret there
    chips = {c.text: c for c in li.find_elements(By.CSS_SELECTOR, ".source .chip")}  # type: ignore[attr-defined]
    for code, where in (("<3>", fixed.index("once")), ("</3>", fixed.index("administradores") + len("administradores") + 3)):
        driver.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[1]);", box, where)
        chips[code].click()
    assert box.get_attribute("value") == GOOD
    assert driver.switch_to.active_element == box
    wait.until(lambda d: "codes:" not in findings())
    wait.until(lambda d: count() <= wrong - 2)  # the numbers and codes findings gone from the page's count too
    assert not li.find_elements(By.CSS_SELECTOR, ".source .chip.missing")  # type: ignore[attr-defined]
    assert project.po.read_bytes() == before  # checked live, never saved

    # a chip dragged carries its code as text, which a textarea drops at the pointer
    dragged = driver.execute_script(
        "const t = new DataTransfer(); arguments[0].dispatchEvent(new DragEvent('dragstart', {dataTransfer: t, bubbles: true}));"
        " return t.getData('text/plain');",
        chips["<2>"],
    )
    assert dragged == "<2>"
    assert chips["<2>"].get_attribute("draggable") == "true"

    # a catalog that cannot be read any more: the live check says so, in one line, as text
    project.po.write_bytes(before + b'\nmsgid "unclosed\n')
    box.send_keys(" ")
    wait.until(lambda d: "live check:" in findings())
    assert project.po.name in findings() and "Traceback" not in findings()


def test_keyboard_shortcuts(project: Project, served: Gate, browser: object, msgfmt: Callable[[Path], None]) -> None:
    """j/k and Alt+↓/↑ move between entries (from a box, to the next box), Enter edits, Esc leaves the box,
    Alt+C copies the source, Ctrl+Enter approves."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    wait = WebDriverWait(driver, WAIT)
    driver.get(served.url(f"/a/es/{ARTICLE}"))
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "li.entry textarea")))

    def selected() -> str:
        return str(driver.find_element(By.CSS_SELECTOR, "li.entry.selected").get_attribute("id"))

    def press(*keys: str) -> None:
        driver.switch_to.active_element.send_keys(*keys)

    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    assert selected() == "e0"
    press("j")
    press("j")
    press("k")
    assert selected() == "e1"
    press(Keys.ENTER)
    box = driver.find_element(By.CSS_SELECTOR, "#e1 textarea")
    assert driver.switch_to.active_element == box
    press(Keys.ALT, Keys.ARROW_DOWN)
    assert selected() == "e2" and driver.switch_to.active_element == driver.find_element(By.CSS_SELECTOR, "#e2 textarea")
    press(Keys.ALT, Keys.ARROW_UP)
    assert selected() == "e1" and driver.switch_to.active_element == box
    press(Keys.ESCAPE)
    assert driver.switch_to.active_element != box
    press("j")
    assert selected() == "e2"
    press(Keys.ENTER)
    box = driver.find_element(By.CSS_SELECTOR, "#e2 textarea")
    source = driver.find_element(By.CSS_SELECTOR, "#e2 button.copy-source").get_attribute("data-source")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(Keys.ALT, "c")
    assert box.get_attribute("value") == source
    msgid = driver.find_element(By.CSS_SELECTOR, '#e2 input[name="msgid"]').get_attribute("value")
    box.send_keys(Keys.CONTROL, Keys.ENTER)
    wait.until(ec.url_contains("?e=2"))
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#e2.selected.approved")))
    saved = parse_po(project.po.read_bytes(), path="po").find(str(msgid))
    assert saved is not None and saved.approved and saved.msgstr == source
    msgfmt(project.po)


def test_terms_in_the_form_the_sentence_needs_and_a_memory_match_used(
    project: Project, served: Gate, browser: object, cli: Callable[..., Result], tmp_path: Path
) -> None:
    """Russian: a saved translation shows each glossary term as this sentence needs it; an approved sentence is
    offered as memory to a close one, and "Use" puts it into that box."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    from .test_hints import MADRID_SPB, RU, TITLE

    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    wait = WebDriverWait(driver, WAIT)
    shots = shots_dir(tmp_path)
    assert cli("translate", "corpus/en", "--to", "ru", "--engine", "none", "-q").code == 0
    driver.get(served.url(f"/a/ru/{ARTICLE}"))

    li = wait.until(lambda d: entry_of(d, MADRID_SPB))
    box = li.find_element(By.TAG_NAME, "textarea")  # type: ignore[attr-defined]
    box.send_keys(RU)
    # the terms follow the draft as typed, before any save
    wait.until(lambda d: len(li.find_elements(By.CSS_SELECTOR, ".term-form")) == 2)  # type: ignore[attr-defined]
    ru_po = project.root / "locales" / "ru" / "LC_MESSAGES" / f"{ARTICLE}.po"
    unsaved = parse_po(ru_po.read_bytes(), path="po").find(MADRID_SPB)
    assert unsaved is not None and unsaved.msgstr == ""
    li.find_element(By.CSS_SELECTOR, "button[value='save']").click()  # type: ignore[attr-defined]
    wait.until(ec.url_contains("?e="))
    li = wait.until(lambda d: entry_of(d, MADRID_SPB))
    forms = [f.text for f in li.find_elements(By.CSS_SELECTOR, ".term-form")]  # type: ignore[attr-defined]
    assert forms == ["Мадридского политехнического университета", "Санкт-Петербургском политехническом университете Петра Великого"]
    terms = li.find_element(By.CSS_SELECTOR, "ul.terms").text  # type: ignore[attr-defined]
    assert "(genitive) in place of Политехнического университета Мадрида" in terms

    headline = entry_of(driver, HEADLINE)
    fixed = "Делегация МПУ посетила СПбПУ, чтобы спланировать следующий этап партнёрства"
    headline.find_element(By.TAG_NAME, "textarea").send_keys(fixed)  # type: ignore[attr-defined]
    headline.find_element(By.CSS_SELECTOR, "button.approve").click()  # type: ignore[attr-defined]
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "li.entry.selected.approved")))
    title = entry_of(driver, TITLE)
    assert [m.text for m in title.find_elements(By.CSS_SELECTOR, ".tm-text")] == [fixed]  # type: ignore[attr-defined]
    title.find_element(By.CSS_SELECTOR, "button.use-memory").click()  # type: ignore[attr-defined]
    box = title.find_element(By.TAG_NAME, "textarea")  # type: ignore[attr-defined]
    assert box.get_attribute("value") == fixed and driver.switch_to.active_element == box

    def title_findings() -> str:
        return " | ".join(f.text for f in title.find_elements(By.CSS_SELECTOR, "ul.findings li") if f.is_displayed())  # type: ignore[attr-defined]

    assert "untranslated:" in title_findings()
    wait.until(lambda d: "untranslated:" not in title_findings())  # the text put in was checked live
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", title)
    driver.save_screenshot(str(shots / "review-terms.png"))
