// The search query in Unicode NFC, like every text of the site and its index
// (hotline_site/web/search.py): "bán" typed as "a" + a combining acute accent (some
// keyboards and pasted text) finds the same pages as "bán" typed as one character.
// A capturing listener on the document runs before the theme's own on the search box.
(function () {
  if (!String.prototype.normalize) return;
  function normalise(event) {
    var box = event.target;
    if (!box || !box.classList || !box.classList.contains("md-search__input")) return;
    var value = box.value;
    var composed = value.normalize("NFC");
    if (composed !== value) {
      var end = box.selectionEnd === value.length;
      box.value = composed;
      if (end) box.setSelectionRange(composed.length, composed.length);
    }
  }
  ["input", "keyup", "keydown", "change"].forEach(function (name) {
    document.addEventListener(name, normalise, true);
  });
  // Material searches when a key is released in the box: text pasted, dropped, dictated
  // or picked from a phone's suggestions gives an "input" event and no key, so each input
  // tells Material as a key released would (on the box only: no other listener sees it).
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box || !box.classList || !box.classList.contains("md-search__input")) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: false }));
  });
})();
