/* The hub's area (establishment): draw it by clicking its corners, or see it before saving.
   Without JavaScript the page still works: paste GeoJSON or upload a file, and the preview
   page says what the area is in words. No drawing library: a click adds a corner. */
(function () {
  "use strict";

  var STYLE = { color: "#0c2e22", weight: 2, fillColor: "#1e8a5a", fillOpacity: 0.25 };

  function round(x) { return Math.round(x * 1e7) / 1e7; }

  function draw(A, config) {
    var element = document.getElementById("area-draw-map");
    var field = document.getElementById("area-geometry");
    var tools = document.getElementById("area-draw-tools");
    var status = document.getElementById("area-draw-status");
    if (!element || !field) return;
    var map = A.makeMap(element, config);
    tools.hidden = false;
    var corners = [];
    var layer = L.layerGroup().addTo(map);
    if (config.geometry) {
      var current = L.geoJSON(config.geometry, { style: { color: "#555", weight: 1, dashArray: "4 4", fillOpacity: 0.05 } }).addTo(map);
      map.fitBounds(current.getBounds(), { padding: [16, 16] });
    } else {
      map.setView(config.center || [59.91, 10.75], config.zoom || 11);
    }

    function say(key) { status.textContent = status.dataset["text" + key[0].toUpperCase() + key.slice(1)] || ""; }

    function write() {
      layer.clearLayers();
      corners.forEach(function (c) { L.circleMarker(c, { radius: 4, color: "#0c2e22" }).addTo(layer); });
      if (corners.length >= 3) L.polygon(corners, STYLE).addTo(layer);
      else if (corners.length === 2) L.polyline(corners, STYLE).addTo(layer);
      if (corners.length >= 3) {
        var ring = corners.map(function (c) { return [round(c.lng), round(c.lat)]; });
        ring.push(ring[0]);
        field.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
        say("done");
      } else {
        field.value = "";
        say(corners.length ? "drawing" : "none");
      }
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.action === "undo") corners.pop();
      if (button.dataset.action === "clear") corners = [];
      write();
    });
    map.on("click", function (event) { corners.push(event.latlng); write(); });
    write();
    element.dataset.ready = "true";
  }

  function preview(A, config) {
    var element = document.getElementById("area-preview-map");
    if (!element || !config.geometry) return;
    var map = A.makeMap(element, config);
    var shape = L.geoJSON(config.geometry, { style: STYLE }).addTo(map);
    map.fitBounds(shape.getBounds(), { padding: [16, 16] });
    element.dataset.ready = "true";
  }

  function start() {
    var A = window.Allmenning;
    if (!A || !window.L) return;
    var config = A.readJSON("area-map-data") || {};
    draw(A, config);
    preview(A, config);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
