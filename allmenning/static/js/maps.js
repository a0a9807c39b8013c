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
     empty (tests, CI, offline demos): then only the areas' outlines are drawn. Every map gets a
     scale. When the tile server cannot be reached (several tiles fail and none loads), the map
     says so once and draws the hub's areas as a background, so the place is still readable. */
  function drawOutlines(map) {
    var url = document.body.dataset.hubOutlines;
    if (!url || !window.fetch) return;
    fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var layer = L.geoJSON(data, {
          interactive: false,
          style: { color: "#6b7280", weight: 1, fillColor: "#e5e7eb", fillOpacity: 0.35 },
        }).addTo(map);
        layer.bringToBack();
      })
      .catch(function () {});
  }

  function noteTilesMissing(map, element) {
    if (element.classList.contains("map--no-tiles")) return;
    element.classList.add("map--no-tiles");
    var Note = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var div = L.DomUtil.create("div", "map-note map-note--tiles");
        div.setAttribute("role", "status");
        div.textContent = document.body.dataset.tilesFailed || "";
        return div;
      },
    });
    new Note().addTo(map);
    drawOutlines(map);
  }

  /* The notes that describe a map (aria-describedby) and only make sense beside it are
     rendered hidden with `data-js-only`; they are shown and hidden with the map. */
  function showMap(element, shown) {
    element.hidden = !shown;
    (element.getAttribute("aria-describedby") || "").split(/\s+/).forEach(function (id) {
      var note = id && document.getElementById(id);
      if (note && note.hasAttribute("data-js-only")) note.hidden = !shown;
    });
  }

  function makeMap(element, config) {
    showMap(element, true);
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
    L.control.scale({ imperial: false }).addTo(map);
    if (config.tileUrl) {
      var loaded = 0;
      var failed = 0;
      L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 })
        .on("tileload", function () { loaded++; })
        .on("tileerror", function () {
          failed++;
          if (failed >= 3 && loaded === 0) noteTilesMissing(map, element);
        })
        .addTo(map);
    } else {
      element.classList.add("map--no-tiles");
    }
    return map;
  }

  /* A view for a map that has nothing of its own to show yet: `fallback` at once (a map needs
     a centre before anything is drawn on it), then the hub's areas, drawn and fitted. */
  function fitHub(map, fallback) {
    map.setView(fallback.center, fallback.zoom);
    var url = document.body.dataset.hubOutlines;
    if (!url || !window.fetch) return;
    fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.features || !data.features.length) return;
        var layer = L.geoJSON(data, {
          interactive: false,
          style: { color: "#6b7280", weight: 1, fillColor: "#e5e7eb", fillOpacity: 0.35 },
        }).addTo(map);
        layer.bringToBack();
        if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      })
      .catch(function () {});
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
    showMap: showMap,
    fitHub: fitHub,
    areaUrl: areaUrl,
    escapeHtml: escapeHtml,
  };
})();
