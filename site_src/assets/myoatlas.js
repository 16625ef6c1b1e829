// Wide tables scroll sideways on phones: make their scroll area reachable by keyboard (WCAG 2.1.1).
// document$ is Material's page-change stream, so this also runs after instant navigation.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Table (scrolls sideways)");
  });
});
