/* The bubble chart (Gapminder style): one bubble per area, x and y from two indicators, the
   size from a third, the colour from a fourth (quantile classes, as on the map). A play button
   and the year slider step through the years. The canvas takes keyboard focus: arrow keys go
   from area to area (left to right), the tooltip follows, and a live region reads it out. */
(function () {
  "use strict";

  var MIN_RADIUS = 3;
  var MAX_RADIUS = 22;

  function start() {
    var A = window.Allmenning;
    var box = document.getElementById("bubble-chart");
    var canvas = document.getElementById("bubble-canvas");
    var config = A && A.readJSON("bubble-config");
    if (!box || !canvas || !config || typeof Chart === "undefined") return;

    var form = document.getElementById("bubble-form");
    var slider = document.getElementById("bubble-year");
    var output = document.getElementById("bubble-year-output");
    var play = document.getElementById("bubble-play");
    var live = document.getElementById("bubble-live");
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    fetch(config.url, { headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) { draw(data); })
      .catch(function () { box.hidden = true; });

    function draw(data) {
      box.hidden = false;
      var year = config.year;
      var ind = data.indicators;
      var sizeRange = data.ranges.size;

      function radius(value) {
        if (value === null || value === undefined) return MIN_RADIUS;
        var span = sizeRange[1] - sizeRange[0] || 1;
        return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(Math.max(0, value - sizeRange[0]) / span);
      }

      function points(y) {
        var v = data.values;
        var list = [];
        data.areas.forEach(function (area, i) {
          var x = v.x[y] && v.x[y][i];
          var yy = v.y[y] && v.y[y][i];
          if (x === null || x === undefined || yy === null || yy === undefined) return;
          var size = v.size[y] ? v.size[y][i] : null;
          var colour = v.colour[y] ? v.colour[y][i] : null;
          list.push({ x: x, y: yy, r: radius(size), area: i, size: size, colour: colour });
        });
        // Big bubbles first, so that small ones stay visible on top.
        list.sort(function (a, b) { return b.r - a.r; });
        return list;
      }

      function fill(point) {
        var klass = A.classOf(point.colour, data.breaks);
        return klass === null ? "rgba(212,212,212,0.85)" : data.colours[klass];
      }

      function withUnit(value, role) {
        var unit = ind[role].unit;
        return A.formatNumber(value) + (unit && value !== null && value !== undefined ? " " + unit : "");
      }

      function describe(point) {
        return [
          data.areas[point.area][1],
          ind.x.name + ": " + withUnit(point.x, "x"),
          ind.y.name + ": " + withUnit(point.y, "y"),
          ind.size.name + ": " + withUnit(point.size, "size"),
          ind.colour.name + ": " + withUnit(point.colour, "colour"),
        ];
      }

      function axis(role) {
        var range = data.ranges[role];
        var pad = (range[1] - range[0]) * 0.05 || 1;
        return {
          suggestedMin: range[0] >= 0 ? Math.max(0, range[0] - pad) : range[0] - pad,
          suggestedMax: range[1] + pad,
          title: { display: true, text: ind[role].name + (ind[role].unit ? " (" + ind[role].unit + ")" : "") },
          ticks: { callback: function (value) { return A.formatNumber(value); } },
        };
      }

      /* Trails (Gapminder): each traced area's path through the years up to the shown one, a line
         with a small dot and the year at each step. Traced areas are chosen by name in the
         form's "trace" field; typing there updates the trails without reloading. */
      var traceInput = document.getElementById("bubble-trace");
      var traced = (config.trace || []).map(function (code) {
        return data.areas.findIndex(function (a) { return a[0] === code; });
      }).filter(function (i) { return i >= 0; });

      function tracedFromInput() {
        if (!traceInput) return traced;
        var names = traceInput.value.split(",").map(function (t) { return t.trim().toLocaleLowerCase(); }).filter(Boolean);
        var found = [];
        names.forEach(function (name) {
          var i = data.areas.findIndex(function (a) { return a[1].toLocaleLowerCase() === name || a[0].toLocaleLowerCase() === name; });
          if (i >= 0 && found.indexOf(i) < 0) found.push(i);
        });
        return found;
      }

      function trailPoints(area, upTo) {
        var list = [];
        data.years.forEach(function (y) {
          if (y > upTo) return;
          var x = data.values.x[y][area];
          var yy = data.values.y[y][area];
          if (x === null || yy === null) return;
          list.push({ x: x, y: yy, year: y });
        });
        return list;
      }

      function trailDatasets(upTo) {
        return traced.map(function (area) {
          return {
            type: "line",
            label: data.areas[area][1],
            trailOf: data.areas[area][0],
            data: trailPoints(area, upTo),
            borderColor: "#c2410c",
            backgroundColor: "#c2410c",
            borderWidth: 2,
            pointRadius: 3,
            pointHoverRadius: 4,
            tension: 0,
            order: -1,
          };
        });
      }

      var chart = new Chart(canvas, {
        type: "bubble",
        data: {
          datasets: [{
            label: ind.y.name,
            data: points(year),
            backgroundColor: function (ctx) { return ctx.raw ? fill(ctx.raw) : "#ccc"; },
            borderColor: "rgba(31,45,39,0.8)",
            borderWidth: 0.75,
            hoverBorderWidth: 2.5,
            hoverBorderColor: "#0c2e22",
          }].concat(trailDatasets(year)),
        },
        options: {
          maintainAspectRatio: false,
          animation: reduceMotion ? false : { duration: 500 },
          scales: { x: axis("x"), y: axis("y") },
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                title: function (items) {
                  if (!items.length) return "";
                  var raw = items[0].raw;
                  return raw.year !== undefined ? items[0].dataset.label + ", " + raw.year : data.areas[raw.area][1];
                },
                label: function (item) {
                  if (item.raw.year !== undefined) return [ind.x.name + ": " + withUnit(item.raw.x, "x"), ind.y.name + ": " + withUnit(item.raw.y, "y")];
                  return describe(item.raw).slice(1);
                },
              },
            },
          },
          onClick: function (event, elements) {
            if (!elements.length || elements[0].datasetIndex !== 0) return;
            var point = chart.data.datasets[0].data[elements[0].index];
            window.location.href = A.areaUrl(config.areaUrl, data.areas[point.area][0]);
          },
        },
      });

      /* Keyboard: the focused area, by its place in left-to-right order. */
      var focusedArea = null;
      function order() {
        var list = chart.data.datasets[0].data.map(function (p, index) { return { index: index, x: p.x, area: p.area }; });
        list.sort(function (a, b) { return a.x - b.x; });
        return list;
      }
      function show(area) {
        var data0 = chart.data.datasets[0].data;
        var index = data0.findIndex(function (p) { return p.area === area; });
        if (index < 0) { clearFocus(); return; }
        focusedArea = area;
        var element = chart.getDatasetMeta(0).data[index];
        var active = [{ datasetIndex: 0, index: index }];
        chart.setActiveElements(active);
        chart.tooltip.setActiveElements(active, { x: element.x, y: element.y });
        chart.update("none");
        live.textContent = describe(data0[index]).join(", ") + " (" + year + ")";
      }
      function clearFocus() {
        focusedArea = null;
        chart.setActiveElements([]);
        chart.tooltip.setActiveElements([], { x: 0, y: 0 });
        chart.update("none");
      }
      canvas.addEventListener("keydown", function (event) {
        var list = order();
        if (!list.length) return;
        var position = list.findIndex(function (p) { return p.area === focusedArea; });
        var next = null;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") next = position < 0 ? 0 : Math.min(position + 1, list.length - 1);
        else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = position < 0 ? list.length - 1 : Math.max(position - 1, 0);
        else if (event.key === "Home") next = 0;
        else if (event.key === "End") next = list.length - 1;
        else if (event.key === "Enter" && focusedArea !== null) {
          window.location.href = A.areaUrl(config.areaUrl, data.areas[focusedArea][0]);
          return;
        } else if (event.key === "Escape") { clearFocus(); return; }
        else return;
        event.preventDefault();
        show(list[next].area);
      });
      canvas.addEventListener("focus", function () { if (focusedArea === null) show(order()[0] ? order()[0].area : null); });
      canvas.addEventListener("blur", clearFocus);

      /* Years. */
      var years = data.years;
      function setTrails() {
        chart.data.datasets = [chart.data.datasets[0]].concat(trailDatasets(year));
      }

      function setYear(y, announce) {
        year = y;
        chart.data.datasets[0].data = points(y);
        setTrails();
        chart.update();
        if (slider) slider.value = y;
        if (output) output.textContent = y;
        document.querySelectorAll("[data-bubble-year]").forEach(function (node) { node.textContent = y; });
        if (focusedArea !== null) show(focusedArea);
        else if (announce) live.textContent = y;
      }

      var tableRequest = 0;
      function refreshTable() {
        if (!form) return;
        var params = new URLSearchParams(new FormData(form));
        params.set("year", year);
        params.delete("page");
        var url = window.location.pathname + "?" + params.toString();
        var ticket = ++tableRequest;
        fetch(url, { headers: { Accept: "text/html" } })
          .then(function (response) { return response.text(); })
          .then(function (html) {
            if (ticket !== tableRequest) return;
            var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("bubble-table");
            if (fresh) document.getElementById("bubble-table").replaceWith(fresh);
            window.history.replaceState(null, "", url);
          })
          .catch(function () {});
      }

      function nearestYear(value) {
        return years.reduce(function (best, y) { return Math.abs(y - value) < Math.abs(best - value) ? y : best; }, years[0]);
      }
      if (slider) {
        slider.addEventListener("input", function () { stop(); setYear(nearestYear(Number(slider.value)), false); });
        slider.addEventListener("change", refreshTable);
      }

      var timer = null;
      function stop() {
        if (timer === null) return;
        window.clearInterval(timer);
        timer = null;
        play.setAttribute("aria-pressed", "false");
        play.textContent = play.dataset.play;
        refreshTable();
      }
      play.addEventListener("click", function () {
        if (timer !== null) { stop(); return; }
        if (year === years[years.length - 1]) setYear(years[0], true);
        play.setAttribute("aria-pressed", "true");
        play.textContent = play.dataset.pause;
        timer = window.setInterval(function () {
          var i = years.indexOf(year);
          if (i >= years.length - 1) { stop(); return; }
          setYear(years[i + 1], true);
        }, reduceMotion ? 1500 : 900);
      });
      if (traceInput) {
        traceInput.addEventListener("input", function () {
          traced = tracedFromInput();
          setTrails();
          chart.update();
          box.dataset.traced = traced.map(function (i) { return data.areas[i][0]; }).join(",");
        });
        traceInput.addEventListener("change", refreshTable);
      }
      box.dataset.traced = traced.map(function (i) { return data.areas[i][0]; }).join(",");
      box.dataset.ready = "true";
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
