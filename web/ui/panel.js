// The side panel's HTML: the legend, the filter options, a segment's
// assessment and a hazard of the ledger. Every function takes t, the
// translation of the current language, and returns markup with all data
// escaped.
import { GRADES, COLORS, STATES, STATE_COLORS, OVERDUE_COLOR } from "./style.js";

// FINDINGS are the finding flags the map filters by (data.FindingFlags).
export const FINDINGS = ["occupied", "clearance_violation", "sewer_crossing", "aged", "third_party"];

// FINDING_KINDS are the hazard kinds (data.HazardKinds) of each finding
// flag, for filtering the hazards layer by finding.
export const FINDING_KINDS = {
  occupied: ["occupied"],
  clearance_violation: ["clearance_building", "clearance_sewer", "clearance_water"],
  sewer_crossing: ["sewer_crossing", "through_sewer", "crossing_without_detector", "vertical_gap"],
  aged: ["aged"],
  third_party: []
};

// HAZARD_SHOWN are the choices of the hazard state filter besides the
// single states: active (not closed; the default), overdue, all.
const HAZARD_SHOWN = ["active", "overdue", "all"];

// HISTORY_SHOWN bounds the history entries the panel lists (the ledger
// page has them all).
const HISTORY_SHOWN = 6;

const SIDES = ["likelihood", "consequence", "policy"];

// esc escapes text for HTML.
export function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// fmt fills {name} placeholders; the result is text, not markup.
export function fmt(s, vals) { return s.replace(/\{(\w+)\}/g, (_, k) => String(vals[k] ?? "")); }

const num = (n, digits) => Number(n || 0).toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });

// sig shows a rate with three significant digits.
const sig = (n) => (n ? Number(n).toPrecision(3) : "0");

// legendRows is the legend: per grade its swatch, name, segments and km
// (of totals, the run's or a district's, and of the segments with the
// finding filtered by, if any), greyed when hidden; then the total of the
// grades shown. A caption names the filters in force.
export function legendRows(t, totals, shown, finding, districtLabel) {
  const fg = finding && totals && totals.finding_grades && totals.finding_grades[finding];
  const grades = fg || (totals && totals.grades) || {};
  const all = { segments: 0, km: 0 };
  for (const g of GRADES) {
    if (shown[g] && grades[g]) { all.segments += grades[g].segments; all.km += grades[g].km; }
  }
  const caption = [finding && fmt(t("legendFinding"), { finding: t(finding) }),
    districtLabel && fmt(t("legendDistrict"), { district: districtLabel })].filter(Boolean).join(" · ");
  let html = caption ? `<caption id="legend-filters">${esc(caption)}</caption>` : "";
  for (const g of GRADES) {
    const v = grades[g] || { segments: 0, km: 0 };
    html += `<tr data-grade="${g}" class="${shown[g] ? "" : "off"}" title="${esc(t("legendHint"))}">` +
      `<td><span class="swatch" style="background:${COLORS[g]}"></span>${esc(t(g))}</td>` +
      `<td class="num">${num(v.segments, 0)} ${esc(t("segments"))}</td><td class="num">${num(v.km, 1)} ${esc(t("km"))}</td></tr>`;
  }
  return html + `<tr class="total"><td>${esc(t("total"))}</td><td class="num">${num(all.segments, 0)} ${esc(t("segments"))}</td>` +
    `<td class="num">${num(all.km, 1)} ${esc(t("km"))}</td></tr>`;
}

// findingOptions are the finding filter's options, with counts when known.
export function findingOptions(t, totals, selected) {
  const fs = (totals && totals.findings) || {};
  let html = `<option value="">${esc(t("all"))}</option>`;
  for (const f of FINDINGS) {
    const n = fs[f] ? ` (${num(fs[f].segments, 0)})` : "";
    html += `<option value="${f}"${f === selected ? " selected" : ""}>${esc(t(f))}${n}</option>`;
  }
  return html;
}

// hazardLegendRows are the legend of the hazards layer: the state colours
// of the states the state filter shows (overdue apart), with the note on
// how they are drawn at low zooms.
export function hazardLegendRows(t, hazardState) {
  const states = hazardState === "all" ? STATES : hazardState === "active" ? STATES.filter((s) => s !== "closed")
    : hazardState === "overdue" ? [] : [hazardState];
  const rows = states.map((st) => [t("state." + st), STATE_COLORS[st]]);
  if (hazardState !== "closed" && hazardState !== "rechecked" && hazardState !== "rectified") rows.unshift([t("overdue"), OVERDUE_COLOR]);
  return `<tr><th colspan="2">${esc(t("hazardLegend"))}</th></tr>` +
    rows.map(([label, col]) => `<tr data-state-colour="${col}"><td><span class="ring" style="border-color:${col}"></span>${esc(label)}</td></tr>`).join("") +
    `<tr><td class="muted">${esc(t("hazardMarkers"))}</td></tr>`;
}

