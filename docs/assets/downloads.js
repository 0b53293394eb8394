// Filters for the download library. Without JavaScript every list is simply shown in full.
(function () {
  var box = document.querySelector(".download-filter");
  if (!box) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-downloads] li"));
  function options(attribute) {
    var seen = [];
    rows.forEach(function (row) {
      var value = row.getAttribute(attribute);
      if (seen.indexOf(value) < 0) seen.push(value);
    });
    return seen;
  }
  function select(attribute, labelText) {
    var label = document.createElement("label");
    label.textContent = labelText + " ";
    var menu = document.createElement("select");
    menu.setAttribute("data-filter", attribute);
    var all = document.createElement("option");
    all.value = "";
    all.textContent = box.getAttribute("data-all");
    menu.appendChild(all);
    options(attribute).forEach(function (value) {
      var cell = rows.filter(function (row) { return row.getAttribute(attribute) === value; })[0];
      var option = document.createElement("option");
      option.value = value;
      var part = attribute === "data-language" ? ".download-list__language" : ".download-list__variant";
      option.textContent = cell.querySelector(part).textContent;
      menu.appendChild(option);
    });
    menu.addEventListener("change", apply);
    label.appendChild(menu);
    box.appendChild(label);
  }
  function apply() {
    var menus = box.querySelectorAll("select");
    rows.forEach(function (row) {
      var shown = Array.prototype.every.call(menus, function (menu) {
        return !menu.value || row.getAttribute(menu.getAttribute("data-filter")) === menu.value;
      });
      row.hidden = !shown;
    });
  }
  var heading = document.createElement("p");
  heading.textContent = box.getAttribute("data-label");
  heading.className = "download-filter__title";
  box.appendChild(heading);
  select("data-language", document.documentElement.lang === "vi" ? "Ngôn ngữ" : "Language");
  select("data-variant", document.documentElement.lang === "vi" ? "Bản in" : "Version");
})();
