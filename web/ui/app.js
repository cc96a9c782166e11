// The four-colour risk map: MapLibre GL JS over gasrisk's own vector tiles,
// with the legend, filters, a segment's factors and a hazard of the ledger
// in the side panel.
import * as maplibregl from "./vendor/maplibre-gl.mjs";
import { STRINGS, initialLanguage, saveLanguage } from "./i18n.js";
import { GRADES, LAYERS, HAZARD_LAYERS, HAZARD_PICK, LINES, POINTS, mapStyle, dataBounds, markerPixels } from "./style.js";
import { legendRows, hazardLegendRows, findingOptions, districtOptions, stateOptions, segmentDetail, hazardDetail, FINDING_KINDS,
  fmt, esc } from "./panel.js";
import { startLive, pickSensor, showSensor } from "./live.js";
import { startSuggestions, showSuggestions, translateSuggestions } from "./suggestions.js";
import { startScenarios, scenarioOptions, segmentURL } from "./scenario.js";
import { plan, startPlans, planOptions, planLegendRows, pickPlanJob, showPlanJob, renderPlanPopup } from "./plan.js";
import { startIsolation, isolateButton } from "./isolate.js";
import { startTopology } from "./topology.js";

const $ = (id) => document.getElementById(id);
const state = {
  lang: initialLanguage(),
  shown: { red: true, orange: true, yellow: true, blue: true },
  finding: "",
  district: "",
  stats: null,
  hazardState: "active", // the hazards shown: active (not closed), all, overdue or one state
  selected: null, // the id of the segment shown in the panel
  detail: null, // its assessment, once fetched
  hazard: null, // the id of the hazard shown in the panel (instead of a segment)
  hazardDetail: null, // the hazard with its history, once fetched
  hazardsHere: [], // the other hazards at the clicked point ({id, code})
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

// districtName names a district by its id (the id when it has no name).
function districtName(id) {
  const d = state.stats && state.stats.districts.find((x) => x.id === id);
  return (d && d.name) || id;
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
  $("legend").innerHTML = legendRows(t, totals(), state.shown, state.finding, state.district && districtName(state.district));
  $("hazard-legend").innerHTML = $("show-hazards").checked ? hazardLegendRows(t, state.hazardState) : "";
  $("finding").innerHTML = findingOptions(t, totals(), state.finding);
  $("district").innerHTML = districtOptions(t, s && s.districts, state.district);
  $("hazard-state").innerHTML = stateOptions(t, state.hazardState);
  $("scenario").innerHTML = scenarioOptions(t);
  $("plan").innerHTML = planOptions(t);
  $("plan-legend").innerHTML = planLegendRows(t, plan.features);
  renderPlanPopup(t);
  $("status").textContent = state.status ? fmt(t(state.status.key), state.status.vals) : "";
  $("status").hidden = !state.status;
  renderDetail();
  renderZoomHint();
  translateControls();
  translateSuggestions(t);
  if (isolation) isolation.render();
  if (topology) topology.render();
}

function renderDetail() {
  $("detail").hidden = state.selected == null && state.hazard == null;
  if (state.hazardDetail) $("detail-body").innerHTML = hazardDetail(t, state.lang, state.hazardDetail, state.hazardsHere) +
    (isolation ? isolateButton(t, { hazard_id: state.hazardDetail.id }) : "");
  else if (state.detail) $("detail-body").innerHTML = segmentDetail(t, state.lang, state.detail, districtName) +
    (isolation ? isolateButton(t, { segment_id: state.detail.segment_id }) : "");
}

// renderZoomHint says which segments the tiles leave out at low zooms
// (tiles/layers.go: up to zoom 11 only red, orange and main lines, at 12
// also yellow and MPA mains), and only when there are such segments.
function renderZoomHint() {
  const z = map ? Math.floor(map.getZoom()) : 99;
  const g = (totals() && totals().grades) || {};
  const left = (grades) => grades.some((k) => state.shown[k] && g[k] && g[k].segments > 0);
  const key = z <= 11 && left(["yellow", "blue"]) ? "zoomHintLow" : z === 12 && left(["blue"]) ? "zoomHintMid" : "";
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
  map.setFilter("segments-selected", [...seg, ["==", ["get", "segment_id"], state.selected ?? -1]]);
  // Hazards follow the grade and district filters, the finding filter by
  // their kind, and the state filter.
  const haz = ["all", gradeFilter(), hazardStateFilter()];
  if (state.finding) haz.push(["in", ["get", "kind"], ["literal", FINDING_KINDS[state.finding] || []]]);
  if (state.district) haz.push(["==", ["get", "district"], state.district]);
  map.setFilter("hazards-line", ["all", LINES, haz]);
  map.setFilter("hazards-point", ["all", POINTS, haz]);
  map.setFilter("hazards-marker", ["all", LINES, haz]);
  map.setFilter("hazards-selected", ["all", LINES, haz, ["==", ["id"], state.hazard ?? -1]]);
}

// hazardStateFilter is the state filter's expression: active (every
// state but closed, the default), all, overdue, or one state.
function hazardStateFilter() {
  switch (state.hazardState) {
    case "all": return true;
    case "active": return ["!=", ["get", "state"], "closed"];
    case "overdue": return ["==", ["get", "overdue"], true];
  }
  return ["==", ["get", "state"], state.hazardState];
}

async function select(id) {
  state.selected = id;
  state.detail = null;
  state.hazard = null;
  state.hazardDetail = null;
  $("detail-body").innerHTML = `<p class="muted">${esc(t("loading"))}</p>`;
  applyFilters();
  render();
  try {
    const d = await getJSON(segmentURL(id));
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

// selectHazard shows hazard id of the ledger with its state and history;
// others are the hazards at the clicked point ({id, code}).
async function selectHazard(id, others = []) {
  state.selected = null;
  state.detail = null;
  state.hazard = id;
  state.hazardDetail = null;
  state.hazardsHere = others.filter((o) => o.id !== id);
  $("detail-body").innerHTML = `<p class="muted">${esc(t("loading"))}</p>`;
  applyFilters();
  render();
  try {
    const d = await getJSON("/api/v1/hazards/" + encodeURIComponent(id));
    if (state.hazard !== id) return;
    state.hazardDetail = d;
    renderDetail();
    $("detail").scrollIntoView({ block: "nearest" });
  } catch (e) {
    if (state.hazard !== id) return;
    $("detail-body").innerHTML = `<p class="error">${esc(fmt(t("hazardFailed"), { id, msg: e.message }))}</p>`;
  }
}

function unselect() {
  state.selected = null;
  state.detail = null;
  state.hazard = null;
  state.hazardDetail = null;
  applyFilters();
  renderDetail();
}

const RANK = { red: 3, orange: 2, yellow: 1, blue: 0 };
const URGENCY = { open: 4, planned: 3, rectified: 2, rechecked: 1, closed: 0 };

// pick is what a click at p selects: with the hazards shown, the most
// urgent hazard drawn within a few pixels (overdue, then open …, then by
// grade) and the ids of all hazards there; else the highest-graded segment.
function pick(p) {
  const box = [[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]];
  if ($("show-hazards").checked) {
    const hs = map.queryRenderedFeatures(box, { layers: HAZARD_PICK });
    const urgency = (f) => (f.properties.overdue ? 5 : URGENCY[f.properties.state] ?? 0) * 10 + (RANK[f.properties.grade] ?? 0);
    hs.sort((a, b) => urgency(b) - urgency(a));
    const here = [...new Map(hs.map((f) => [f.id, { id: f.id, code: f.properties.code }])).values()];
    if (hs.length) return { hazard: hs[0].id, here };
  }
  const fs = map.queryRenderedFeatures(box, { layers: ["segments"] });
  fs.sort((a, b) => (RANK[b.properties.grade] ?? -1) - (RANK[a.properties.grade] ?? -1));
  return fs[0] && { segment: fs[0].properties.segment_id };
}

// showLayers shows the stations and hazards as their boxes say.
function showLayers() {
  if (!map || !map.getLayer("stations")) return;
  const vis = (on) => (on ? "visible" : "none");
  map.setLayoutProperty("stations", "visibility", vis($("show-stations").checked));
  map.setLayoutProperty("field-records", "visibility", vis($("show-records").checked));
  for (const l of HAZARD_LAYERS) map.setLayoutProperty(l, "visibility", vis($("show-hazards").checked));
  showSuggestions(map, $("show-suggestions").checked);
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
  $("finding").onchange = (e) => { state.finding = e.target.value; applyFilters(); render(); };
  $("district").onchange = (e) => { state.district = e.target.value; applyFilters(); render(); };
  $("show-stations").onchange = showLayers;
  $("show-records").onchange = showLayers;
  $("show-suggestions").onchange = showLayers;
  $("show-hazards").onchange = () => { showLayers(); render(); };
  $("show-topology").onchange = () => { if (topology) topology.show($("show-topology").checked); };
  $("hazard-state").onchange = (e) => {
    state.hazardState = e.target.value;
    if (!$("show-hazards").checked) { $("show-hazards").checked = true; showLayers(); }
    applyFilters();
    render();
  };
  $("detail-body").onclick = (e) => {
    const iso = e.target.closest("button[data-isolate]");
    if (iso && isolation) return isolation.isolate(JSON.parse(iso.dataset.isolate));
    const b = e.target.closest("button[data-hazard]");
    const d = state.hazardDetail;
    if (b && d) selectHazard(Number(b.dataset.hazard), [{ id: d.id, code: d.code }, ...state.hazardsHere]);
  };
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
  m.on("styleimagemissing", (e) => {
    const img = markerPixels(e.id, 28);
    if (img && !m.hasImage(e.id)) m.addImage(e.id, img, { pixelRatio: 2 });
  });
  m.on("load", () => {
    showLayers();
    applyFilters();
    translateControls();
    renderZoomHint();
    m.once("idle", () => labelDistricts(m));
    startLive(m, { getJSON, keyed: () => !!apiKey() });
    startSuggestions(m, { getJSON, t, visible: () => $("show-suggestions").checked });
    topology = startTopology(m, { getJSON, t, legend: $("topology-legend") });
    if ($("show-topology").checked) topology.show(true);
    isolation = startIsolation(m, { t, lang: () => state.lang, panel: $("isolation"), headers: authHeaders });
    renderDetail(); // the panel's "isolate here"
    // a segment of one run is not in the other: choosing closes the panel
    startScenarios(m, tilejson.segments.tiles, { getJSON, onChange: () => { unselect(); render(); } });
    startPlans(m, { getJSON, onChange: render });
  });
  m.on("zoomend", renderZoomHint);
  // a right-click on a drawn segment or hazard isolates the pipe there
  // (POST /api/v1/isolation with the point); elsewhere it only turns the map
  m.on("contextmenu", (e) => { if (isolation && pick(e.point)) isolation.isolate({ point: [e.lngLat.lng, e.lngLat.lat] }); });
  m.on("click", (e) => {
    const sensor = pickSensor(m, e.point);
    if (sensor) return showSensor(m, sensor, { t, lang: state.lang, getJSON });
    const job = pickPlanJob(m, e.point);
    if (job) return showPlanJob(m, job, e.lngLat, t);
    const f = pick(e.point);
    if (f && f.hazard != null) selectHazard(f.hazard, f.here);
    else if (f) select(f.segment);
  });
  m.on("mousemove", (e) => { m.getCanvas().style.cursor = pick(e.point) || pickPlanJob(m, e.point) ? "pointer" : ""; });
  return m;
}

// labelDistricts puts each district's name at the middle of its outline
// (the centroid of the outline's vertices drawn at the opening view), as
// HTML labels: the page needs no glyph server.
function labelDistricts(m) {
  const acc = new Map();
  for (const f of m.querySourceFeatures("districts", { sourceLayer: "districts" })) {
    const id = f.properties.id;
    const a = acc.get(id) || { name: f.properties.name || id, x: 0, y: 0, n: 0 };
    const rings = f.geometry.type === "Polygon" ? [f.geometry.coordinates[0]]
      : f.geometry.type === "MultiPolygon" ? f.geometry.coordinates.map((p) => p[0]) : [];
    for (const r of rings) for (const [x, y] of r) { a.x += x; a.y += y; a.n++; }
    acc.set(id, a);
  }
  for (const [id, a] of acc) {
    if (!a.n) continue;
    const el = document.createElement("div");
    el.className = "district-label";
    el.dataset.district = id;
    el.textContent = a.name;
    new maplibregl.Marker({ element: el }).setLngLat([a.x / a.n, a.y / a.n]).addTo(m);
  }
}

let map = null;
let isolation = null; // the "isolate here" action (isolate.js), once the map has loaded
let topology = null; // the topology check's layer (topology.js)
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
