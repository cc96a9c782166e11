// "Isolate here" (关阀隔离, issue 17): from a segment's or a hazard's
// panel, or a right-click on a pipe, POST /api/v1/isolation and draw the
// answer — the valves to close (black discs ringed white), the inoperable
// valves the trace passed (hollow orange rings), the isolated pipes and
// the stretch that loses gas — with a panel of who loses gas, in the
// page's language, and a button that clears it all.
import { esc, fmt } from "./panel.js";

// ISOLATION_LAYERS are the layers the isolation draws, bottom to top.
export const ISOLATION_LAYERS = ["isolation-outage", "isolation-area", "isolation-passed", "isolation-valves", "isolation-start"];

// ISOLATION_COLORS are its symbols' colours (the panel's legend too).
export const ISOLATION_COLORS = { area: "#e7298a", outage: "#7570b3", close: "#111111", passed: "#ff7f00" };

const EMPTY = { type: "FeatureCollection", features: [] };

// isolationGeoJSON turns an answer of POST /api/v1/isolation into the
// features drawn: lines with role "area" or "outage", points with role
// "close", "passed" or "start".
export function isolationGeoJSON(iso) {
  if (!iso) return EMPTY;
  const fs = [];
  const line = (g, role) => { if (g) fs.push({ type: "Feature", geometry: g, properties: { role } }); };
  line(iso.outage_geometry, "outage");
  line(iso.isolated_geometry, "area");
  const point = (v, role) => fs.push({ type: "Feature", geometry: { type: "Point", coordinates: [v.lon, v.lat] },
    properties: { role, id: v.id || "", kind: v.kind || "" } });
  for (const v of iso.valves || []) point(v, "close");
  for (const v of iso.inoperable_valves_passed || []) point(v, "passed");
  if (iso.start) point({ ...iso.start, id: iso.start.pipe_id }, "start");
  return { type: "FeatureCollection", features: fs };
}

// isolationLayers are the MapLibre layers of source "isolation".
export function isolationLayers() {
  const role = (r) => ["==", ["get", "role"], r];
  return [
    { id: "isolation-outage", type: "line", source: "isolation", filter: role("outage"),
      layout: { "line-cap": "round", "line-join": "round" },
      paint: { "line-color": ISOLATION_COLORS.outage, "line-width": 10, "line-opacity": 0.35 } },
    { id: "isolation-area", type: "line", source: "isolation", filter: role("area"),
      layout: { "line-cap": "round", "line-join": "round" },
      paint: { "line-color": ISOLATION_COLORS.area, "line-width": 6, "line-opacity": 0.9 } },
    { id: "isolation-passed", type: "circle", source: "isolation", filter: role("passed"),
      paint: { "circle-radius": 7, "circle-color": "rgba(255, 255, 255, 0.6)", "circle-stroke-color": ISOLATION_COLORS.passed,
        "circle-stroke-width": 3 } },
    { id: "isolation-valves", type: "circle", source: "isolation", filter: role("close"),
      paint: { "circle-radius": 7, "circle-color": ISOLATION_COLORS.close, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2.5 } },
    { id: "isolation-start", type: "circle", source: "isolation", filter: role("start"),
      paint: { "circle-radius": 4, "circle-color": ISOLATION_COLORS.area, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5 } }
  ];
}

// isolationBounds is the box [[w, s], [e, n]] of the drawn features.
export function isolationBounds(gj) {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === "number") { w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1]); n = Math.max(n, c[1]); return; }
    for (const x of c) visit(x);
  };
  for (const f of gj.features) visit(f.geometry.coordinates);
  return w <= e ? [[w, s], [e, n]] : null;
}

