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
