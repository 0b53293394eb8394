// "Exit this page", after the GOV.UK Design System's component (govuk-frontend,
// components/exit-this-page): the button, or Shift pressed 3 times within 5 s of each
// other, covers the page at once and replaces it with a neutral one, so that Back does not
// return here. Three dots on the button count the Shift presses, and a status line says
// how many are left (read by screen readers). Shift held for a capital letter does not count.
// The words come from the page (overrides/main.html), in its language.
(function () {
  var root = document.querySelector("[data-exit-page]");
  var button = root && root.querySelector("[data-exit-page-url]");
  if (!button) return;
  var target = button.getAttribute("data-exit-page-url");
  var status = root.querySelector("[data-exit-status]");
  var dots = root.querySelectorAll(".exit-page__dots > span");
  var words = function (name) { return root.getAttribute("data-exit-" + name) || ""; };
  var presses = 0;
  var lastWasModified = false;
  var timer = null;
  var clearMessage = null;
  var cover = null;

  function show(count) {
    presses = count;
    root.classList.toggle("exit-page--counting", count > 0);
    for (var i = 0; i < dots.length; i += 1) dots[i].classList.toggle("on", i < count);
  }

  function say(text) {
    clearTimeout(clearMessage);
    status.textContent = text;
  }

  function exitPage(event) {
    if (event) event.preventDefault();
    clearTimeout(timer);
    say("");
    document.body.classList.add("exit-page--leaving"); // everything but the cover hidden
    cover = document.createElement("div");
    cover.className = "exit-page-cover";
    cover.setAttribute("role", "alert");
    document.body.appendChild(cover);
    cover.textContent = words("leaving"); // after it is in the page: read more reliably
    document.title = "…";
    window.location.replace(target);
  }

  function expire() {
    show(0);
    say(words("expired"));
    clearMessage = setTimeout(function () { status.textContent = ""; }, 5000);
  }

  button.addEventListener("click", exitPage);
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastWasModified) {
      show(presses + 1);
      clearTimeout(timer);
      if (presses >= 3) {
        show(0);
        exitPage();
      } else {
        say(words(presses === 1 ? "two" : "one"));
        timer = setTimeout(expire, 5000);
      }
    } else if (presses > 0) {
      clearTimeout(timer);
      expire();
    }
    lastWasModified = event.shiftKey;
  }, true);

  // A page brought back from the browser's back-forward cache comes back as it was left:
  // covered, or with a count under way. It is shown fresh instead.
  window.addEventListener("pageshow", function () {
    document.body.classList.remove("exit-page--leaving");
    if (cover) cover.remove();
    cover = null;
    clearTimeout(timer);
    clearTimeout(clearMessage);
    status.textContent = "";
    show(0);
    lastWasModified = false;
  });
})();