// districtOptions are the district filter's options.
export function districtOptions(t, districts, selected) {
  let html = `<option value="">${esc(t("all"))}</option>`;
  for (const d of districts || []) {
    const label = d.name && d.name !== d.id ? `${d.name} (${d.id})` : d.id;
    html += `<option value="${esc(d.id)}"${d.id === selected ? " selected" : ""}>${esc(label)}</option>`;
  }
  return html;
}

// inLang is a text of the API in the page's language: the field's _zh
// twin in Chinese, falling back to the other language where one is
// missing (segments of older runs have no Chinese details).
const inLang = (lang, o, field) => (lang === "zh" ? o[field + "_zh"] || o[field] : o[field] || o[field + "_zh"]) || "";

// factorValue is a factor's value with its unit: ×5, 1.42e-5 per km·yr,
// 17.5 receptors; nothing for policy floors (their value is a grade rank).
function factorValue(lang, f) {
  const unit = inLang(lang, f, "unit");
  if (!unit || f.side === "policy") return "";
  const short = (n) => Number(n || 0).toLocaleString(undefined, { maximumFractionDigits: 2 });
  if (unit === "×") return `×${short(f.value)}`;
  return `${f.code === "base_rate" ? Number(f.value || 0).toExponential(2) : short(f.value)} ${unit}`;
}

// segmentDetail is a segment's attributes, the rule that set its grade and
// its risk factors by side, with their units and details in the page's
// language; districtName names a district by its id.
export function segmentDetail(t, lang, d, districtName = (id) => id) {
  const vocab = (prefix, v) => (v == null || v === "" ? "—" : esc(t(prefix + v) === prefix + v ? v : t(prefix + v)));
  const rule = d.grade_rule;
  const band = rule ? inLang(lang, rule, "band") : "";
  // the threat with the largest share of the likelihood: threat_mix when
  // field evidence changed the shares, else the base rate's
  const mix = (d.factors || []).filter((f) => f.threat && (f.code === "threat_mix" || f.code === "base_rate")).pop();
  const rows = [
    ["grade", d.scenario ? scenarioGrades(t, d) : `<span class="grade grade-${esc(d.grade)}">${esc(t(d.grade))}</span>`],
    ...(d.scenario ? [["scenarioName", esc(d.scenario)]] : []),
    ...(rule ? [["gradeRule", `<span id="grade-rule" data-by="${esc(rule.by)}" data-code="${esc(rule.code)}">` +
      `${esc(inLang(lang, rule, "text"))}</span>`]] : []),
    ["score", num(d.score, 2) + (band ? ` <span class="muted">${esc(fmt(t("scoreBand"), { band, grade: t(rule.score_grade) }))}</span>` : "")],
    ["lof", sig(d.lof_per_km_yr)],
    ...(mix ? [["topThreat", `<span id="top-threat" data-threat="${esc(mix.threat)}">${vocab("threat.", mix.threat)}</span>`]] : []),
    ["cof", num(d.cof, 1)],
    ["findings", (d.findings || []).map((f) => esc(t(f))).join(lang === "zh" ? "、" : ", ") || esc(t("none"))],
    ["renewal", d.renewal_category ? vocab("renewal.", d.renewal_category) : esc(t("none"))],
    ["pipe", esc(d.pipe_id)],
    ["material", vocab("material.", d.material)],
    ["pressure", vocab("pressure.", d.pressure_class)],
    ["diameter", d.diameter_mm == null ? "—" : num(d.diameter_mm, 0)],
    ["installed", d.install_year == null ? "—" : esc(d.install_year)],
    ["length", num(d.length_m, 1)],
    ["district", esc(districtName(d.district) || "—")]
  ];
  let html = `<h3>${esc(t("segment"))} ${esc(d.segment_id)}</h3><table class="attrs">` +
    rows.map(([k, v]) => `<tr><th>${esc(t(k))}</th><td>${v}</td></tr>`).join("") + "</table>";
  const factors = d.factors || [];
  html += `<h2>${esc(t("factors"))}</h2><table id="factors">`;
  for (const side of SIDES) {
    const fs = factors.filter((f) => f.side === side);
    if (!fs.length) continue;
    html += `<tr class="side"><th colspan="2">${esc(t(side))}</th></tr>`;
    for (const f of fs) {
      const label = inLang(lang, f, "label");
      const detail = inLang(lang, f, "detail");
      const value = factorValue(lang, f);
      const c = Number(f.contribution || 0);
      html += `<tr data-code="${esc(f.code)}"><td>${esc(label)}${value ? ` <span class="value">${esc(value)}</span>` : ""}` +
        `${detail ? `<div class="muted detail">${esc(detail)}</div>` : ""}</td>` +
        `<td class="num ${c > 0 ? "up" : c < 0 ? "down" : ""}">${c > 0 ? "+" : ""}${num(c, 2)}</td></tr>`;
    }
  }
  return html + "</table>";
}

