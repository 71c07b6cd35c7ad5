// Runs inside the built page (sandboxed, opaque origin): reports clicks to the review page, highlights on request.
"use strict";
(function () {
  const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, td, th, dt, dd, figcaption, blockquote, caption, summary, title, div";
  document.addEventListener("click", (event) => {
    event.preventDefault();
    const block = event.target.closest(BLOCKS) || document.body;
    let before = "";
    const caret = document.caretRangeFromPoint ? document.caretRangeFromPoint(event.clientX, event.clientY) : null;
    if (caret && block.contains(caret.startContainer)) {
      const range = document.createRange();
      range.setStart(block, 0);
      range.setEnd(caret.startContainer, caret.startOffset);
      before = range.toString();
    }
    window.parent.postMessage({ text: block.textContent || "", before: before }, "*");
  }, true);
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const data = event.data || {};
    if (typeof data.find !== "string" || !data.find) return;
    const selection = window.getSelection();
    if (selection) selection.removeAllRanges();
    if (typeof window.find === "function") window.find(data.find, false, false, true);
  });
})();
