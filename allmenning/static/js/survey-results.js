/* Survey and concept-vote results: one horizontal bar chart per question (the same numbers
   are in the table under it), and the map answers as dots on a small map. */
(function () {
  "use strict";

  var DEFAULT_VIEW = { center: [59.91, 10.75], zoom: 11 };

  function drawCharts(A) {
    var charts = A.readJSON("result-charts");
    if (!charts || typeof Chart === "undefined") return;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    charts.forEach(function (item) {
      var canvas = document.querySelector('canvas[data-result-chart="' + item.id + '"]');
      if (!canvas) return;
      canvas.parentElement.hidden = false;
      canvas.parentElement.style.height = Math.max(120, item.labels.length * 34 + 40) + "px";
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: item.labels,
          datasets: [{ label: item.series, data: item.values, backgroundColor: "#1b6a4c", borderRadius: 3, maxBarThickness: 26 }],
        },
        options: {
          indexAxis: "y",
          maintainAspectRatio: false,
          animation: reduceMotion ? false : { duration: 300 },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { display: false } },
        },
      });
    });
  }

  /* Each map question's answers as dots. The view is set before anything is drawn (Leaflet
     cannot place a layer on a map without a centre and zoom): on the space's boundary and the
     points together, or, for a hub-wide survey without answers yet, on the hub's areas. */
  function drawMaps(A) {
    var sets = A.readJSON("result-points");
    var config = A.readJSON("survey-map-data");
    if (!sets || !config || typeof L === "undefined") return;
    sets.forEach(function (set) {
      var element = document.querySelector('[data-result-map="' + set.question + '"]');
      if (!element) return;
      var points = set.points || [];
      var outline = config.boundary
        ? L.geoJSON(config.boundary, { style: { color: "#2b4c7e", weight: 2, fillOpacity: 0.05 } })
        : null;
      var bounds = L.latLngBounds([]);
      if (outline) bounds.extend(outline.getBounds());
      points.forEach(function (p) { bounds.extend([p[1], p[0]]); });
      var map = A.makeMap(element, config);
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], maxZoom: 17 });
      else A.fitHub(map, DEFAULT_VIEW);
      if (outline) outline.addTo(map);
      points.forEach(function (p) {
        L.circleMarker([p[1], p[0]], { radius: 5, color: "#ffffff", weight: 1, fillColor: "#7a3b2e", fillOpacity: 0.85 }).addTo(map);
      });
      element.dataset.drawn = String(points.length);
    });
  }

  function start() {
    var A = window.Allmenning;
    if (!A) return;
    drawCharts(A);
    drawMaps(A);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
