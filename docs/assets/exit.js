// "Exit this page" (after the GOV.UK Design System): replace this page with a
// neutral one, so that Back does not return here. Also on Shift pressed 3 times.
(function () {
  var button = document.querySelector("[data-exit-page-url]");
  if (!button) return;
  var target = button.getAttribute("data-exit-page-url");

  function exitPage(event) {
    if (event) event.preventDefault();
    document.body.classList.add("exit-page--leaving"); // hide the content at once
    document.title = "…";
    window.location.replace(target);
  }
  button.addEventListener("click", exitPage);

  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3) exitPage();
  });
})();
