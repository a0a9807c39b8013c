/* Goal dashboards: bar charts drawn from the same numbers as the tables under them. The tables
   are the truth and work without JavaScript; without Chart.js nothing is drawn. */
(function () {
  "use strict";
  var COLOURS = ["#1b6a4c", "#2b4c7e", "#7a3b2e", "#5b3f86", "#6b5310"];

  function start() {
    var source = document.getElementById("dashboard-charts");
    if (!source || typeof Chart === "undefined") return;
    var charts;
    try { charts = JSON.parse(source.textContent); } catch (e) { return; }
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    charts.forEach(function (item) {
      var canvas = document.querySelector('canvas[data-dashboard-chart="' + item.id + '"]');
      if (!canvas || !item.labels.length) return;
      var datasets = item.datasets
        ? item.datasets.map(function (set, i) { return { label: set.label, data: set.values, backgroundColor: COLOURS[i % COLOURS.length], borderRadius: 3, maxBarThickness: 26 }; })
        : [{ label: item.series, data: item.values, backgroundColor: COLOURS[0], borderRadius: 3, maxBarThickness: 26 }];
      var anything = datasets.some(function (set) { return set.data.some(function (v) { return v > 0; }); });
      if (!anything) { canvas.parentElement.hidden = true; return; }
      canvas.parentElement.hidden = false;
      canvas.parentElement.style.height = Math.max(140, item.labels.length * (datasets.length * 18 + 16) + 60) + "px";
      new Chart(canvas, {
        type: "bar",
        data: { labels: item.labels, datasets: datasets },
        options: {
          indexAxis: "y",
          maintainAspectRatio: false,
          animation: reduceMotion ? false : { duration: 300 },
          scales: { x: { beginAtZero: true, ticks: item.id === "money" ? {} : { precision: 0 } } },
          plugins: { legend: { display: datasets.length > 1 }, title: { display: true, text: item.title } },
        },
      });
      canvas.dataset.ready = "true";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
