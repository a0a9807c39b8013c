/* Initiative maps (no bundler; needs Leaflet and maps.js):
   - the hub's map of initiatives (#initiative-map): GeoJSON from the API, clustered on the
     server by zoom (`cluster=<zoom>`), fetched again after every zoom;
   - an initiative's place (#initiative-place-map): its point or polygon;
   - the place picker (#place-picker-map): a click sets a point, or in "draw an area" mode adds
     a corner of a polygon; the GeoJSON goes into the hidden field, a point also into lon/lat. */
(function () {
  "use strict";

  var STYLE = { color: "#1b6a4c", weight: 2, fillColor: "#9fcbb7", fillOpacity: 0.35 };

  function clusterIcon(count) {
    var size = count < 10 ? 34 : count < 100 ? 40 : 48;
    return L.divIcon({
      html: "<span>" + count + "</span>",
      className: "initiative-cluster",
      iconSize: [size, size],
    });
  }

  function pointStyle() {
    return { radius: 8, color: "#0c2e22", weight: 2, fillColor: "#2f8f6b", fillOpacity: 0.9 };
  }

  function hubMap(A) {
    var element = document.getElementById("initiative-map");
    var config = A.readJSON("initiative-map-data");
    if (!element || !config || !config.geojsonUrl) return;
    var map = A.makeMap(element, config);
    var layer = L.layerGroup().addTo(map);
    var first = true;

    function url(zoom) {
      var params = new URLSearchParams(config.filters || {});
      params.set("format", "geojson");
      if (zoom !== null) params.set("cluster", String(Math.max(0, Math.min(20, Math.round(zoom)))));
      return config.geojsonUrl + "?" + params.toString();
    }

    function draw(collection) {
      layer.clearLayers();
      var bounds = L.latLngBounds([]);
      collection.features.forEach(function (feature) {
        var c = feature.geometry.coordinates;
        var latlng = L.latLng(c[1], c[0]);
        bounds.extend(latlng);
        var p = feature.properties;
        if (p.cluster) {
          var marker = L.marker(latlng, { icon: clusterIcon(p.count), keyboard: true, title: String(p.count) });
          marker.on("click", function () {
            var b = p.bbox;
            map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [40, 40], maxZoom: map.getZoom() + 3 });
          });
          marker.addTo(layer);
        } else {
          var dot = L.circleMarker(latlng, pointStyle());
          dot.bindTooltip(A.escapeHtml(p.title));
          dot.bindPopup(
            '<a href="' + A.escapeHtml(p.url) + '">' + A.escapeHtml(p.title) + "</a><br>" + A.escapeHtml(p.status_label)
          );
          dot.addTo(layer);
        }
      });
      return bounds;
    }

    function load(zoom) {
      return fetch(url(zoom), { headers: { Accept: "application/geo+json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(draw);
    }

    // First all points unclustered to fit the view, then clustered at the zoom it gives.
    load(null)
      .then(function (bounds) {
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
        else map.setView([59.91, 10.75], 10);
        element.dataset.ready = "true";
        return load(map.getZoom());
      })
      .then(function () {
        first = false;
        map.on("zoomend", function () { if (!first) load(map.getZoom()); });
      })
      .catch(function () { A.showMap(element, false); });
  }

  function placeMap(A) {
    var element = document.getElementById("initiative-place-map");
    var config = A.readJSON("initiative-place-data");
    if (!element || !config || !config.place) return;
    var map = A.makeMap(element, config);
    var shape = L.geoJSON(config.place, {
      style: STYLE,
      pointToLayer: function (_f, latlng) { return L.circleMarker(latlng, pointStyle()); },
    }).addTo(map);
    if (config.place.type === "Point") {
      var c = config.place.coordinates;
      map.setView([c[1], c[0]], 15);
    } else {
      map.fitBounds(shape.getBounds(), { padding: [16, 16] });
    }
    element.dataset.ready = "true";
  }

  function picker(A) {
    var element = document.getElementById("place-picker-map");
    var config = A.readJSON("place-picker-data") || {};
    var hidden = document.getElementById("id_place_value");
    var lon = document.getElementById("id_lon");
    var lat = document.getElementById("id_lat");
    var tools = document.getElementById("place-picker-tools");
    var status = document.getElementById("place-picker-status");
    if (!element || !hidden || !lon || !lat) return;
    var map = A.makeMap(element, config);
    tools.hidden = false;
    var mode = "point";
    var corners = [];
    var layer = L.layerGroup().addTo(map);

    function say(key) { status.textContent = status.dataset["text" + key[0].toUpperCase() + key.slice(1)] || ""; }

    function show() {
      layer.clearLayers();
      if (mode === "point" && corners.length) {
        L.circleMarker(corners[0], pointStyle()).addTo(layer);
      } else if (corners.length) {
        corners.forEach(function (c) { L.circleMarker(c, { radius: 4, color: "#0c2e22" }).addTo(layer); });
        if (corners.length >= 3) L.polygon(corners, STYLE).addTo(layer);
        else if (corners.length === 2) L.polyline(corners, STYLE).addTo(layer);
      }
    }

    function round(x) { return Math.round(x * 1e7) / 1e7; }

    function write() {
      if (mode === "point" && corners.length) {
        var p = corners[0];
        hidden.value = JSON.stringify({ type: "Point", coordinates: [round(p.lng), round(p.lat)] });
        lon.value = round(p.lng);
        lat.value = round(p.lat);
        say("point");
      } else if (mode === "polygon" && corners.length >= 3) {
        var ring = corners.map(function (c) { return [round(c.lng), round(c.lat)]; });
        ring.push(ring[0]);
        hidden.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
        lon.value = "";
        lat.value = "";
        say("polygon");
      } else {
        hidden.value = "";
        lon.value = "";
        lat.value = "";
        say(mode === "polygon" && corners.length ? "drawing" : "none");
      }
      show();
    }

    function setMode(next) {
      mode = next;
      tools.querySelectorAll("[data-mode]").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
      });
      corners = [];
      write();
      if (mode === "polygon") say("drawing");
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.mode) setMode(button.dataset.mode);
      if (button.dataset.action === "clear") { corners = []; write(); }
      if (button.dataset.action === "undo") { corners.pop(); write(); }
    });

    map.on("click", function (event) {
      if (mode === "point") corners = [event.latlng];
      else corners.push(event.latlng);
      write();
    });

    function fromNumbers() {
      var x = parseFloat(lon.value), y = parseFloat(lat.value);
      if (isFinite(x) && isFinite(y)) {
        mode = "point";
        corners = [L.latLng(y, x)];
        hidden.value = JSON.stringify({ type: "Point", coordinates: [x, y] });
        show();
      }
    }
    lon.addEventListener("change", fromNumbers);
    lat.addEventListener("change", fromNumbers);

    // Start from the saved place, if any.
    var start = null;
    try { start = hidden.value ? JSON.parse(hidden.value) : null; } catch (e) { start = null; }
    if (start && start.type === "Polygon") {
      setMode("polygon");
      corners = start.coordinates[0].slice(0, -1).map(function (c) { return L.latLng(c[1], c[0]); });
      write();
      map.fitBounds(L.polygon(corners).getBounds(), { padding: [24, 24] });
    } else if (start && start.type === "Point") {
      corners = [L.latLng(start.coordinates[1], start.coordinates[0])];
      write();
      map.setView(corners[0], 15);
    } else if (isFinite(parseFloat(lon.value)) && isFinite(parseFloat(lat.value))) {
      fromNumbers();
      map.setView(corners[0], 15);
    } else {
      map.setView(config.center ? [config.center[1], config.center[0]] : [59.91, 10.75], config.zoom || 11);
      say("none");
    }
    element.dataset.ready = "true";
  }

  function start() {
    var A = window.Allmenning;
    if (!A || typeof L === "undefined") return;
    hubMap(A);
    placeMap(A);
    picker(A);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
