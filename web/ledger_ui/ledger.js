// The hazard ledger page: statistics with charts (plain SVG), the ledger
// table with filters and paging, a hazard's history and its transitions,
// exports and the printable map. Everything comes from /api/v1; no CDN.
"use strict";

const GRADES = ["red", "orange", "yellow", "blue"];
const COLOURS = { red: "#d7191c", orange: "#fdae61", yellow: "#ffd92f", blue: "#2c7bb6" };
const STATES = ["open", "planned", "rectified", "rechecked", "closed"];
const STATE_COLOURS = { open: "#e53935", planned: "#fb8c00", rectified: "#fdd835", rechecked: "#43a047", closed: "#90a4ae" };
const KINDS = ["occupied", "clearance_building", "clearance_sewer", "clearance_water", "sewer_crossing", "through_sewer",
  "vertical_gap", "crossing_without_detector", "aged", "building_in_spacing", "dense_place_in_spacing", "past_design_life",
  "no_overpressure_protection", "gas_alarm", "unrepaired_leak"];

const T = {
  zh: {
    title: "燃气安全隐患台账与风险统计", map: "风险地图", kmByDistrict: "各区域管网长度（按风险等级，km）",
    byKind: "隐患类型与状态", byState: "隐患状态", exports: "导出与制图", ledgerXlsx: "隐患台账 XLSX", ledgerCsv: "隐患台账 CSV",
    controlXlsx: "风险分级管控清单 XLSX", controlCsv: "风险分级管控清单 CSV", district: "区域", paper: "图幅", orientation: "方向",
    landscape: "横向", portrait: "纵向", print: "打印风险分布图", format: "格式", ledger: "隐患台账", state: "状态", kind: "类型", grade: "风险等级",
    overdue: "逾期", listed: "挂牌督办", recheckDue: "待复核", code: "隐患编号", deadline: "整改期限", unit: "责任单位", flags: "标记",
    move: "流转", to: "转为", apiKey: "API 密钥（编辑权限）", submit: "提交", all: "全部", total: "隐患总数", run: "分析批次",
    km: "管网里程", history: "处理记录", none: "（无）", measures: "整改措施", responsible_unit: "责任单位",
    responsible_person: "责任人", temporary_measures: "临时管控措施", evidence: "整改情况（证据）", analysis: "系统分析", system: "监测系统",
    measureNames: { guard: "专人看护", leak_detector: "泄漏检测报警装置", patrol: "加密巡查", warning_sign: "警示标志" },
    note: "说明", noMoves: "无可用流转", done: "已保存", page: "第 {a}–{b} 条，共 {n} 条", lang: "English",
    grades: { red: "重大", orange: "较大", yellow: "一般", blue: "低" },
    renewal: "老旧管网更新改造进展", plan: "更新改造计划", byYear: "按年度", byDistrict: "按区域", year: "年度", sum: "合计",
    jobsKm: "{n} 项 · {km} km", households: "{h} 户", asOf: "统计日期 {d}", jobStates: { planned: "已列入计划", designed: "已完成设计",
      under_construction: "施工中", done: "已完工" },
    actions: { found: "发现", plan: "制定整改方案", rectify: "整改完成", recheck: "复核", close: "销号", reopen: "重新打开",
      not_found: "分析未再发现", found_again: "再次发现", regraded: "等级变更", alarm: "监测报警" },
    states: { open: "待整改", planned: "整改中", rectified: "已整改待复核", rechecked: "已复核", closed: "已销号" },
    kinds: { occupied: "管道占压", clearance_building: "与建筑物间距不足", clearance_sewer: "与排水管道间距不足",
      clearance_water: "与给水管道间距不足", sewer_crossing: "与排水管网交叉", through_sewer: "燃气管道穿越排水管道（涵洞）",
      vertical_gap: "交叉处垂直净距不足",
      crossing_without_detector: "交叉处未设泄漏监测", aged: "管道老化", building_in_spacing: "场站安全间距内有建筑",
      dense_place_in_spacing: "场站安全间距内有人员密集场所", past_design_life: "场站设备超设计使用年限",
      no_overpressure_protection: "场站未设超压切断和放散装置", gas_alarm: "监测报警（燃气浓度超限）", unrepaired_leak: "一级泄漏未修复" },
    card: { title: "应急处置卡", pipe: "关阀起点管线", valves: "需关闭阀门", passed: "无法操作、已越过的阀门", isolated: "关阀管段长度",
      outage: "停气管段长度", customers: "停气用户", meters: "停气表数", critical: "重要用户", stations: "需同时关闭出口的场站",
      sources: "剩余气源", nearest: "最近场站", none: "无", m: "{m} 米", meterCount: "{n} 块表", failed: "无法生成应急处置卡：{msg}",
      unfed: "该管段原本无气源供气（数据孤岛），请核对拓扑。",
      noTrace: { no_pipe: "隐患处无在役燃气管道，无法追踪关阀范围", pipe_not_in_service: "隐患所在管道不在役，无法追踪关阀范围" },
      valveKinds: { gate: "闸阀", ball: "球阀", plug: "旋塞阀", regulator_inlet: "调压器进口阀" },
      stationKinds: { city_gate: "门站", storage: "储配站", regulator: "调压站", regulator_box: "调压箱", cng: "CNG站", lng: "LNG站", lpg: "LPG站" },
      uses: { residential: "住宅", commercial: "商业建筑", school: "学校", hospital: "医院", nursing_home: "养老院", mall: "商场",
        market: "市场", other: "建筑物" } },
  },
  en: {
    title: "Hazard ledger and risk statistics", map: "Risk map", kmByDistrict: "Network km by district and grade",
    byKind: "Hazards by type and state", byState: "Hazards by state", exports: "Exports and printing", ledgerXlsx: "Ledger XLSX",
    ledgerCsv: "Ledger CSV", controlXlsx: "Control list XLSX", controlCsv: "Control list CSV", district: "District", paper: "Paper",
    orientation: "Orientation", landscape: "landscape", portrait: "portrait", print: "Print the risk map", format: "Format",
    ledger: "Hazard ledger",
    state: "State", kind: "Type", grade: "Grade", overdue: "overdue", listed: "listed supervision", recheckDue: "re-check due",
    code: "Hazard ID", deadline: "Deadline", unit: "Responsible unit", flags: "Flags", move: "Move", to: "To", apiKey: "API key (editor)",
    submit: "Submit", all: "all", total: "Hazards", run: "Analysis run", km: "Network km", history: "History", none: "(none)",
    measures: "Measures", responsible_unit: "Responsible unit", responsible_person: "Responsible person",
    temporary_measures: "Temporary measures", evidence: "Evidence", note: "Note", analysis: "analysis", system: "monitoring",
    measureNames: { guard: "guard on site", leak_detector: "leak detector and alarm", patrol: "more frequent patrol", warning_sign: "warning signs" },
    noMoves: "no moves allowed", done: "saved", page: "{a}–{b} of {n}", lang: "中文",
    grades: { red: "Major", orange: "Significant", yellow: "Moderate", blue: "Low" },
    renewal: "Renewal of aged pipes: progress", plan: "Renewal plan", byYear: "By year", byDistrict: "By district", year: "Year",
    sum: "Total", jobsKm: "{n} jobs · {km} km", households: "{h} households", asOf: "as of {d}", jobStates: { planned: "planned", designed: "designed",
      under_construction: "under construction", done: "done" },
    actions: { found: "found", plan: "planned", rectify: "rectified", recheck: "re-checked", close: "closed", reopen: "reopened",
      not_found: "not found by analysis", found_again: "found again", regraded: "regraded", alarm: "detector alarm" },
    states: { open: "open", planned: "planned", rectified: "rectified", rechecked: "re-checked", closed: "closed" },
    kinds: { occupied: "occupied by a building", clearance_building: "insufficient clearance to a building",
      clearance_sewer: "insufficient clearance to a sewer", clearance_water: "insufficient clearance to a water main",
      sewer_crossing: "crossing a sewer", through_sewer: "passing through a sewer or culvert",
      vertical_gap: "insufficient vertical gap at a crossing", crossing_without_detector: "crossing without a leak detector",
      aged: "aged pipe", building_in_spacing: "building within a station's safety spacing",
      dense_place_in_spacing: "dense-occupancy place within a station's safety spacing",
      past_design_life: "station equipment past its design life",
      no_overpressure_protection: "station without over-pressure cut-off and relief", gas_alarm: "gas detector alarm", unrepaired_leak: "unrepaired class-1 leak" },
    card: { title: "Emergency card", pipe: "Pipe isolated", valves: "Valves to close", passed: "Inoperable valves passed",
      isolated: "Isolated length", outage: "Length without gas", customers: "Customers without gas", meters: "Meters without gas",
      critical: "Critical customers", stations: "Stations feeding it (shut their outlets)", sources: "Sources remaining",
      nearest: "Nearest station", none: "none", m: "{m} m", meterCount: "{n} meters", failed: "No emergency card: {msg}",
      unfed: "No source fed this stretch before (an island of the data): check the topology.",
      noTrace: { no_pipe: "no in-service gas pipe at the hazard: no isolation traced",
        pipe_not_in_service: "the hazard's pipe is not in service: no isolation traced" },
      valveKinds: { gate: "gate valve", ball: "ball valve", plug: "plug valve", regulator_inlet: "regulator inlet valve" },
      stationKinds: { city_gate: "city gate", storage: "storage station", regulator: "regulator station", regulator_box: "regulator box",
        cng: "CNG station", lng: "LNG station", lpg: "LPG station" },
      uses: { residential: "residential building", commercial: "commercial building", school: "school", hospital: "hospital",
        nursing_home: "nursing home", mall: "mall", market: "market", other: "building" } },
  },
};

