/* The map-point question: click or tap the map to fill in the longitude and latitude fields
   (which also work on their own, without JavaScript). The space's boundary is outlined. */
(function () {
  "use strict";

  function start() {
    var A = window.Allmenning;
    var config = A && A.readJSON("survey-map-data");
    if (!config || typeof L === "undefined") return;
    document.querySelectorAll("[data-point-picker]").forEach(function (element) {
      var name = element.dataset.pointPicker;
      var lon = document.getElementById(name + "-lon");
      var lat = document.getElementById(name + "-lat");
      if (!lon || !lat) return;
      var map = A.makeMap(element, config);
      var marker = null;
      /* With the map, its own help replaces the one for typing the numbers. */
      var mapHelp = document.getElementById(name + "-help-map");
      var help = document.getElementById(name + "-help");
      if (mapHelp && help) { mapHelp.hidden = false; help.hidden = true; }
      if (config.boundary) {
        var outline = L.geoJSON(config.boundary, { style: { color: "#2b4c7e", weight: 2, fillOpacity: 0.05 } }).addTo(map);
        map.fitBounds(outline.getBounds(), { padding: [8, 8] });
      } else {
        map.setView([59.91, 10.75], 12);
      }
      function place(latlng) {
        if (marker) marker.setLatLng(latlng);
        else marker = L.circleMarker(latlng, { radius: 8, color: "#ffffff", weight: 2, fillColor: "#1b6a4c", fillOpacity: 1 }).addTo(map);
      }
      function fromFields() {
        var x = parseFloat(String(lon.value).replace(",", "."));
        var y = parseFloat(String(lat.value).replace(",", "."));
        if (isFinite(x) && isFinite(y)) place([y, x]);
      }
      map.on("click", function (event) {
        place(event.latlng);
        lon.value = event.latlng.lng.toFixed(6);
        lat.value = event.latlng.lat.toFixed(6);
      });
      lon.addEventListener("change", fromFields);
      lat.addEventListener("change", fromFields);
      fromFields();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
