// Capacity Hub: the few enhancements every page shares; everything works without them.
// Filter panels (components/filter_panel.html) start collapsed so phones see results first;
// wide screens open them.
(function () {
  "use strict";
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details.hub-filters").forEach(function (panel) { panel.open = true; });
  }
})();