// LANG_KEY is the language setting the ledger page shares with the map
// (web/ui/i18n.js): the user's last choice, else the browser's language.
const LANG_KEY = "gasrisk.lang";
function initialLanguage() {
  let saved = null;
  try { saved = localStorage.getItem(LANG_KEY); } catch (e) { /* storage disabled */ }
  if (saved === "zh" || saved === "en") return saved;
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "zh"];
  return String(langs[0]).toLowerCase().startsWith("zh") ? "zh" : "en";
}

const state = { lang: initialLanguage(), offset: 0, limit: 50, stats: null, current: null, plan: "" };
const t = k => T[state.lang][k] ?? k;
const $ = s => document.querySelector(s);

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

async function api(path, opts = {}) {
  const key = sessionStorage.getItem("gasrisk-key");
  if (key && !opts.headers) opts = { ...opts, headers: { Authorization: `Bearer ${key}` } };
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw Object.assign(new Error(body.error || r.statusText), { body });
  return body;
}

// textWidth estimates a label's width at the charts' 12px: CJK characters
// a full em, others about 0.6 em.
const textWidth = s => [...s].reduce((w, c) => w + (/[^\x00-\x7f]/.test(c) ? 12 : 7), 0);

// hbars draws horizontal stacked bars: rows [{label, parts: {key: value}}],
// the labels whole on the left (the bars get what is left of the width).
function hbars(target, rows, keys, colours, names, fmt) {
  const bar = 18, gap = 6;
  const left = Math.max(60, ...rows.map(r => textWidth(r.label))) + 10;
  const W = Math.max(480, left + 300);
  const max = Math.max(1e-9, ...rows.map(r => keys.reduce((s, k) => s + (r.parts[k] || 0), 0)));
  const s = svg("svg", { viewBox: `0 0 ${W} ${rows.length * (bar + gap) + 30}`, width: "100%", role: "img" });
  rows.forEach((r, i) => {
    const y = i * (bar + gap);
    const name = svg("text", { x: left - 6, y: y + 13, "text-anchor": "end" }, r.label);
    name.append(svg("title", {}, r.label));
    s.append(name);
    let x = left;
    for (const k of keys) {
      const v = r.parts[k] || 0, w = (v / max) * (W - left - 50);
      if (v > 0) {
        const rect = svg("rect", { x, y, width: Math.max(w, 0.5), height: bar, fill: colours[k] });
        rect.append(svg("title", {}, `${names[k] ?? k}: ${fmt(v)}`));
        s.append(rect);
      }
      x += w;
    }
    s.append(svg("text", { x: x + 4, y: y + 13 }, fmt(keys.reduce((a, k) => a + (r.parts[k] || 0), 0))));
  });
  let lx = 0, ly = rows.length * (bar + gap) + 16;
  for (const k of keys) {
    const label = names[k] ?? k, w = 24 + textWidth(label);
    if (lx + w > W) { lx = 0; ly += 16; }
    s.append(svg("rect", { x: lx, y: ly - 9, width: 10, height: 10, fill: colours[k] }));
    s.append(svg("text", { x: lx + 14, y: ly }, label));
    lx += w;
  }
  s.setAttribute("viewBox", `0 0 ${W} ${ly + 6}`);
  target.replaceChildren(s);
}

