// The four-colour risk map: MapLibre GL JS over gasrisk's own vector tiles,
// with the legend, filters and a segment's factors in the side panel.
import * as maplibregl from "./vendor/maplibre-gl.mjs";
import { STRINGS, initialLanguage, saveLanguage } from "./i18n.js";
import { GRADES, LAYERS, HAZARD_LAYERS, mapStyle, dataBounds } from "./style.js";
import { legendRows, findingOptions, districtOptions, segmentDetail, fmt, esc } from "./panel.js";

const $ = (id) => document.getElementById(id);
const state = {
  lang: initialLanguage(),
  shown: { red: true, orange: true, yellow: true, blue: true },
  finding: "",
  district: "",
  stats: null,
  selected: null, // the id of the segment shown in the panel
  detail: null, // its assessment, once fetched
  status: { key: "loading", vals: {} }
};
const t = (key) => STRINGS[state.lang][key] ?? STRINGS.en[key] ?? key;

// The viewer's API key, when the server wants one (servers that listen
// beyond loopback without public reads); kept for this tab only.
const apiKey = () => sessionStorage.getItem("gasrisk.key") || "";
const authHeaders = () => (apiKey() ? { Authorization: "Bearer " + apiKey() } : {});

async function getJSON(url) {
  const r = await fetch(url, { headers: authHeaders() });
  const body = await r.json().catch(() => ({}));
  if (r.status === 401) askForKey();
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
}

// askForKey shows the API key form; the page reloads with the key.
function askForKey() {
  $("key-form").hidden = false;
  $("key-form").onsubmit = (e) => {
    e.preventDefault();
    sessionStorage.setItem("gasrisk.key", $("key").value.trim());
    location.reload();
  };
}

// totals are the run's counts, or the selected district's.
function totals() {
  const s = state.stats;
  if (!s) return null;
  return (state.district && s.districts.find((d) => d.id === state.district)) || s;
}

function render() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("title") + " · gasrisk";
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $("lang").textContent = t("switchTo");
  $("lang").title = t("switchToTitle");
  $("key").placeholder = t("keyPlaceholder");
  const s = state.stats;
  $("run").textContent = !s ? "" : s.run_id ? fmt(t("run"), { id: s.run_id, asOf: s.as_of }) : t("norun");
  $("legend").innerHTML = legendRows(t, totals(), state.shown);
  $("finding").innerHTML = findingOptions(t, totals(), state.finding);
  $("district").innerHTML = districtOptions(t, s && s.districts, state.district);
  $("status").textContent = state.status ? fmt(t(state.status.key), state.status.vals) : "";
  $("status").hidden = !state.status;
  renderDetail();
  renderZoomHint();
  translateControls();
}

function renderDetail() {
  $("detail").hidden = state.selected == null;
  if (state.detail) $("detail-body").innerHTML = segmentDetail(t, state.lang, state.detail);
}

// renderZoomHint says which segments the tiles leave out at low zooms
// (tiles/layers.go: up to zoom 11 only red, orange and main lines, at 12
// also yellow).
function renderZoomHint() {
  const z = map ? Math.floor(map.getZoom()) : 99;
  const key = z <= 11 ? "zoomHintLow" : z === 12 ? "zoomHintMid" : "";
  $("zoom-hint").hidden = !key;
  $("zoom-hint").textContent = key ? t(key) : "";
}

// translateControls puts the map controls' tooltips in the page's language.
function translateControls() {
  for (const [cls, key] of [["zoom-in", "zoomIn"], ["zoom-out", "zoomOut"], ["compass", "resetBearing"]]) {
    const b = document.querySelector(".maplibregl-ctrl-" + cls);
    if (b) { b.title = t(key); b.setAttribute("aria-label", t(key)); }
  }
}

function gradeFilter() {
  return ["in", ["get", "grade"], ["literal", GRADES.filter((g) => state.shown[g])]];
}

function applyFilters() {
  if (!map || !map.getLayer("segments")) return;
  const seg = ["all", gradeFilter()];
  if (state.finding) seg.push(["==", ["get", state.finding], true]);
  if (state.district) seg.push(["==", ["get", "district"], state.district]);
  map.setFilter("segments", seg);
  // Segment hazards follow the segment filters; station hazards have no
  // grade and no district.
  const haz = ["any", ["!", ["has", "grade"]], seg];
  map.setFilter("hazards-line", ["all", ["==", ["geometry-type"], "LineString"], haz]);
  map.setFilter("hazards-point", ["all", ["==", ["geometry-type"], "Point"], haz]);
  map.setFilter("segments-selected", [...seg, ["==", ["get", "segment_id"], state.selected ?? -1]]);
}

