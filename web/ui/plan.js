// The plan layer (issue 18, docs/risk-model.md §11): the jobs of a stored
// renewal plan on the map, each job's pipes drawn under the segments in the
// colour of its year (the segments' risk colours stay readable inside),
// with a legend of the years and, on a click, the job's year, cost,
// category, risk reduction, length, households and reason in a popup. The
// selector lists GET /api/v1/plans; choosing one loads its jobs from
// GET /api/v1/plans/{name}?format=geojson.
import * as maplibregl from "./vendor/maplibre-gl.mjs";
import { esc, fmt } from "./panel.js";

// YEAR_COLORS colour a plan's years in order: a qualitative palette apart
// from the four risk colours (ColorBrewer Dark2 without its orange and
// yellow, then Set1's purple and brown).
export const YEAR_COLORS = ["#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666", "#984ea3", "#a65628"];

// PLAN_LAYER is the map layer of the jobs; it sits under the segments.
export const PLAN_LAYER = "plan-jobs";

// plan is what the selector offers and shows: the stored plans, the one
// drawn ("" none) and its jobs (GeoJSON features).
export const plan = { list: [], shown: "", features: [] };

// planYears are the years of a plan's jobs, ascending.
export function planYears(features) {
  return [...new Set(features.map((f) => f.properties.year))].sort((a, b) => a - b);
}

// yearColor is the MapLibre expression colouring a job by its year.
export function yearColor(years) {
  if (!years.length) return "#999999";
  return ["match", ["get", "year"], ...years.flatMap((y, i) => [y, YEAR_COLORS[i % YEAR_COLORS.length]]), "#999999"];
}

const num = (n, digits = 0) => Number(n || 0).toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });

// planLegendRows is the legend of the years: a swatch, the year, its jobs,
// km and households.
export function planLegendRows(t, features) {
  const years = planYears(features);
  return years.map((y, i) => {
    const fs = features.filter((f) => f.properties.year === y);
    const km = fs.reduce((s, f) => s + (f.properties.length_m || 0), 0) / 1000;
    const hh = fs.reduce((s, f) => s + (f.properties.households || 0), 0);
    return `<tr data-year="${esc(y)}"><td><span class="swatch" style="background:${YEAR_COLORS[i % YEAR_COLORS.length]}"></span>${esc(y)}</td>` +
      `<td class="num">${esc(fmt(t("planJobs"), { n: num(fs.length) }))}</td><td class="num">${num(km, 1)} ${esc(t("km"))}</td>` +
      `<td class="num">${esc(fmt(t("planHouseholds"), { n: num(hh) }))}</td></tr>`;
  }).join("");
}

// planOptions are the selector's options: none, then the stored plans.
export function planOptions(t) {
  const opt = (v, label) => `<option value="${esc(v)}"${v === plan.shown ? " selected" : ""}>${esc(label)}</option>`;
  return opt("", t("planNone")) + plan.list.map((p) =>
    opt(p.name, fmt(t("planOption"), { name: p.name, first: p.first_year, last: p.last_year, jobs: num(p.jobs) }))).join("");
}

// jobDetail is a job in the popup: its year, category, cost, risk
// reduction, length, households, state and the reason for its year.
export function jobDetail(t, p) {
  const vocab = (prefix, v) => (t(prefix + v) === prefix + v ? v : t(prefix + v));
  const rows = [
    ["planYear", esc(p.year)],
    ["renewal", esc(vocab("renewal.", p.category)) + (p.mandatory ? ` <span class="flag">${esc(t("planMandatory"))}</span>` : "")],
    ["planCost", esc(fmt(t("planCostValue"), { wan: num(p.cost_yuan / 1e4, 1) }))],
    ["planRiskReduction", num(p.risk_reduction, 2)],
    ["length", num(p.length_m, 1)],
    ["planHouseholdsLabel", p.households == null ? "—" : num(p.households)],
    ["planState", esc(vocab("planState.", p.state)) + (p.overdue ? ` <span class="flag overdue">${esc(t("overdue"))}</span>` : "")],
    ["district", esc(p.district || "—")]
  ];
  return `<div class="plan-job" data-job="${esc(p.no)}" data-year="${esc(p.year)}"><b>${esc(fmt(t("planJob"), { no: p.no }))}</b>` +
    `<table class="attrs">${rows.map(([k, v]) => `<tr data-key="${k}"><th>${esc(t(k))}</th><td>${v}</td></tr>`).join("")}</table>` +
    `<p class="muted reason">${esc(t("planReason"))}: ${esc(p.reason)}</p></div>`;
}

// pickPlanJob is the job drawn at point p when the plan layer is shown.
export function pickPlanJob(m, p) {
  if (!plan.shown || !m.getLayer(PLAN_LAYER)) return null;
  const fs = m.queryRenderedFeatures([[p.x - 5, p.y - 5], [p.x + 5, p.y + 5]], { layers: [PLAN_LAYER] });
  return fs.length ? fs[0].properties : null;
}

// showPlanJob opens the popup of job props at lngLat; the page's
// language switch re-renders it (renderPlanPopup).
let popup = null;
export function showPlanJob(m, props, lngLat, t) {
  if (popup) popup.remove();
  popup = new maplibregl.Popup({ maxWidth: "340px", className: "plan-popup" }).setLngLat(lngLat).addTo(m);
  popup.job = props;
  renderPlanPopup(t);
}

// renderPlanPopup puts the open job popup in the page's language.
export function renderPlanPopup(t) {
  if (popup && popup.isOpen()) popup.setHTML(jobDetail(t, popup.job));
}

// startPlans lists the stored plans and, when there are any, shows the
// selector; choosing one draws its jobs on map m under the segments.
// getJSON fetches with the page's key; onChange re-renders the panel.
export async function startPlans(m, { getJSON, onChange }) {
  let r;
  try {
    r = await getJSON("/api/v1/plans");
  } catch (e) {
    return; // this server keeps no plans, or the key may not read them
  }
  plan.list = r.plans || [];
  document.getElementById("plans").hidden = plan.list.length === 0;
  m.addSource("plan", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  m.addLayer({
    id: PLAN_LAYER, type: "line", source: "plan", layout: { "line-cap": "round", "line-join": "round", visibility: "none" },
    paint: { "line-color": "#999999", "line-opacity": 0.75,
      "line-width": ["interpolate", ["exponential", 1.5], ["zoom"], 10, 7, 14, 12, 18, 30] }
  }, m.getLayer("segments-selected") ? "segments-selected" : undefined);
  const sel = document.getElementById("plan");
  sel.onchange = async () => {
    plan.shown = sel.value;
    plan.features = [];
    if (popup) popup.remove();
    if (plan.shown) {
      try {
        plan.features = (await getJSON(`/api/v1/plans/${encodeURIComponent(plan.shown)}?format=geojson`)).features || [];
      } catch (e) {
        plan.shown = "";
      }
    }
    m.getSource("plan").setData({ type: "FeatureCollection", features: plan.features });
    m.setPaintProperty(PLAN_LAYER, "line-color", yearColor(planYears(plan.features)));
    m.setLayoutProperty(PLAN_LAYER, "visibility", plan.shown ? "visible" : "none");
    onChange();
  };
  onChange();
}