function renderStats(st) {
  const h = st.hazards;
  const km = GRADES.reduce((s, g) => s + (st.grades[g]?.km || 0), 0);
  const card = (label, value, colour) => el("div", { class: "card", style: `border-color:${colour || "#607d8b"}` }, el("b", {}, value), label);
  $("#summary").replaceChildren(
    card(t("run"), st.run_id ? `#${st.run_id} (${st.as_of})` : t("none")),
    card(t("km"), km.toFixed(1)),
    ...GRADES.map(g => card(`${T[state.lang].grades[g]} km`, (st.grades[g]?.km || 0).toFixed(2), COLOURS[g])),
    card(t("total"), h.total),
    card(t("overdue"), h.overdue, "#e53935"),
    card(t("listed"), h.listed, "#263238"),
    card(t("recheckDue"), h.recheck_due, "#fb8c00"),
  );
  const dname = d => d.name || d.id || "—";
  hbars($("#chart-km"), st.districts.map(d => ({ label: dname(d), parts: Object.fromEntries(GRADES.map(g => [g, d.grades[g]?.km || 0])) })),
    GRADES, COLOURS, T[state.lang].grades, v => v.toFixed(2));
  const kinds = KINDS.filter(k => h.by_kind[k]);
  hbars($("#chart-kind"), kinds.map(k => ({ label: T[state.lang].kinds[k], parts: h.by_kind_state[k] || {} })),
    STATES, STATE_COLOURS, T[state.lang].states, v => String(v));
  hbars($("#chart-state"), STATES.map(s => ({ label: T[state.lang].states[s], parts: { [s]: h.by_state[s] || 0 } })),
    STATES, STATE_COLOURS, T[state.lang].states, v => String(v));
}

