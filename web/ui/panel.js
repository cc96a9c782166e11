// The side panel's HTML: the legend, the filter options and a segment's
// assessment. Every function takes t, the translation of the current
// language, and returns markup with all data escaped.
import { GRADES, COLORS } from "./style.js";

// FINDINGS are the finding flags the map filters by (data.FindingFlags).
export const FINDINGS = ["occupied", "clearance_violation", "sewer_crossing", "aged", "third_party"];

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
// (of totals, the run's or a district's), greyed when hidden; then the total.
export function legendRows(t, totals, shown) {
  const grades = (totals && totals.grades) || {};
  const all = (totals && totals.all) || { segments: 0, km: 0 };
  let html = "";
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

// districtOptions are the district filter's options.
export function districtOptions(t, districts, selected) {
  let html = `<option value="">${esc(t("all"))}</option>`;
  for (const d of districts || []) {
    const label = d.name && d.name !== d.id ? `${d.name} (${d.id})` : d.id;
    html += `<option value="${esc(d.id)}"${d.id === selected ? " selected" : ""}>${esc(label)}</option>`;
  }
  return html;
}

// segmentDetail is a segment's attributes and its risk factors by side.
export function segmentDetail(t, lang, d) {
  const vocab = (prefix, v) => (v == null || v === "" ? "—" : esc(t(prefix + v) === prefix + v ? v : t(prefix + v)));
  const rows = [
    ["grade", `<span class="grade grade-${esc(d.grade)}">${esc(t(d.grade))}</span>`],
    ["score", num(d.score, 2)],
    ["lof", sig(d.lof_per_km_yr)],
    ["cof", num(d.cof, 1)],
    ["findings", (d.findings || []).map((f) => esc(t(f))).join(lang === "zh" ? "、" : ", ") || esc(t("none"))],
    ["pipe", esc(d.pipe_id)],
    ["material", vocab("material.", d.material)],
    ["pressure", vocab("pressure.", d.pressure_class)],
    ["diameter", d.diameter_mm == null ? "—" : num(d.diameter_mm, 0)],
    ["installed", d.install_year == null ? "—" : esc(d.install_year)],
    ["length", num(d.length_m, 1)],
    ["district", esc(d.district || "—")]
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
      const label = lang === "zh" ? f.label_zh || f.label : f.label || f.label_zh;
      const c = Number(f.contribution || 0);
      html += `<tr data-code="${esc(f.code)}"><td>${esc(label)}${f.detail ? `<div class="muted">${esc(f.detail)}</div>` : ""}</td>` +
        `<td class="num ${c > 0 ? "up" : c < 0 ? "down" : ""}">${c > 0 ? "+" : ""}${num(c, 2)}</td></tr>`;
    }
  }
  return html + "</table>";
}
