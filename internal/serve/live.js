// plansite serve's live reload, injected into pages only by the development
// server, never into built sites. It listens for Server-Sent Events about
// the page it is on: "reload" when the page changed, "css" when only its
// stylesheets did, "problems" with the problems of a failed build, shown over
// the page, and "ok" when the build is good again.
(function () {
  "use strict";
  var overlayId = "plansite-overlay";

  function removeOverlay() {
    var old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function showOverlay(problems) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    var ja = document.documentElement.lang === "ja";
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:2rem";
    var title = document.createElement("h2");
    title.textContent = ja ? "plansite: サイトを作成できませんでした。このページは直前の正しい版です" : "plansite: the build failed; this page is the last good one";
    title.style.cssText = "margin:0 0 1rem;font-size:1.2rem;color:#ffb4b4";
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "list-style:none;margin:0;padding:0";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.style.cssText = "margin:0 0 .75rem";
      var where = document.createElement("strong");
      where.textContent = p.file + (p.line ? ":" + p.line : "") + (p.col ? ":" + p.col : "");
      item.appendChild(where);
      item.appendChild(document.createTextNode(" " + p.message));
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = ja ? "閉じる" : "Close";
    close.style.cssText = "font:inherit;margin-top:1rem;padding:.25rem 1rem";
    close.addEventListener("click", removeOverlay);
    box.appendChild(close);
    document.body.appendChild(box);
    close.focus();
  }

  // swapStylesheets fetches the page again and replaces the stylesheet
  // links with its new ones (new fingerprinted names and integrity
  // digests), removing the old ones once the new ones have loaded, so the
  // page restyles in place without losing its scroll position.
  function swapStylesheets() {
    fetch(location.href, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var old = Array.prototype.slice.call(document.querySelectorAll('link[rel="stylesheet"]'));
      var fresh = doc.querySelectorAll('link[rel="stylesheet"]');
      var waiting = fresh.length;
      function done() { old.forEach(function (l) { l.remove(); }); }
      if (!waiting) { done(); return; }
      fresh.forEach(function (link) {
        var copy = document.createElement("link");
        copy.rel = "stylesheet";
        if (link.integrity) copy.integrity = link.integrity;
        copy.addEventListener("load", function () { if (--waiting === 0) done(); });
        copy.addEventListener("error", function () { location.reload(); });
        copy.href = link.getAttribute("href");
        document.head.appendChild(copy);
      });
    }).catch(function () { location.reload(); });
  }

  var events = new EventSource("/_plansite/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("css", swapStylesheets);
  events.addEventListener("problems", function (e) { showOverlay(JSON.parse(e.data)); });
  events.addEventListener("ok", removeOverlay);
})();
