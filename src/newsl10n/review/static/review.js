// The review page's few interactions: select an entry from the page and the page from an entry, shortcuts.
"use strict";
(function () {
  const list = document.getElementById("entries");
  const frame = document.getElementById("preview");
  if (!list) return;
  const entries = Array.from(list.querySelectorAll("li.entry"));
  const squash = (s) => s.replace(/\s+/g, " ").trim();
  let current = null;

  function select(li, fromPage, scroll = true) {
    if (current) current.classList.remove("selected");
    current = li;
    li.classList.add("selected");
    if (scroll) li.scrollIntoView({ block: "nearest" });
    if (!fromPage) highlight(li);
  }

  function highlight(li) {
    if (frame && frame.contentWindow) frame.contentWindow.postMessage({ find: li.dataset.shown }, "*");
  }

  // The page (an opaque-origin sandboxed frame) says which text was clicked and where.
  window.addEventListener("message", (event) => {
    if (!frame || event.source !== frame.contentWindow) return;
    const data = event.data || {};
    if (typeof data.text !== "string" || typeof data.before !== "string") return;
    const block = squash(data.text);
    const at = squash(data.before).length;
    let best = null;
    for (const li of entries) {
      const shown = li.dataset.shown;
      if (!shown) continue;
      let from = block.indexOf(shown);
      while (from >= 0) {
        if (at >= from && at <= from + shown.length) { best = li; break; }
        from = block.indexOf(shown, from + 1);
      }
      if (best) break;
      if (!best && block.indexOf(shown) >= 0 && shown.length === block.length) best = li;
    }
    if (best) {
      select(best, true);
      const box = best.querySelector("textarea");
      if (box) box.focus();
    }
  });

  for (const li of entries) {
    li.addEventListener("click", (event) => {
      if (event.target.closest("button, textarea")) return;
      select(li, false);
    });
  }
  // "Copy source" and a memory match's "Use": the text goes into the entry's box.
  for (const button of list.querySelectorAll("button.copy-source, button.use-memory")) {
    button.addEventListener("click", () => {
      const box = button.closest("li.entry").querySelector("textarea");
      box.value = button.classList.contains("copy-source") ? button.dataset.source : button.dataset.text;
      box.dispatchEvent(new Event("input"));
      box.focus();
    });
  }

  // Live checks: the box's text is checked as typed (debounced, nothing saved); findings shown as text.
  function showFindings(li, findings) {
    let ul = li.querySelector("ul.findings");
    if (!ul) {
      ul = document.createElement("ul");
      ul.className = "findings";
      li.querySelector("form.edit").before(ul);
    }
    ul.replaceChildren(...findings.map((f) => {
      const item = document.createElement("li");
      item.className = f.severity;
      item.textContent = f.code + ": " + f.message;
      return item;
    }));
    ul.hidden = findings.length === 0;
  }

  // Which of the source's code chips the box lacks.
  function markChips(li, text) {
    for (const chip of li.querySelectorAll(".source .chip")) {
      chip.classList.toggle("missing", text !== "" && !text.includes(chip.dataset.code));
    }
  }

  for (const form of list.querySelectorAll("form.edit")) {
    const li = form.closest("li.entry");
    const box = form.querySelector("textarea");
    let timer = null;
    let asked = 0;
    markChips(li, box.value);
    box.addEventListener("input", () => {
      markChips(li, box.value);
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const mine = ++asked;
        const body = new URLSearchParams(new FormData(form));
        let answer = null;
        try {
          answer = await fetch(form.dataset.check, { method: "POST", body: body, credentials: "same-origin" });
        } catch (error) {
          answer = null;
        }
        if (mine !== asked) return;
        if (!answer || !answer.ok) {  // the server stopped, or could not read the catalog: say so, as text
          const why = answer ? (await answer.text()).split("\n")[0] : "the review server does not answer";
          showFindings(li, [{ severity: "warning", code: "live check", message: why }]);
          return;
        }
        const checked = await answer.json();
        showFindings(li, checked.findings);
        const count = document.getElementById("finding-count");
        if (count && Number.isInteger(checked.total)) count.textContent = String(checked.total);  // the catalog's, with this draft
        const terms = li.querySelector("ul.terms");
        if (terms && checked.terms) {  // the server's own template, escaped: the terms as this draft needs them
          const fresh = document.createElement("template");
          fresh.innerHTML = checked.terms;
          terms.replaceWith(fresh.content);
        }
      }, 300);
    });
    // Code chips: a click puts the code at the box's caret; a drag carries it as text to drop anywhere in the box.
    for (const chip of li.querySelectorAll(".source .chip")) {
      chip.addEventListener("click", () => {
        box.setRangeText(chip.dataset.code, box.selectionStart, box.selectionEnd, "end");
        box.focus();
        box.dispatchEvent(new Event("input"));
      });
      chip.addEventListener("dragstart", (event) => {
        event.dataTransfer.setData("text/plain", chip.dataset.code);
        event.dataTransfer.effectAllowed = "copy";
      });
    }
  }

  // Shortcuts: j/k (outside a box) or Alt+Down/Up (anywhere; from a box, into the next box) move between entries;
  // Enter edits the selected entry, Esc leaves the box, Ctrl+Enter approves, Alt+C copies the source.
  function move(step, intoBox) {
    const i = current ? entries.indexOf(current) : -1;
    const next = entries[Math.min(Math.max(i + step, 0), entries.length - 1)];
    if (!next) return;
    select(next, false);
    const box = next.querySelector("textarea");
    if (intoBox && box) box.focus(); else next.focus({ preventScroll: true });
  }

  for (const li of entries) {
    // focus inside an entry selects it; no scrolling here, or a click's mouseup would land elsewhere
    li.addEventListener("focusin", () => { if (current !== li) select(li, false, false); });
  }

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const inBox = target instanceof HTMLTextAreaElement;
    const typing = inBox || target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
    const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1, inBox);
    } else if (inBox && event.ctrlKey && event.key === "Enter") {
      event.preventDefault();
      target.form.querySelector("button.approve").click();
    } else if (inBox && event.altKey && (event.key === "c" || event.code === "KeyC")) {
      event.preventDefault();
      target.form.querySelector("button.copy-source").click();
    } else if (inBox && event.key === "Escape") {
      event.preventDefault();
      target.closest("li.entry").focus({ preventScroll: true });
    } else if (!typing && plain && (event.key === "j" || event.key === "k")) {
      move(event.key === "j" ? 1 : -1, false);
    } else if (!typing && plain && event.key === "Enter" && current && (target === document.body || target === current)) {
      const box = current.querySelector("textarea");
      if (box) {
        event.preventDefault();
        box.focus();
      }
    }
  });

  const wanted = new URLSearchParams(window.location.search).get("e");
  const start = wanted !== null ? document.getElementById("e" + wanted) : null;
  if (start) {
    select(start, true);
    // once the page is there, highlight the entry's sentence in it (without moving the list again)
    if (frame) frame.addEventListener("load", () => { if (current) highlight(current); });
  }
})();