// JOB_STATES are a renewal job's states (renewal.States), then overdue.
const JOB_STATES = ["planned", "designed", "under_construction", "done"];

// renderRenewal shows the renewal progress of the statistics' plan: jobs
// and km per state and overdue, by year and by district, with a total.
function renderRenewal(ren, dnames) {
  $("#renewal").hidden = !ren;
  if (!ren) return;
  const sel = $("#plan");
  sel.replaceChildren(...ren.plans.map(p => el("option", { value: p }, p)));
  sel.value = ren.plan;
  $("#renewal-asof").textContent = t("asOf").replace("{d}", ren.as_of);
  // a cell: jobs and km, and the households those jobs' pipes feed
  const cell = (n, km, h) => el("td", { class: "n" }, t("jobsKm").replace("{n}", n).replace("{km}", km.toFixed(2)),
    ...(h == null ? [] : [el("br"), el("span", { class: "households" }, t("households").replace("{h}", h))]));
  const row = (label, x, cls) => el("tr", cls ? { class: cls } : {}, el("td", {}, label),
    ...JOB_STATES.map(s => cell(x.states[s] || 0, x.km_states[s] || 0, (x.households_states || {})[s])),
    cell(x.overdue, x.km_overdue, x.households_overdue));
  const table = (target, head, rows) => {
    const names = T[state.lang].jobStates;
    target.replaceChildren(
      el("thead", {}, el("tr", {}, el("th", {}, head), ...JOB_STATES.map(s => el("th", { class: "n" }, names[s])),
        el("th", { class: "n" }, t("overdue")))),
      el("tbody", {}, ...rows.map(([label, x]) => row(label, x)), row(t("sum"), ren.all, "total")));
  };
  table($("#renewal-years"), t("year"), Object.keys(ren.years).sort().map(y => [y, ren.years[y]]));
  table($("#renewal-districts"), t("district"), Object.keys(ren.districts).sort()
    .map(d => [dnames[d] || d || "—", ren.districts[d]]));
}

function fillSelect(sel, values, names, keep) {
  const cur = keep ? sel.value : "";
  sel.replaceChildren(el("option", { value: "" }, t("all")), ...values.map(v => el("option", { value: v }, names[v] ?? v)));
  sel.value = cur;
}

