/* MyoAtlas handouts: a "Print this handout" button on exercise and routine pages, the pictures of a
   routine's exercises for the printed page, and folded warning boxes opened while printing.
   The layout of the printed page is print.css; without JavaScript the page still prints (no button). */
(function () {
  "use strict";

  var HANDOUT = /\/(exercises|routines)\/[^\/]+\/(index\.html)?$/;
  // Folded boxes that must be on paper: warning signs and cautions. Sources and "Mentioned in" stay folded.
  var OPEN_FOR_PRINT = "details.danger, details.warning, details.failure";

  function printButton(article) {
    if (article.querySelector(".ma-print")) return;
    var h1 = article.querySelector("h1");
    if (!h1) return;
    var box = document.createElement("p");
    box.className = "ma-print";
    var button = document.createElement("button");
    button.type = "button"; // a real button: keyboard (Enter, Space) and screen readers work as they should
    button.className = "md-button ma-print__button";
    button.textContent = "Print this handout";
    button.addEventListener("click", function () { window.print(); });
    box.appendChild(button);
    var after = h1.nextElementSibling && h1.nextElementSibling.tagName === "P" ? h1.nextElementSibling : h1;
    after.insertAdjacentElement("afterend", box);
  }

  /* A routine's step pictures live in <template>s for routine mode; copy them next to each step,
     shown only on paper (print.css). */
  function routineFigures(article) {
    article.querySelectorAll("template[data-routine-figure]").forEach(function (tpl) {
      var n = tpl.getAttribute("data-routine-figure");
      var link = article.querySelector('a[data-routine-step="' + n + '"]');
      var item = link && link.closest("li");
      if (!item || item.querySelector(".ma-print-figure")) return;
      var holder = document.createElement("div");
      holder.className = "ma-print-figure";
      holder.setAttribute("aria-hidden", "true");
      holder.appendChild(tpl.content.cloneNode(true));
      holder.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      item.insertBefore(holder, item.firstChild);
    });
  }

  function init() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || !HANDOUT.test(location.pathname)) return;
    printButton(article);
    routineFigures(article);
  }

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("article " + OPEN_FOR_PRINT.split(", ").join(", article ")).forEach(function (d) {
      if (!d.open) { d.open = true; opened.push(d); }
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
