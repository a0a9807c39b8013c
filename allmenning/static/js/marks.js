/* "Place your mark": the clustered map of a space's marks, a heat layer, and drawing a point,
   a line or an area into the form (apps/mapinput). Without JavaScript the page still works:
   the form takes a point's longitude and latitude, and the marks are listed under the map.

   User text (comments, category names) is only ever put into the page with textContent. */
(function () {
  "use strict";

  var HEX = /^#[0-9a-fA-F]{6}$/;

  function init() {
    var element = document.getElementById("marks-map");
    var config = window.Allmenning && Allmenning.readJSON("marks-map-data");
    if (!element || !config || !window.L) return;
    var strings = config.strings || {};
    var map = Allmenning.makeMap(element, config);
    map.scrollWheelZoom.enable();
    var toolbar = document.getElementById("marks-toolbar");
    if (toolbar) toolbar.hidden = false;
    var status = document.getElementById("marks-status");
    var heatBox = document.getElementById("marks-heat");
    var renderer = L.canvas({ padding: 0.2 });

    function colourOf(id) {
      var category = (config.categories || {})[String(id)];
      return category && HEX.test(category.colour) ? category.colour : "#1f6fb2";
    }

    var integer = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 });

    function format(template, count) {
      return String(template || "").replace("%(count)s", integer.format(count));
    }

    /* The boundary, and the first view. */
    var boundaryLayer = null;
    if (config.boundary) {
      boundaryLayer = L.geoJSON(config.boundary, {
        interactive: false,
        style: { color: "#1e3a5f", weight: 2, dashArray: "6 4", fillColor: "#1e3a5f", fillOpacity: 0.04 },
      }).addTo(map);
      map.fitBounds(boundaryLayer.getBounds(), { padding: [16, 16] });
    } else if (config.extent) {
      var e = config.extent;
      map.fitBounds([[e[1], e[0]], [e[3], e[2]]], { padding: [24, 24], maxZoom: 16 });
    } else if (config.center) {
      map.setView([config.center[1], config.center[0]], 15);
    } else {
      map.setView([20, 10], 2);
    }

    /* The marks layer: clusters, single marks, or the heat grid. */
    var layer = L.layerGroup().addTo(map);
    var pending = null;

    function clusterIcon(props) {
      var count = props.count;
      var size = Math.round(30 + Math.min(26, Math.log(count + 1) * 5));
      var node = document.createElement("div");
      node.className = "marks-cluster";
      node.style.width = node.style.height = size + "px";
      var stops = [];
      var seen = 0;
      var categories = props.categories || {};
      Object.keys(categories).forEach(function (id) {
        var from = (seen / count) * 360;
        seen += categories[id];
        var to = (seen / count) * 360;
        stops.push(colourOf(id) + " " + from.toFixed(1) + "deg " + to.toFixed(1) + "deg");
      });
      if (stops.length) node.style.background = "conic-gradient(" + stops.join(", ") + ")";
      var label = document.createElement("span");
      label.textContent = integer.format(count);
      node.appendChild(label);
      return L.divIcon({ className: "marks-cluster-icon", html: node, iconSize: [size, size] });
    }

    function popupFor(props) {
      var box = document.createElement("div");
      box.className = "marks-popup";
      var title = document.createElement("p");
      title.className = "marks-popup__category";
      title.textContent = props.category_name || "";
      box.appendChild(title);
      if (props.comment) {
        var comment = document.createElement("p");
        comment.className = "marks-popup__comment";
        comment.textContent = props.comment;
        box.appendChild(comment);
      }
      if (props.photo && /^(\/|https?:\/\/)/.test(props.photo)) {
        var img = document.createElement("img");
        img.className = "marks-popup__photo";
        img.src = props.photo;
        img.alt = strings.photo || "";
        img.loading = "lazy";
        box.appendChild(img);
      }
      if (props.created) {
        var when = document.createElement("p");
        when.className = "marks-popup__date";
        when.textContent = new Date(props.created).toLocaleString(document.documentElement.lang || undefined);
        box.appendChild(when);
      }
      return box;
    }

    function drawFeatures(data) {
      (data.features || []).forEach(function (feature) {
        var props = feature.properties || {};
        var coords = feature.geometry && feature.geometry.coordinates;
        if (props.cluster) {
          var marker = L.marker([coords[1], coords[0]], {
            icon: clusterIcon(props),
            title: format(strings.clusterLabel, props.count),
            alt: format(strings.clusterLabel, props.count),
            riseOnHover: true,
          });
          marker.on("click", function () {
            map.setView(marker.getLatLng(), Math.min(map.getZoom() + 2, 18));
          });
          layer.addLayer(marker);
          return;
        }
        var colour = HEX.test(props.colour || "") ? props.colour : colourOf(props.category);
        var shape = L.geoJSON(feature, {
          renderer: renderer,
          style: function (f) {
            return f.geometry.type === "Point" ? {} : { color: colour, weight: 3, fillColor: colour, fillOpacity: 0.25 };
          },
          pointToLayer: function (_f, latlng) {
            return L.circleMarker(latlng, {
              renderer: renderer,
              radius: 7,
              color: "#fff",
              weight: 2,
              fillColor: colour,
              fillOpacity: 0.95,
            });
          },
        });
        shape.bindPopup(function () {
          return popupFor(props);
        });
        layer.addLayer(shape);
      });
    }

    function heatColour(t) {
      /* pale yellow → orange → deep red */
      var r = 255;
      var g = Math.round(230 - 190 * t);
      var b = Math.round(120 - 110 * t);
      return "rgb(" + r + "," + g + "," + b + ")";
    }

    function drawHeat(data) {
      var dlon = data.cell[0];
      var dlat = data.cell[1];
      var lon0 = data.origin ? data.origin[0] : 0;
      var lat0 = data.origin ? data.origin[1] : 0;
      var max = data.max || 1;
      (data.cells || []).forEach(function (cell) {
        var t = Math.sqrt(cell[2] / max);
        layer.addLayer(
          L.rectangle(
            [
              [lat0 + cell[1] * dlat, lon0 + cell[0] * dlon],
              [lat0 + (cell[1] + 1) * dlat, lon0 + (cell[0] + 1) * dlon],
            ],
            { renderer: renderer, stroke: false, fillColor: heatColour(t), fillOpacity: 0.25 + 0.55 * t, interactive: false }
          )
        );
      });
    }

    function clamp(value, low, high) {
      return Math.max(low, Math.min(high, value));
    }

    function load() {
      var zoom = Math.round(map.getZoom());
      var params = new URLSearchParams();
      var b = map.getBounds();
      params.set(
        "bbox",
        [
          clamp(b.getWest(), -180, 180).toFixed(6),
          clamp(b.getSouth(), -90, 90).toFixed(6),
          clamp(b.getEast(), -180, 180).toFixed(6),
          clamp(b.getNorth(), -90, 90).toFixed(6),
        ].join(",")
      );
      params.set("zoom", String(zoom));
      if (heatBox && heatBox.checked) params.set("format", "heat");
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(config.marksUrl + "?" + params.toString(), { signal: pending.signal, headers: { Accept: "application/geo+json, application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          layer.clearLayers();
          if (data.type === "HeatGrid") drawHeat(data);
          else drawFeatures(data);
          if (status) status.textContent = format(strings.inView, data.total || 0);
        })
        .catch(function (error) {
          if (error.name !== "AbortError" && status) status.textContent = strings.failed || "";
        });
    }

    if (heatBox && window.location.hash === "#heat") heatBox.checked = true;
    map.on("moveend", load);
    if (heatBox) heatBox.addEventListener("change", load);
    load();

    setupDrawing(map, config, strings);
  }

  /* Drawing into the form: a point (one click), a line or an area (clicks, then Finish). */
  function setupDrawing(map, config, strings) {
    var form = document.getElementById("marks-form");
    if (!form) return;
    var geometryInput = form.querySelector("input[name=geometry]");
    var kindInput = form.querySelector("[name=kind]");
    var lonInput = form.querySelector("input[name=lon]");
    var latInput = form.querySelector("input[name=lat]");
    var coords = document.getElementById("marks-coords");
    var panel = document.getElementById("marks-draw");
    var help = document.getElementById("marks-draw-help");
    var finish = document.getElementById("marks-finish");
    var undo = document.getElementById("marks-undo");
    var clear = document.getElementById("marks-clear");
    if (panel) panel.hidden = false;

    var sketch = L.layerGroup().addTo(map);
    var vertices = [];
    var finished = false;

    function kind() {
      return kindInput ? kindInput.value : "point";
    }

    function round(value) {
      return Math.round(value * 1e7) / 1e7;
    }

    function redraw() {
      sketch.clearLayers();
      var latlngs = vertices.map(function (v) {
        return [v[1], v[0]];
      });
      var style = { color: "#0b3d6b", weight: 3, dashArray: finished ? null : "5 5", fillOpacity: 0.2, interactive: false };
      if (kind() === "area" && latlngs.length >= 3) sketch.addLayer(L.polygon(latlngs, style));
      else if (latlngs.length >= 2) sketch.addLayer(L.polyline(latlngs, style));
      latlngs.forEach(function (ll) {
        sketch.addLayer(L.circleMarker(ll, { radius: 6, color: "#0b3d6b", weight: 2, fillColor: "#fff", fillOpacity: 1, interactive: false }));
      });
      var many = kind() !== "point";
      if (finish) finish.hidden = !many || finished || vertices.length < (kind() === "area" ? 3 : 2);
      if (undo) undo.hidden = !many || vertices.length === 0;
      if (coords) coords.hidden = many;
    }

    function say(text) {
      if (help) help.textContent = text || "";
    }

    function instructions() {
      return kind() === "line" ? strings.clickLine : kind() === "area" ? strings.clickArea : strings.clickPoint;
    }

    function reset() {
      vertices = [];
      finished = false;
      geometryInput.value = "";
      say(instructions());
      redraw();
    }

    function commit() {
      var geometry = null;
      if (kind() === "point" && vertices.length === 1) geometry = { type: "Point", coordinates: vertices[0] };
      if (kind() === "line" && vertices.length >= 2) geometry = { type: "LineString", coordinates: vertices.slice() };
      if (kind() === "area" && vertices.length >= 3) geometry = { type: "Polygon", coordinates: [vertices.concat([vertices[0]])] };
      geometryInput.value = geometry ? JSON.stringify(geometry) : "";
      if (geometry) {
        finished = true;
        say(strings.done);
      }
      redraw();
    }

    map.on("click", function (event) {
      var point = [round(event.latlng.lng), round(event.latlng.lat)];
      if (kind() === "point") {
        vertices = [point];
        if (lonInput) lonInput.value = point[0];
        if (latInput) latInput.value = point[1];
        commit();
        return;
      }
      if (finished) {
        finished = false;
        geometryInput.value = "";
      }
      vertices.push(point);
      say(instructions());
      redraw();
    });

    if (finish) finish.addEventListener("click", commit);
    if (undo)
      undo.addEventListener("click", function () {
        vertices.pop();
        finished = false;
        geometryInput.value = "";
        redraw();
      });
    if (clear) clear.addEventListener("click", reset);
    if (kindInput) kindInput.addEventListener("change", reset);
    [lonInput, latInput].forEach(function (input) {
      if (!input) return;
      input.addEventListener("input", function () {
        var lon = parseFloat(lonInput.value);
        var lat = parseFloat(latInput.value);
        geometryInput.value = "";
        if (kind() === "point" && isFinite(lon) && isFinite(lat)) {
          vertices = [[lon, lat]];
          finished = true;
          redraw();
        }
      });
    });

    /* Back after a refused submit: show what was sent. */
    if (geometryInput.value) {
      try {
        var sent = JSON.parse(geometryInput.value);
        if (sent.type === "Point") vertices = [sent.coordinates];
        if (sent.type === "LineString") vertices = sent.coordinates.slice();
        if (sent.type === "Polygon") vertices = sent.coordinates[0].slice(0, -1);
        finished = true;
      } catch (_e) {
        geometryInput.value = "";
      }
    }
    say(instructions());
    redraw();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