function fillFilters() {
  const f = $("#filters");
  const districts = (state.stats?.districts || []).filter(d => d.id).map(d => d.id);
  const dnames = Object.fromEntries((state.stats?.districts || []).map(d => [d.id, d.name || d.id]));
  fillSelect(f.state, STATES, T[state.lang].states, true);
  fillSelect(f.kind, KINDS, T[state.lang].kinds, true);
  fillSelect(f.grade, GRADES, T[state.lang].grades, true);
  fillSelect(f.district, districts, dnames, true);
  fillSelect($("#print").district, districts, dnames, true);
}

function query() {
  const f = $("#filters"), q = new URLSearchParams();
  for (const k of ["state", "kind", "grade", "district"]) if (f[k].value) q.set(k, f[k].value);
  for (const k of ["overdue", "listed", "recheck_due"]) if (f[k].checked) q.set(k, "true");
  return q;
}

function gradeBadge(g) { return el("span", { class: `g g-${g}` }, T[state.lang].grades[g] ?? g); }

async function loadLedger() {
  const q = query();
  q.set("limit", state.limit);
  q.set("offset", state.offset);
  q.set("sort", "grade");
  const page = await api(`/api/v1/hazards?${q}`);
  const dnames = Object.fromEntries((state.stats?.districts || []).map(d => [d.id, d.name || d.id]));
  $("#ledger tbody").replaceChildren(...page.items.map(h => {
    const flags = el("td");
    if (h.overdue) flags.append(el("span", { class: "flag overdue" }, t("overdue")));
    if (h.listed_supervision) flags.append(el("span", { class: "flag listed" }, t("listed")));
    if (h.recheck_due) flags.append(el("span", { class: "flag" }, t("recheckDue")));
    const tr = el("tr", {}, el("td", {}, h.code), el("td", {}, h.district_name || dnames[h.district] || h.district || "—"), el("td", {}, T[state.lang].kinds[h.kind] ?? h.kind),
      el("td", {}, gradeBadge(h.grade)), el("td", {}, T[state.lang].states[h.state]), el("td", {}, h.deadline || ""),
      el("td", {}, h.responsible_unit || ""), flags);
    tr.addEventListener("click", () => showHazard(h.id));
    return tr;
  }));
  const a = page.total ? page.offset + 1 : 0, b = page.offset + page.items.length;
  $("#page").textContent = t("page").replace("{a}", a).replace("{b}", b).replace("{n}", page.total);
  $("#prev").disabled = page.offset === 0;
  $("#next").disabled = b >= page.total;
  setExportLinks(q);
}

function setExportLinks(q) {
  const p = new URLSearchParams(q);
  p.delete("limit"); p.delete("offset"); p.delete("sort");
  if (state.lang === "en") p.set("lang", "en");
  $("#x-ledger-xlsx").href = `/api/v1/ledger/hazards.xlsx?${p}`;
  $("#x-ledger-csv").href = `/api/v1/ledger/hazards.csv?${p}`;
  const c = new URLSearchParams();
  for (const k of ["district", "grade", "lang"]) if (p.get(k)) c.set(k, p.get(k));
  $("#x-control-xlsx").href = `/api/v1/ledger/control-list.xlsx?${c}`;
  $("#x-control-csv").href = `/api/v1/ledger/control-list.csv?${c}`;
}

const FIELDS = {
  planned: [["measures", "textarea"], ["responsible_unit", "input"], ["responsible_person", "input"], ["deadline", "date"],
    ["temporary_measures", "measures"], ["note", "textarea"]],
  rectified: [["evidence", "textarea"], ["note", "textarea"]],
  rechecked: [["note", "textarea"]], closed: [["note", "textarea"]], open: [["note", "textarea"]],
};

function moveFields() {
  const form = $("#move");
  const fields = FIELDS[form.to.value] || [];
  form.querySelector(".fields").replaceChildren(...fields.map(([name, kind]) => {
    if (kind === "measures") {
      // the temporary measures the risk model knows (riskmodel.Likelihood.TemporaryMeasures), by name
      return el("fieldset", { class: "measures" }, el("legend", {}, t(name)),
        ...Object.entries(T[state.lang].measureNames).map(([code, label]) =>
          el("label", {}, el("input", { type: "checkbox", name, value: code }), " ", label)));
    }
    const input = kind === "textarea" ? el("textarea", { name, rows: 2 }) : el("input", { name, type: kind === "date" ? "date" : "text" });
    return el("label", {}, el("span", {}, t(name)), " ", input);
  }));
}

