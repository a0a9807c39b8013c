/* Area maps: the hub's map of one level (GeoJSON from the areas API) and an area's small map
   (the area and its neighbours, embedded in the page). Each area links to its page. */
(function () {
  "use strict";

  var OUTLINE = { color: "#1b6a4c", weight: 1, opacity: 1, fillColor: "#9fcbb7", fillOpacity: 0.35 };
  var HIGHLIGHT = { color: "#0c2e22", weight: 3, fillColor: "#1b6a4c", fillOpacity: 0.55 };

  function draw(map, collection, config) {
    var A = window.Allmenning;
    var layer = L.geoJSON(collection, {
      style: function (feature) {
        return feature.properties && feature.properties.role === "area" ? HIGHLIGHT : OUTLINE;
      },
      onEachFeature: function (feature, path) {
        path.bindTooltip(A.escapeHtml(feature.properties.name), { sticky: true });
        if (feature.properties.role !== "area") {
          path.on("click", function () { window.location.href = A.areaUrl(config.areaUrl, feature.id); });
          path.on("mouseover", function () { path.setStyle({ weight: 2.5, fillOpacity: 0.55 }); });
          path.on("mouseout", function () { layer.resetStyle(path); });
        }
      },
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
    return layer;
  }

  function start() {
    var A = window.Allmenning;
    if (!A || typeof L === "undefined") return;

    var hubMap = document.getElementById("area-map");
    var hubConfig = A.readJSON("area-map-data");
    if (hubMap && hubConfig && hubConfig.areasUrl) {
      var map = A.makeMap(hubMap, hubConfig);
      fetch(hubConfig.areasUrl, { headers: { Accept: "application/json" } })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (collection) { draw(map, collection, hubConfig); hubMap.dataset.ready = "true"; })
        .catch(function () { A.showMap(hubMap, false); });
    }

    var areaMap = document.getElementById("area-detail-map");
    var areaConfig = A.readJSON("area-detail-map-data");
    if (areaMap && areaConfig) {
      draw(A.makeMap(areaMap, areaConfig), areaConfig.features, areaConfig);
      areaMap.dataset.ready = "true";
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
