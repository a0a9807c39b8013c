/* The explorer's choropleth: colours the areas of one level by quantile class, and lets the
   year slider update the map live (values from the knowledge API) and the table below (the
   same page fetched for the new year). Without JavaScript the form simply submits. */
(function () {
  "use strict";

  function start() {
    var A = window.Allmenning;
    var element = document.getElementById("explorer-map");
    var config = A && A.readJSON("explorer-data");
    if (!element || !config || typeof L === "undefined") return;

    var valuesByYear = {};
    valuesByYear[config.year] = config.values;
    var currentYear = config.year;
    var map = A.makeMap(element, config);
    var layer = null;

    function colourFor(code) {
      var value = (valuesByYear[currentYear] || {})[code];
      var klass = A.classOf(value, config.breaks);
      return klass === null ? config.noData : config.colours[klass];
    }

    /* Areas whose name holds the search text (the form's "q") are outlined on the map. */
    var search = document.getElementById("explorer-q");
    function matches(feature) {
      var text = search ? search.value.trim().toLocaleLowerCase() : "";
      return text !== "" && feature.properties.name.toLocaleLowerCase().indexOf(text) !== -1;
    }

    function style(feature) {
      var hasValue = (valuesByYear[currentYear] || {})[feature.id] !== undefined;
      var found = matches(feature);
      return {
        color: found ? "#c2410c" : "#1f2d27",
        weight: found ? 3 : 0.6,
        opacity: 0.9,
        dashArray: hasValue ? null : "3 3",
        fillColor: colourFor(feature.id),
        fillOpacity: 0.85,
      };
    }

    function tooltip(feature) {
      var value = (valuesByYear[currentYear] || {})[feature.id];
      var shown = value === undefined ? element.dataset.noData || "–" : A.formatNumber(value * (config.scale || 1));
      return "<strong>" + A.escapeHtml(feature.properties.name) + "</strong><br>" + shown + (config.unit && value !== undefined ? " " + A.escapeHtml(config.unit) : "");
    }

    fetch(config.areasUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (collection) {
        layer = L.geoJSON(collection, {
          style: style,
          onEachFeature: function (feature, path) {
            path.bindTooltip(function () { return tooltip(feature); }, { sticky: true });
            path.on("click", function () { window.location.href = A.areaUrl(config.areaUrl, feature.id); });
          },
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
        element.dataset.ready = "true";
      })
      .catch(function () {
        A.showMap(element, false);
      });

    function recolour() {
      if (layer) layer.setStyle(style);
      document.querySelectorAll("[data-explorer-year]").forEach(function (node) { node.textContent = currentYear; });
    }

    /* Values of one year: the knowledge API, or else the explorer page itself for that year. */
    function loadYear(year) {
      if (valuesByYear[year]) return Promise.resolve(valuesByYear[year]);
      return fetch(config.valuesUrl + "&year=" + year, { headers: { Accept: "application/json" } })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (rows) {
          var values = {};
          (rows.items || rows).forEach(function (row) { if (row.value !== null) values[row.area] = row.value; });
          valuesByYear[year] = values;
          return values;
        });
    }

    var form = document.getElementById("explorer-form");
    var slider = document.getElementById("explorer-year");
    var output = document.getElementById("explorer-year-output");
    if (!slider || !form) return;
    var years = slider.dataset.years.split(",").map(Number);

    function nearestYear(value) {
      return years.reduce(function (best, y) { return Math.abs(y - value) < Math.abs(best - value) ? y : best; }, years[0]);
    }

    var tableRequest = 0;
    function refreshTable(year) {
      var params = new URLSearchParams(new FormData(form));
      params.set("year", year);
      params.delete("page");
      var url = window.location.pathname + "?" + params.toString();
      var ticket = ++tableRequest;
      return fetch(url, { headers: { Accept: "text/html" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (ticket !== tableRequest) return;
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("explorer-table");
          var data = doc.getElementById("explorer-data");
          if (data && !valuesByYear[year]) valuesByYear[year] = JSON.parse(data.textContent).values;
          if (fresh) document.getElementById("explorer-table").replaceWith(fresh);
          var note = doc.getElementById("explorer-map-note");
          if (note) document.getElementById("explorer-map-note").replaceWith(note);
          window.history.replaceState(null, "", url);
          if (year === currentYear) recolour();
        });
    }

    if (search) {
      var searchTimer = null;
      search.addEventListener("input", function () {
        window.clearTimeout(searchTimer);
        searchTimer = window.setTimeout(function () {
          recolour();
          refreshTable(currentYear).catch(function () {});
        }, 250);
      });
    }

    slider.addEventListener("input", function () {
      var year = nearestYear(Number(slider.value));
      output.textContent = year;
      currentYear = year;
      loadYear(year).then(function () { if (year === currentYear) recolour(); }).catch(function () {});
    });
    slider.addEventListener("change", function () {
      refreshTable(nearestYear(Number(slider.value))).catch(function () { form.submit(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