// cardSection is a hazard's emergency card (应急处置卡, GET
// /api/v1/hazards/{id}/emergency-card): the valves to close with their
// kind and position, who loses gas (critical customers named), the
// stations to shut, the sources remaining and the nearest station.
function cardSection(c) {
  const L = T[state.lang].card, sep = state.lang === "zh" ? "、" : ", ";
  const sec = el("section", { id: "emergency-card", class: "card-sheet", "data-hazard": c.hazard_id }, el("h4", {}, L.title));
  if (c.no_trace) sec.append(el("p", { class: "msg" }, L.noTrace[c.no_trace] ?? c.no_trace));
  if (c.unfed) sec.append(el("p", { class: "msg" }, L.unfed));
  const station = s => `${s.id} ${L.stationKinds[s.kind] ?? s.kind}${s.name ? " " + s.name : ""}` +
    (s.distance_m ? ` (${L.m.replace("{m}", s.distance_m.toFixed(0))})` : "");
  const valves = (vs, cls) => vs.length ? el("ol", { class: cls }, ...vs.map(v => el("li", { "data-valve": v.id },
    `${v.id} · ${L.valveKinds[v.kind] ?? v.kind}${v.pressure_class ? " · " + v.pressure_class : ""} · ${v.lon.toFixed(6)}, ${v.lat.toFixed(6)}`))) : L.none;
  const rows = [
    ["pipe", c.pipe_id || "—"],
    ["valves", valves(c.valves, "valves")],
    ["passed", valves(c.inoperable_valves_passed, "passed")],
    ["isolated", L.m.replace("{m}", c.isolated_m.toFixed(1))],
    ["outage", L.m.replace("{m}", c.outage_m.toFixed(1))],
    ["customers", String(c.customers)],
    ["meters", String(c.meters)],
    ["critical", c.critical_customers.length ? c.critical_customers.map(x => `${x.id} ${L.uses[x.use] ?? x.use ?? ""}` +
      `${x.building_id ? " " + x.building_id : ""} (${L.meterCount.replace("{n}", x.meters)})`).join(sep) : L.none],
    ["stations", c.stations.length ? c.stations.map(station).join(sep) : L.none],
    ["sources", c.sources_remaining.length ? c.sources_remaining.map(station).join(sep) : L.none],
    ["nearest", c.nearest_station ? station(c.nearest_station) : L.none],
  ];
  sec.append(el("table", { class: "card-table" }, ...rows.map(([k, v]) => el("tr", { "data-key": k }, el("th", {}, L[k]), el("td", {}, v)))));
  return sec;
}

// loadCard fills the hazard's emergency card in, when the server has the
// network (else it says why there is none).
async function loadCard(id) {
  const box = $("#detail-body .card-slot");
  if (!box) return;
  try {
    const c = await api(`/api/v1/hazards/${id}/emergency-card`);
    if (state.current && String(state.current.id) === String(id)) box.replaceChildren(cardSection(c));
  } catch (e) {
    box.replaceChildren(el("p", { class: "msg" }, T[state.lang].card.failed.replace("{msg}", e.message)));
  }
}

