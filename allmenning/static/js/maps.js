/* Shared helpers for Allmenning's maps and charts (no bundler: a global `Allmenning`).
   Numbers are formatted like the server does (apps/knowledge/brief.py: decimals_for),
   quantile classes follow the same rule (quantile_breaks / class_of). */
(function () {
  "use strict";

  var lang = document.documentElement.lang || "en";

  function decimalsFor(value) {
    var size = Math.abs(value);
    if (size >= 100) return 0;
    if (size >= 10) return 1;
    if (size >= 1) return 2;
    return 3;
  }

  function formatNumber(value) {
    if (value === null || value === undefined || Number.isNaN(value)) return "–";
    if (value === 0) return "0";
    var places = decimalsFor(value);
    return new Intl.NumberFormat(lang, { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
  }

  /* The class of a value: how many breaks are at or below it (bisect_right). */
  function classOf(value, breaks) {
    if (value === null || value === undefined) return null;
    var i = 0;
    while (i < breaks.length && breaks[i] <= value) i++;
    return i;
  }

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* A Leaflet map with the tile layer from the settings, or none at all when the tile URL is
     empty (tests, CI, offline demos): then only the areas' outlines are drawn. */
  function makeMap(element, config) {
    element.hidden = false;
    var labels = readJSON("map-labels") || {};
    var map = L.map(element, { zoomSnap: 0.25, scrollWheelZoom: false, attributionControl: true, zoomControl: false });
    /* Controls in the page's language: the zoom buttons' names (Leaflet's are English), the
       credits as a named group, and the map itself named when its template did not. */
    L.control.zoom({ zoomInTitle: labels.zoomIn || "Zoom in", zoomOutTitle: labels.zoomOut || "Zoom out" }).addTo(map);
    if (map.attributionControl) {
      var credits = map.attributionControl.getContainer();
      credits.setAttribute("role", "group");
      credits.setAttribute("aria-label", labels.attribution || "Map data and credits");
    }
    if (!element.hasAttribute("aria-label") && !element.hasAttribute("aria-labelledby")) {
      element.setAttribute("role", "region");
      element.setAttribute("aria-label", labels.map || "Map");
    }
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map);
    } else {
      element.classList.add("map--no-tiles");
    }
    return map;
  }

  function areaUrl(template, code) {
    return template.replace("__code__", encodeURIComponent(code));
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  window.Allmenning = {
    formatNumber: formatNumber,
    classOf: classOf,
    readJSON: readJSON,
    makeMap: makeMap,
    areaUrl: areaUrl,
    escapeHtml: escapeHtml,
  };
})();
