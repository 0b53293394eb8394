// Runs just before Material's bundle, after its settings (#__config): loaded by
// overrides/main.html (block config) instead of the inline script Material writes in
// <head>, so that a Content-Security-Policy without 'unsafe-inline' lets every page work
// (deploy/README.md). At the end of <body>, it does not hold up the page's first paint.
//
// Material's helpers, as in its partials/javascripts/base.html. The only change: the
// scope (the site's root, where Material keeps its settings in localStorage) comes from
// the data-md-scope attribute instead of being written into the script, so the file is
// the same on every page. tests/test_csp.py fails when Material's copy changes: copy the
// new one here and change the scope the same way. Material's other inline scripts that
// use them before the bundle (palette toggle, announce.dismiss, consent,
// content.tabs.link) are for features this site does not use.
__md_scope=new URL(document.currentScript.getAttribute("data-md-scope"),location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}

// Material fetches "sitemap.xml" next to every <link rel="alternate"> to map pages
// between sites; ours are pages of one site, so each fetch is a 404. The hreflang links
// stay in the HTML for crawlers; this hides them from Material before its bundle runs.
document.querySelectorAll('link[rel="alternate"][hreflang]').forEach(function (link) {
  link.rel = "alternate-language";
});

// The search index (tens of kB, the largest file of a page) loads when search is opened,
// not on every page: Material requests it at start-up, and its request waits here until
// the visitor opens search (the search toggle, the box getting focus, or typing in it).
// tests/test_browser.py checks that a page that nobody searches never fetches it.
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var opened = false;
  function release() {
    if (opened) return;
    opened = true;
    waiting.forEach(function (start) { start(); });
    waiting = [];
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__mdIndex = /\/search\/search_index\.json$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.__mdIndex || opened) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  }, true);
  ["focusin", "input", "keydown"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var target = event.target;
      if (target && target.classList && target.classList.contains("md-search__input")) release();
    }, true);
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("label[for='__search']")) release();
  }, true);
})();