async function showHazard(id) {
  const h = await api(`/api/v1/hazards/${id}`);
  state.current = h;
  const desc = state.lang === "en" ? h.description : h.description_zh;
  const history = el("ol", {}, ...h.history.map(e => el("li", {},
    `${new Date(e.at).toLocaleString(state.lang === "zh" ? "zh-CN" : "en")} · ${e.actor === "analysis" || e.actor === "system" ? t(e.actor) : e.actor} · ${T[state.lang].actions[e.action] ?? e.action} ` +
    `${e.from_state && e.from_state !== e.to_state ? T[state.lang].states[e.from_state] + " → " : ""}${T[state.lang].states[e.to_state]} — ` +
    `${state.lang === "zh" ? e.reason_zh || e.reason : e.reason}`)));
  $("#detail-body").replaceChildren(
    el("h3", {}, `${h.code} `, gradeBadge(h.grade)),
    el("p", {}, desc),
    el("p", {}, `${t("district")}: ${h.district_name || h.district || "—"}`),
    el("p", {}, `${t("state")}: ${T[state.lang].states[h.state]}${h.overdue ? " · " + t("overdue") : ""}${h.listed_supervision ? " · " + t("listed") : ""}${h.recheck_due ? " · " + t("recheckDue") : ""}`),
    h.measures ? el("p", {}, `${t("measures")}: ${h.measures} (${h.responsible_unit} / ${h.responsible_person}, ${h.deadline})`) : "",
    h.temporary_measures.length ? el("p", {}, `${t("temporary_measures")}: ${h.temporary_measures.map(m => T[state.lang].measureNames[m] ?? m).join(state.lang === "zh" ? "、" : ", ")}`) : "",
    h.evidence ? el("p", {}, `${t("evidence")}: ${h.evidence}`) : "",
    el("div", { class: "card-slot" }),
    el("h4", {}, t("history")), history);
  loadCard(h.id);
  const form = $("#move");
  form.to.replaceChildren(...h.allowed.map(s => el("option", { value: s }, T[state.lang].states[s])));
  form.querySelector("button").disabled = h.allowed.length === 0;
  form.querySelector(".msg").textContent = h.allowed.length ? "" : t("noMoves");
  form.key.value = sessionStorage.getItem("gasrisk-key") || "";
  moveFields();
  $("#detail").hidden = false;
}

async function submitMove(ev) {
  ev.preventDefault();
  const form = $("#move"), body = { to: form.to.value };
  for (const [name, kind] of FIELDS[form.to.value] || []) {
    if (kind === "measures") {
      const codes = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value);
      if (codes.length) body[name] = codes;
      continue;
    }
    const v = form[name].value.trim();
    if (!v) continue;
    body[name] = name === "temporary_measures" ? v.split(/[,，\s]+/).filter(Boolean) : v;
  }
  sessionStorage.setItem("gasrisk-key", form.key.value);
  const msg = form.querySelector(".msg");
  try {
    await api(`/api/v1/hazards/${state.current.id}/transitions`, {
      method: "POST", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${form.key.value}`, "X-API-Key": form.key.value },
    });
    await Promise.all([showHazard(state.current.id), refresh()]);
    msg.textContent = t("done");
  } catch (e) {
    msg.textContent = e.message + (e.body?.allowed ? ` (${e.body.allowed.join(", ")})` : "");
  }
}

function translate() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  $("#lang").textContent = t("lang");
  document.title = `${t("ledger")} · gasrisk`;
}

async function refresh() {
  state.stats = await api("/api/v1/ledger/stats" + (state.plan ? `?plan=${encodeURIComponent(state.plan)}` : ""));
  renderStats(state.stats);
  renderRenewal(state.stats.renewal, Object.fromEntries((state.stats.districts || []).map(d => [d.id, d.name || d.id])));
  fillFilters();
  await loadLedger();
}

function init() {
  translate();
  $("#lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    try { localStorage.setItem(LANG_KEY, state.lang); } catch (e) { /* storage disabled */ }
    translate();
    refresh();
  });
  $("#filters").addEventListener("change", () => { state.offset = 0; loadLedger(); });
  $("#plan").addEventListener("change", ev => { state.plan = ev.target.value; refresh(); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadLedger(); });
  $("#next").addEventListener("click", () => { state.offset += state.limit; loadLedger(); });
  $("#close").addEventListener("click", () => { $("#detail").hidden = true; });
  $("#move").to.addEventListener("change", moveFields);
  $("#move").addEventListener("submit", submitMove);
  $("#print").addEventListener("submit", ev => {
    ev.preventDefault();
    const p = new URLSearchParams(new FormData($("#print")));
    if (!p.get("district")) p.delete("district");
    const format = p.get("format") === "pdf" ? "pdf" : "png";
    p.delete("format");
    p.set("lang", state.lang);
    window.open(`/api/v1/maps/print.${format}?${p}`, "_blank");
  });
  refresh().catch(e => { $("#summary").textContent = e.message; });
  // the map links a hazard as /ledger/#hazard=<id>
  const linked = () => {
    const m = location.hash.match(/^#hazard=(\d+)$/);
    if (m) showHazard(m[1]).catch(e => { $("#summary").textContent = e.message; });
  };
  window.addEventListener("hashchange", linked);
  linked();
}

init();
