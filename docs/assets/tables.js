// A wide table (the statistics) scrolls sideways on a phone inside Material's wrapper:
// the wrapper takes keyboard focus and is named after the table's caption or the heading
// above it, so that arrow keys scroll it and a screen reader says what it is (axe:
// scrollable-region-focusable). Material wraps the tables when each page is shown (document$).
(function () {
  function name(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var node = wrap;
    while (node && node.parentElement) {
      var before = node.previousElementSibling;
      while (before) {
        if (/^H[1-6]$/.test(before.tagName)) return before.textContent.trim();
        before = before.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.title;
  }
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name(wrap));
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(label);
  else document.addEventListener("DOMContentLoaded", label);
})();
