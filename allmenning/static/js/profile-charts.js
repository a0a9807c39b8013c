/* An area's profile: one small line chart per indicator, the area (solid) next to its parent
   (dashed) and the hub's mean (dotted). Line styles, not only colours, tell them apart; the
   same numbers are in the table under each chart. */
(function () {
  "use strict";

  function start() {
    var A = window.Allmenning;
    var charts = A && A.readJSON("profile-data");
    var labels = A && A.readJSON("profile-labels");
    if (!charts || typeof Chart === "undefined") return;
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    document.querySelectorAll("canvas[data-profile-chart]").forEach(function (canvas) {
      var item = charts[Number(canvas.dataset.profileChart)];
      if (!item) return;
      canvas.parentElement.hidden = false;
      var datasets = [
        { label: labels.own, data: item.own, borderColor: "#1b6a4c", backgroundColor: "#1b6a4c", borderWidth: 2.5, pointRadius: 2.5 },
      ];
      if (labels.parent && item.parent.some(function (v) { return v !== null; })) {
        datasets.push({ label: item.parentLabel || labels.parent, data: item.parent, borderColor: "#2b4c7e", backgroundColor: "#2b4c7e", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointStyle: "rectRot" });
      }
      if (item.hub.some(function (v) { return v !== null; })) {
        datasets.push({ label: labels.hub, data: item.hub, borderColor: "#7a3b2e", backgroundColor: "#7a3b2e", borderDash: [2, 3], borderWidth: 2, pointRadius: 0, pointStyle: "triangle" });
      }
      new Chart(canvas, {
        type: "line",
        data: { labels: item.years, datasets: datasets },
        options: {
          maintainAspectRatio: false,
          animation: reduceMotion ? false : { duration: 300 },
          spanGaps: true,
          interaction: { mode: "index", intersect: false },
          scales: { y: { ticks: { callback: function (v) { return A.formatNumber(v); }, maxTicksLimit: 5 } }, x: { ticks: { maxTicksLimit: 6 } } },
          plugins: {
            legend: { display: true, position: "bottom", labels: { boxWidth: 24, boxHeight: 2, font: { size: 11 } } },
            tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + A.formatNumber(ctx.parsed.y) + (item.unit ? " " + item.unit : ""); } } },
          },
        },
      });
    });
  }

  // The panel's scripts may come before maps.js (which defines window.Allmenning) in the page:
  // wait until every deferred script has run.
  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