// isolationPanel is the panel of an isolation in the page's language.
export function isolationPanel(t, lang, iso) {
  const sep = lang === "zh" ? "、" : ", ";
  const num = (n, d = 0) => Number(n || 0).toLocaleString(undefined, { maximumFractionDigits: d });
  const vocab = (prefix, v) => (t(prefix + v) === prefix + v ? v : t(prefix + v));
  const valveList = (vs, cls) => (vs.length ? `<ul class="iso-valves ${cls}">` + vs.map((v) =>
    `<li data-valve="${esc(v.id)}">${esc(v.id)} · ${esc(vocab("valve.", v.kind))}${v.pressure_class ? " · " + esc(vocab("pressure.", v.pressure_class)) : ""}` +
    ` <span class="muted">${v.lon.toFixed(6)}, ${v.lat.toFixed(6)}</span></li>`).join("") + "</ul>" : esc(t("iso.none")));
  const features = (fs, vocabPrefix) => (fs.length ? fs.map((f) => esc(`${f.name || f.id} (${vocab(vocabPrefix, f.kind)})`)).join(sep) : esc(t("iso.none")));
  const crit = (iso.customers || []).filter((c) => c.kind === "critical");
  const rows = [
    ["start", "iso.start", esc(iso.start ? iso.start.pipe_id : "—")],
    ["valves", "iso.valves", `<b>${iso.valves.length}</b>${valveList(iso.valves, "close")}`],
    ["passed", "iso.passed", `${iso.inoperable_valves_passed.length ? `<b>${iso.inoperable_valves_passed.length}</b>` : ""}` +
      valveList(iso.inoperable_valves_passed, "passed")],
    ["isolated", "iso.isolated", esc(fmt(t("iso.m"), { m: num(iso.isolated_m, 1) }))],
    ["outage", "iso.outage", esc(fmt(t("iso.m"), { m: num(iso.outage_m, 1) }))],
    ["customers", "iso.customers", esc(num((iso.customers || []).length))],
    ["meters", "iso.meters", esc(num(iso.meters))],
    ["critical", "iso.critical", `<b>${esc(num(iso.critical_customers))}</b>` +
      (crit.length ? " " + esc(crit.map((c) => c.building_id ? `${c.id} (${c.building_id})` : c.id).join(sep)) : "")],
    ["buildings", "iso.buildings", esc(num((iso.buildings || []).length))],
    ["places", "iso.places", features(iso.places || [], "place.")],
    ["stations", "iso.stations", features(iso.stations || [], "stationKind.")],
    ["sources", "iso.sources", features(iso.sources_remaining || [], "stationKind.")]
  ];
  return `<h3>${esc(t("iso.title"))} <button type="button" id="isolation-clear">${esc(t("iso.clear"))}</button></h3>` +
    (iso.unfed ? `<p class="hint">${esc(t("iso.unfed"))}</p>` : "") +
    `<table class="attrs" id="isolation-attrs">` +
    rows.map(([k, label, v]) => `<tr data-key="${k}"><th>${esc(t(label))}</th><td>${v}</td></tr>`).join("") + "</table>" +
    `<p class="muted iso-legend"><span class="iso-sym close"></span>${esc(t("iso.legendClose"))} ` +
    `<span class="iso-sym passed"></span>${esc(t("iso.legendPassed"))} <span class="iso-line area"></span>${esc(t("iso.legendArea"))} ` +
    `<span class="iso-line outage"></span>${esc(t("iso.legendOutage"))}</p>`;
}

// isolateButton is the "isolate here" button of a panel: start is
// {segment_id}, {hazard_id} or {point}.
export function isolateButton(t, start) {
  return `<p><button type="button" class="isolate-here" data-isolate='${esc(JSON.stringify(start))}'>${esc(t("iso.here"))}</button>` +
    ` <span class="muted">${esc(t("iso.hereHint"))}</span></p>`;
}

// startIsolation adds the isolation's source and layers to map m and
// returns its controls: isolate(start) traces and draws, clear() removes
// it, render() re-draws the panel in the page's language. panel is the
// element the panel goes in; headers() the request headers (the key).
export function startIsolation(m, { t, lang, panel, headers }) {
  let iso = null;
  let asked = 0;
  m.addSource("isolation", { type: "geojson", data: EMPTY });
  for (const l of isolationLayers()) m.addLayer(l);
  const render = () => {
    panel.hidden = !iso && !panel.dataset.busy && !panel.dataset.error;
    if (panel.dataset.busy) panel.innerHTML = `<p class="muted">${esc(t("iso.loading"))}</p>`;
    else if (panel.dataset.error) panel.innerHTML = `<p class="error">${esc(fmt(t("iso.failed"), { msg: panel.dataset.error }))}</p>` +
      `<button type="button" id="isolation-clear">${esc(t("iso.clear"))}</button>`;
    else if (iso) panel.innerHTML = isolationPanel(t, lang(), iso);
  };
  const clear = () => {
    asked++;
    iso = null;
    delete panel.dataset.busy;
    delete panel.dataset.error;
    m.getSource("isolation").setData(EMPTY);
    panel.innerHTML = "";
    render();
  };
  const isolate = async (start) => {
    const mine = ++asked;
    iso = null;
    m.getSource("isolation").setData(EMPTY);
    panel.dataset.busy = "1";
    delete panel.dataset.error;
    render();
    try {
      const r = await fetch("/api/v1/isolation", { method: "POST", body: JSON.stringify(start),
        headers: { "Content-Type": "application/json", ...headers() } });
      const body = await r.json().catch(() => ({}));
      if (mine !== asked) return;
      if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
      iso = body;
      const gj = isolationGeoJSON(iso);
      m.getSource("isolation").setData(gj);
      const b = isolationBounds(gj);
      if (b) m.fitBounds(b, { padding: 60, maxZoom: 17 });
    } catch (e) {
      if (mine !== asked) return;
      panel.dataset.error = e.message;
    }
    delete panel.dataset.busy;
    render();
    panel.scrollIntoView({ block: "nearest" });
  };
  panel.addEventListener("click", (e) => { if (e.target.closest("#isolation-clear")) clear(); });
  render();
  return { isolate, clear, render, current: () => iso };
}