// scenarioGrades is a scenario segment's grade beside the current run's
// grade of its stretch (current → scenario), or with a note when the
// current run has no such stretch.
function scenarioGrades(t, d) {
  const badge = (g) => `<span class="grade grade-${esc(g)}">${esc(t(g))}</span>`;
  if (!d.current) return `${badge(d.grade)} <span class="muted">${esc(t("gradeNotCurrent"))}</span>`;
  return `<span id="grade-change" data-current="${esc(d.current.grade)}" data-scenario="${esc(d.grade)}" ` +
    `title="${esc(t("gradeChange"))}">${badge(d.current.grade)} → ${badge(d.grade)}</span>` +
    `<div class="muted">${esc(t("gradeChange"))}</div>`;
}

// stateOptions are the hazard state filter's options.
export function stateOptions(t, selected) {
  return [...HAZARD_SHOWN.map((v) => ["hazardShown." + v, v]), ...STATES.map((v) => ["state." + v, v])]
    .map(([key, v]) => `<option value="${v}"${v === selected ? " selected" : ""}>${esc(t(key))}</option>`).join("");
}

// stateBadge is a hazard's state in its map colour, overdue in its own.
function stateBadge(t, h) {
  const col = h.overdue ? OVERDUE_COLOR : STATE_COLORS[h.state] || "#999999";
  return `<span class="state" style="border-color:${col};color:${col}">${esc(t("state." + h.state))}</span>`;
}

// hazardDetail is a hazard of the ledger (GET /api/v1/hazards/{id}): what,
// where, its grade, state and flags, its plan, the latest of its history, a
// link to the ledger page, and buttons for the other hazards at the point.
export function hazardDetail(t, lang, h, others) {
  const dash = (v) => (v == null || v === "" ? "—" : esc(v));
  const flags = [
    h.overdue && `<span class="flag overdue">${esc(t("overdue"))}</span>`,
    h.listed_supervision && `<span class="flag listed">${esc(t("listed"))}</span>`,
    h.recheck_due && `<span class="flag">${esc(t("recheckDue"))}</span>`
  ].filter(Boolean).join(" ");
  const rows = [
    ["kind", esc(t(h.kind) === h.kind ? h.kind : t(h.kind))],
    ["grade", `<span class="grade grade-${esc(h.grade)}">${esc(t(h.grade))}</span>`],
    ["state", `${stateBadge(t, h)} ${flags}`],
    ["deadline", dash(h.deadline)],
    ["measures", dash(h.measures)],
    ["responsibleUnit", dash(h.responsible_unit)],
    ["responsiblePerson", dash(h.responsible_person)],
    ["district", dash(h.district_name || h.district)],
    ["source", esc(h.pipe_id ? `${t("pipe")} ${h.pipe_id}` : `${t("station")} ${h.station_id}`)]
  ];
  let html = `<h3 data-hazard-id="${esc(h.id)}">${esc(t("hazard"))} ${esc(h.code)}</h3>` +
    `<p>${esc(lang === "zh" ? h.description_zh || h.description : h.description || h.description_zh)}</p>` +
    `<table class="attrs" id="hazard-attrs">` +
    rows.map(([k, v]) => `<tr data-key="${k}"><th>${esc(t(k))}</th><td>${v}</td></tr>`).join("") + "</table>";
  const hist = (h.history || []).slice(-HISTORY_SHOWN).reverse();
  html += `<h2>${esc(t("history"))}</h2><ol class="history">` + hist.map((e) => {
    const action = t("action." + e.action) === "action." + e.action ? e.action : t("action." + e.action);
    const reason = lang === "zh" ? e.reason_zh || e.reason : e.reason;
    const actor = e.actor === "analysis" ? t("actor.analysis") : e.actor;
    return `<li><span class="muted">${esc(String(e.at).slice(0, 10))} · ${esc(actor)}</span> ${esc(action)} → ` +
      `${esc(t("state." + e.to_state))}<div class="muted">${esc(reason)}</div></li>`;
  }).join("") + "</ol>";
  html += `<p><a id="ledger-link" href="/ledger/#hazard=${encodeURIComponent(h.id)}">${esc(t("openLedger"))}</a></p>`;
  if (others && others.length) {
    html += `<p class="muted">${esc(t("otherHazards"))}</p><p>` +
      others.map((o) => `<button type="button" data-hazard="${esc(o.id)}">${esc(o.code)}</button>`).join(" ") + "</p>";
  }
  return html;
}
