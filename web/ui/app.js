// The four-colour risk map: MapLibre GL JS over gasrisk's own vector tiles.
(function () {
  "use strict";
  var COLORS = { red: "#d7191c", orange: "#fdae61", yellow: "#ffd92f", blue: "#2c7bb6" };
  var GRADES = ["red", "orange", "yellow", "blue"];
  var T = window.GASRISK_I18N;
  var lang = (navigator.language || "zh").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  var state = { grades: { red: true, orange: true, yellow: true, blue: true }, finding: "", district: "", stats: null };

  function t(key) { return (T[lang] && T[lang][key]) || key; }
  function fmt(s, vals) { return s.replace(/\{(\w+)\}/g, function (_, k) { return vals[k]; }); }
  function tiles(layer) { return [location.origin + "/tiles/" + layer + "/{z}/{x}/{y}.mvt"]; }
  function source(layer, minzoom) { return { type: "vector", tiles: tiles(layer), minzoom: minzoom || 0, maxzoom: 16 }; }

  var style = {
    version: 8,
    sources: {
      districts: source("districts"), buildings: source("buildings", 14), sewers: source("sewers", 13),
      segments: source("segments"), stations: source("stations"), hazards: source("hazards")
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#f4f3ef" } },
      { id: "districts-fill", type: "fill", source: "districts", "source-layer": "districts",
        paint: { "fill-color": "#ffffff", "fill-opacity": 0.6 } },
      { id: "districts-line", type: "line", source: "districts", "source-layer": "districts",
        paint: { "line-color": "#9a9a9a", "line-width": 1, "line-dasharray": [3, 2] } },
      { id: "buildings", type: "fill", source: "buildings", "source-layer": "buildings",
        paint: { "fill-color": "#d2d0cb", "fill-outline-color": "#b5b3ad" } },
      { id: "sewers", type: "line", source: "sewers", "source-layer": "sewers",
        paint: { "line-color": "#8fa5b5", "line-width": 1 } },
      { id: "segments", type: "line", source: "segments", "source-layer": "segments",
        layout: { "line-cap": "round", "line-join": "round" },
        paint: {
          "line-color": ["match", ["get", "grade"], "red", COLORS.red, "orange", COLORS.orange,
            "yellow", COLORS.yellow, "blue", COLORS.blue, "#999999"],
          "line-width": ["interpolate", ["linear"], ["zoom"], 10, ["match", ["get", "grade"], "red", 2.5, "orange", 2, 1],
            16, ["match", ["get", "grade"], "red", 7, "orange", 6, 4]]
        } },
      { id: "hazards", type: "circle", source: "hazards", "source-layer": "hazards",
        layout: { visibility: "none" },
        paint: { "circle-radius": 4, "circle-color": ["match", ["get", "grade"], "red", COLORS.red, "orange", COLORS.orange,
          "yellow", COLORS.yellow, "blue", COLORS.blue, "#555555"], "circle-stroke-color": "#fff", "circle-stroke-width": 1 } },
      { id: "stations", type: "circle", source: "stations", "source-layer": "stations",
        paint: { "circle-radius": 5, "circle-color": "#404040", "circle-stroke-color": "#fff", "circle-stroke-width": 1.5 } }
    ]
  };

  var map = new maplibregl.Map({ container: "map", style: style, center: [114.3, 30.6], zoom: 12, hash: true });
  map.addControl(new maplibregl.NavigationControl(), "top-left");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");

  function segmentFilter() {
    var f = ["all", ["in", ["get", "grade"], ["literal", GRADES.filter(function (g) { return state.grades[g]; })]]];
    if (state.finding) f.push(["==", ["get", state.finding], true]);
    if (state.district) f.push(["==", ["get", "district"], state.district]);
    return f;
  }
  function applyFilters() {
    if (!map.getLayer("segments")) return;
    map.setFilter("segments", segmentFilter());
    var h = ["all", ["any", ["!", ["has", "grade"]], ["in", ["get", "grade"], ["literal", GRADES.filter(function (g) { return state.grades[g]; })]]]];
    if (state.district) h.push(["==", ["get", "district"], state.district]);
    map.setFilter("hazards", h);
  }

  function renderLegend() {
    var s = state.stats, rows = "";
    var grades = (s && s.summary && s.summary.grades) || {};
    GRADES.forEach(function (g) {
      var v = grades[g] || { segments: 0, km: 0 };
      rows += '<tr data-grade="' + g + '" class="' + (state.grades[g] ? "" : "off") + '"><td><span class="swatch" style="background:' +
        COLORS[g] + '"></span> ' + t(g) + '</td><td class="num">' + v.segments.toLocaleString() + " " + t("segments") +
        '</td><td class="num">' + v.km.toFixed(1) + " " + t("km") + "</td></tr>";
    });
    document.getElementById("legend").innerHTML = rows;
    document.querySelectorAll("#legend tr").forEach(function (tr) {
      tr.onclick = function () { var g = tr.dataset.grade; state.grades[g] = !state.grades[g]; renderLegend(); applyFilters(); };
    });
    document.getElementById("run").textContent = s && s.run_id ? fmt(t("run"), { id: s.run_id, asOf: s.as_of }) : t("norun");
  }

  function renderTexts() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    document.getElementById("lang").textContent = t("switchTo");
    document.title = t("title") + " · gasrisk";
    renderLegend();
  }

  function esc(s) { return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }

  function showSegment(id) {
    fetch("/api/v1/segments/" + id).then(function (r) { return r.json(); }).then(function (d) {
      if (d.error) return;
      var rows = [["grade", '<span class="grade" style="background:' + COLORS[d.grade] + '">' + t(d.grade) + "</span>"],
        ["score", d.score.toFixed(2)], ["pipe", esc(d.pipe_id)], ["material", esc(d.material)],
        ["pressure", esc(d.pressure_class)], ["installed", esc(d.install_year)], ["length", d.length_m.toFixed(1)],
        ["findings", (d.findings || []).map(function (f) { return esc(t(f)); }).join("、") || "—"]];
      var html = "<table>" + rows.map(function (r) { return "<tr><td>" + t(r[0]) + "</td><td>" + r[1] + "</td></tr>"; }).join("") + "</table>";
      html += "<h2>" + t("factors") + "</h2><table id=\"factors\">";
      (d.factors || []).forEach(function (f) {
        html += "<tr><td>" + esc(lang === "zh" ? f.label_zh : f.label) + '<div class="muted">' + esc(f.detail) +
          '</div></td><td class="num">' + (f.contribution >= 0 ? "+" : "") + f.contribution.toFixed(2) + "</td></tr>";
      });
      html += "</table>";
      document.getElementById("detail-body").innerHTML = html;
      document.getElementById("detail").hidden = false;
    });
  }

  fetch("/api/v1/stats").then(function (r) { return r.json(); }).then(function (s) {
    state.stats = s;
    var sel = document.getElementById("district");
    (s.districts || []).forEach(function (d) {
      var o = document.createElement("option"); o.value = d.id; o.textContent = d.name + " (" + d.id + ")"; sel.appendChild(o);
    });
    if (s.bounds && !location.hash) map.fitBounds([[s.bounds[0], s.bounds[1]], [s.bounds[2], s.bounds[3]]], { padding: 20, duration: 0 });
    renderTexts();
  });

  document.getElementById("lang").onclick = function () { lang = lang === "zh" ? "en" : "zh"; renderTexts(); if (state.lastId) showSegment(state.lastId); };
  document.getElementById("finding").onchange = function (e) { state.finding = e.target.value; applyFilters(); };
  document.getElementById("district").onchange = function (e) { state.district = e.target.value; applyFilters(); };
  document.getElementById("show-stations").onchange = function (e) { map.setLayoutProperty("stations", "visibility", e.target.checked ? "visible" : "none"); };
  document.getElementById("show-hazards").onchange = function (e) { map.setLayoutProperty("hazards", "visibility", e.target.checked ? "visible" : "none"); };

  map.on("load", applyFilters);
  map.on("click", "segments", function (e) {
    var f = e.features && e.features[0];
    if (!f) return;
    state.lastId = f.properties.segment_id;
    showSegment(state.lastId);
  });
  map.on("mouseenter", "segments", function () { map.getCanvas().style.cursor = "pointer"; });
  map.on("mouseleave", "segments", function () { map.getCanvas().style.cursor = ""; });
  window.gasriskMap = map; // for the browser test
  renderTexts();
})();