async function select(id) {
  state.selected = id;
  state.detail = null;
  $("detail-body").innerHTML = `<p class="muted">${esc(t("loading"))}</p>`;
  applyFilters();
  render();
  try {
    const d = await getJSON("/api/v1/segments/" + encodeURIComponent(id));
    if (state.selected !== id) return; // another click came first
    state.detail = d;
    renderDetail();
    $("detail").scrollIntoView({ block: "nearest" });
    return;
  } catch (e) {
    if (state.selected !== id) return;
    $("detail-body").innerHTML = `<p class="error">${esc(fmt(t("segmentFailed"), { id, msg: e.message }))}</p>`;
  }
  renderDetail();
}

function unselect() {
  state.selected = null;
  state.detail = null;
  applyFilters();
  renderDetail();
}

// pick is the highest-graded segment drawn within a few pixels of p.
function pick(p) {
  const rank = { red: 3, orange: 2, yellow: 1, blue: 0 };
  const fs = map.queryRenderedFeatures([[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]], { layers: ["segments"] });
  fs.sort((a, b) => (rank[b.properties.grade] ?? -1) - (rank[a.properties.grade] ?? -1));
  return fs[0];
}

// showLayers shows the stations and hazards as their boxes say.
function showLayers() {
  if (!map || !map.getLayer("stations")) return;
  const vis = (on) => (on ? "visible" : "none");
  map.setLayoutProperty("stations", "visibility", vis($("show-stations").checked));
  for (const l of HAZARD_LAYERS) map.setLayoutProperty(l, "visibility", vis($("show-hazards").checked));
}

function wireControls() {
  $("lang").onclick = () => { state.lang = state.lang === "zh" ? "en" : "zh"; saveLanguage(state.lang); render(); };
  $("legend").onclick = (e) => {
    const tr = e.target.closest("tr[data-grade]");
    if (!tr) return;
    state.shown[tr.dataset.grade] = !state.shown[tr.dataset.grade];
    applyFilters();
    render();
  };
  $("finding").onchange = (e) => { state.finding = e.target.value; applyFilters(); };
  $("district").onchange = (e) => { state.district = e.target.value; applyFilters(); render(); };
  $("show-stations").onchange = showLayers;
  $("show-hazards").onchange = showLayers;
  $("detail-close").onclick = unselect;
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") unselect(); });
}

function createMap(tilejson) {
  const m = new maplibregl.Map({
    container: "map",
    style: mapStyle(tilejson),
    bounds: dataBounds(tilejson) || undefined,
    fitBoundsOptions: { padding: 30 },
    hash: true,
    maxZoom: 20,
    attributionControl: { compact: true, customAttribution: "gasrisk" },
    transformRequest: (url) => ({ url, headers: authHeaders() })
  });
  m.addControl(new maplibregl.NavigationControl(), "top-left");
  m.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
  m.on("load", () => {
    showLayers();
    applyFilters();
    translateControls();
  });
  m.on("zoomend", renderZoomHint);
  m.on("click", (e) => {
    const f = pick(e.point);
    if (f) select(f.properties.segment_id);
  });
  m.on("mousemove", (e) => { m.getCanvas().style.cursor = pick(e.point) ? "pointer" : ""; });
  return m;
}

let map = null;
wireControls();
render();

getJSON("/api/v1/stats").then((s) => { state.stats = s; render(); })
  .catch((e) => { state.status = { key: "loadFailed", vals: { msg: e.message } }; render(); });

Promise.all(LAYERS.map((l) => getJSON(`/tiles/${l}.json`))).then((tjs) => {
  const tilejson = Object.fromEntries(LAYERS.map((l, i) => [l, tjs[i]]));
  map = createMap(tilejson);
  window.gasriskMap = map; // for the browser test and the console
  if (state.status && state.status.key === "loading") state.status = null;
  render();
}).catch((e) => { state.status = { key: "loadFailed", vals: { msg: e.message } }; render(); });
