// Every string of the map page, in Chinese (zh-CN) and English. The page
// starts in the browser's language; the language button switches.
export const STRINGS = {
  zh: {
    title: "燃气管网风险分布图", switchTo: "EN", switchToTitle: "Switch to English",
    legend: "风险等级", total: "合计", segments: "段", km: "公里", legendHint: "点击等级以显示或隐藏",
    filters: "筛选", finding: "隐患类型", district: "区域", all: "全部", layers: "图层",
    stations: "场站", fieldRecords: "现场记录：泄漏（紫）、巡线（蓝）、阴极保护（绿），红圈未修复或不合格", hazards: "隐患（隐患台账）", context: "底图：区域、建筑、排水管网",
    hazardState: "隐患状态", "hazardShown.active": "未销号", "hazardShown.overdue": "已逾期", "hazardShown.all": "全部（含已销号）",
    "state.open": "待整改", "state.planned": "整改中", "state.rectified": "已整改待复核", "state.rechecked": "已复核",
    "state.closed": "已销号",
    hazard: "隐患", kind: "隐患类型", state: "状态", deadline: "整改期限", measures: "整改措施",
    responsibleUnit: "责任单位", responsiblePerson: "责任人", source: "位置", station: "场站",
    overdue: "已逾期", listed: "挂牌督办", recheckDue: "待现场复核（最近一次分析未发现）", history: "处理记录",
    openLedger: "在隐患台账中查看与处理", otherHazards: "此处的其他隐患：", hazardFailed: "无法读取隐患 {id}：{msg}",
    building_in_spacing: "场站安全间距内有建筑", dense_place_in_spacing: "场站安全间距内有人员密集场所",
    past_design_life: "场站设备超设计使用年限", no_overpressure_protection: "场站未设超压切断和放散装置",
    gas_alarm: "监测报警（燃气浓度超限）",
    "action.found": "发现", "action.plan": "制定整改方案", "action.rectify": "整改完成", "action.recheck": "复核",
    "action.close": "销号", "action.reopen": "重新打开", "action.not_found": "分析未再发现", "action.found_again": "再次发现",
    "action.regraded": "等级变更", "actor.analysis": "系统分析", "action.alarm": "监测报警", "actor.system": "监测系统",
    "sensor.kind.methane_manhole": "窨井甲烷监测", "sensor.kind.methane_valve_chamber": "阀门井甲烷监测",
    "sensor.kind.methane_basement": "地下室甲烷监测", "sensor.kind.pressure_regulator": "调压设施压力监测",
    "sensor.status": "状态", "sensor.status.ok": "正常", "sensor.status.alarm": "报警", "sensor.status.silent": "离线",
    "sensor.status.no_data": "无数据", "sensor.last": "最新读数", "sensor.readings24h": "近24小时读数",
    "sensor.noReadings": "近24小时无读数", "sensor.now": "现在", "sensor.alarms": "报警记录", "sensor.noAlarms": "无报警",
    "alarmState.raised": "报警", "alarmState.acknowledged": "已确认", "alarmState.dispatched": "已派单",
    "alarmState.resolved": "已处置", "alarmState.false_alarm": "误报",
    run: "分析批次 {id}，评估日期 {asOf}", norun: "尚未分析：请运行 gasrisk analyze",
    loading: "正在加载…", keyNeeded: "此服务器需要查看权限的 API 密钥", keyPlaceholder: "API 密钥", useKey: "使用密钥", loadFailed: "地图数据加载失败：{msg}",
    zoomHintLow: "此缩放级别只绘制重大、较大风险管段和次高压及以上干管，其余管段放大后显示。",
    zoomHintMid: "此缩放级别只绘制重大、较大、一般风险管段和中压A及以上干管，其余低风险管段放大后显示。",
    legendFinding: "仅{finding}管段", legendDistrict: "区域：{district}", hazardLegend: "隐患（按状态）",
    hazardMarkers: "缩放级别较小时隐患以圆点标于管段中点；放大至 14 级显示隐患所在管段。",
    red: "重大", orange: "较大", yellow: "一般", blue: "低",
    occupied: "占压", clearance_violation: "安全间距不足", sewer_crossing: "与排水管交叉", aged: "老化",
    third_party: "第三方施工", clearance_building: "与建筑间距不足", clearance_sewer: "与排水管间距不足",
    clearance_water: "与给水管间距不足", vertical_gap: "垂直净距不足", through_sewer: "穿越排水管道（涵洞）", crossing_without_detector: "交叉处无检测仪", unrepaired_leak: "一级泄漏未修复",
    segment: "管段", close: "关闭", grade: "风险等级", gradeRule: "定级依据", scoreBand: "（{grade}风险区间：{band}）",
    score: "风险值", lof: "失效可能性（次/公里·年）",
    topThreat: "主要威胁", "threat.excavation": "第三方施工破坏", "threat.corrosion": "腐蚀", "threat.natural_force": "自然力（地面沉降等）",
    "threat.material_joint": "管材、焊缝或接口缺陷", "threat.equipment": "设备故障", "threat.incorrect_operation": "误操作", "threat.other": "其他",
    cof: "失效后果", pipe: "管线编号", material: "材质", pressure: "压力级制", diameter: "管径 (mm)",
    installed: "敷设年份", length: "长度 (m)", findings: "隐患", none: "无",
    factors: "风险因素", factor: "因素", contribution: "贡献",
    likelihood: "可能性", consequence: "后果", policy: "规则",
    segmentFailed: "无法读取管段 {id}：{msg}",
    zoomIn: "放大", zoomOut: "缩小", resetBearing: "拖动旋转地图，点击恢复正北",
    "material.cast_iron": "铸铁", "material.ductile_iron": "球墨铸铁", "material.steel": "钢",
    "material.pe": "聚乙烯 (PE)", "material.copper": "铜", "material.other": "其他", "material.unknown": "未知",
    "pressure.LP": "低压", "pressure.MPB": "中压B", "pressure.MPA": "中压A", "pressure.SHPB": "次高压B",
    "pressure.SHPA": "次高压A", "pressure.HPB": "高压B", "pressure.HPA": "高压A",
    renewal: "更新改造类别", "renewal.grey_cast_iron": "灰口铸铁管道",
    "renewal.ductile_unsafe": "不满足安全运行要求的球墨铸铁管道",
    "renewal.aged_condition": "运行满20年经评估存在安全隐患的钢质/PE管道",
    "renewal.uncontrollable": "不足20年安全隐患无法管控的钢质/PE管道",
    "renewal.occupied": "被建构筑物占压的管道"
  },
  en: {
    title: "Gas network risk map", switchTo: "中文", switchToTitle: "切换到中文",
    legend: "Risk grades", total: "Total", segments: "segments", km: "km", legendHint: "Click a grade to show or hide it",
    filters: "Filters", finding: "Finding", district: "District", all: "All", layers: "Layers",
    stations: "Stations", fieldRecords: "Field records: leaks (purple), patrols (blue), CP readings (green); ringed red: unrepaired or failed", hazards: "Hazards (the hazard ledger)", context: "Base map: districts, buildings, sewers",
    hazardState: "Hazard state", "hazardShown.active": "Not closed", "hazardShown.overdue": "Overdue",
    "hazardShown.all": "All (closed too)",
    "state.open": "Open", "state.planned": "Planned", "state.rectified": "Rectified, to re-check", "state.rechecked": "Re-checked",
    "state.closed": "Closed",
    hazard: "Hazard", kind: "Kind", state: "State", deadline: "Deadline", measures: "Measures",
    responsibleUnit: "Responsible unit", responsiblePerson: "Responsible person", source: "Where", station: "Station",
    overdue: "Overdue", listed: "Listed for supervision", recheckDue: "Re-check on site (the latest analysis did not find it)",
    history: "History", openLedger: "Open in the hazard ledger", otherHazards: "Other hazards here:",
    hazardFailed: "Hazard {id} could not be read: {msg}",
    building_in_spacing: "Building within a station's spacing", dense_place_in_spacing: "Crowded place within a station's spacing",
    past_design_life: "Station equipment past its design life", no_overpressure_protection: "Station without over-pressure cut-off and relief",
    gas_alarm: "Gas detector alarm",
    "action.found": "found", "action.plan": "planned", "action.rectify": "rectified", "action.recheck": "re-checked",
    "action.close": "closed", "action.reopen": "reopened", "action.not_found": "not found by analysis",
    "action.found_again": "found again", "action.regraded": "regraded", "actor.analysis": "analysis", "action.alarm": "detector alarm", "actor.system": "monitoring",
    "sensor.kind.methane_manhole": "Methane, sewer manhole", "sensor.kind.methane_valve_chamber": "Methane, valve chamber",
    "sensor.kind.methane_basement": "Methane, basement", "sensor.kind.pressure_regulator": "Regulator pressure",
    "sensor.status": "Status", "sensor.status.ok": "normal", "sensor.status.alarm": "alarm", "sensor.status.silent": "silent",
    "sensor.status.no_data": "no data", "sensor.last": "Latest reading", "sensor.readings24h": "Readings, last 24 hours",
    "sensor.noReadings": "No readings in the last 24 hours", "sensor.now": "now", "sensor.alarms": "Alarms", "sensor.noAlarms": "No alarms",
    "alarmState.raised": "raised", "alarmState.acknowledged": "acknowledged", "alarmState.dispatched": "dispatched",
    "alarmState.resolved": "resolved", "alarmState.false_alarm": "false alarm",
    run: "Analysis run {id}, as of {asOf}", norun: "Not analysed yet: run gasrisk analyze",
    loading: "Loading…", keyNeeded: "This server needs an API key with the viewer role", keyPlaceholder: "API key",
    useKey: "Use key", loadFailed: "The map data could not be loaded: {msg}",
    zoomHintLow: "At this zoom only major and significant segments and sub-high/high-pressure mains are drawn; the others appear as you zoom in.",
    zoomHintMid: "At this zoom only major, significant and moderate segments and mains of MPA and above are drawn; the other low-risk segments appear as you zoom in.",
    legendFinding: "Only segments: {finding}", legendDistrict: "District: {district}", hazardLegend: "Hazards by state",
    hazardMarkers: "Zoomed out, hazards are dots at the middle of their stretch; from zoom 14 the stretch itself is drawn.",
    red: "Major", orange: "Significant", yellow: "Moderate", blue: "Low",
    occupied: "Occupied by a building", clearance_violation: "Insufficient clearance", sewer_crossing: "Sewer crossing",
    aged: "Aged", third_party: "Third-party works", clearance_building: "Too close to a building",
    clearance_sewer: "Too close to a sewer", clearance_water: "Too close to a water main",
    vertical_gap: "Insufficient vertical gap", through_sewer: "Through a sewer or culvert", crossing_without_detector: "Crossing without a gas detector", unrepaired_leak: "Unrepaired class-1 leak",
    segment: "Segment", close: "Close", grade: "Risk grade", gradeRule: "Set by", scoreBand: "({grade} band: {band})",
    score: "Score", lof: "Likelihood (failures/km·yr)",
    topThreat: "Top threat", "threat.excavation": "Excavation / third party", "threat.corrosion": "Corrosion", "threat.natural_force": "Natural force",
    "threat.material_joint": "Material, weld or joint", "threat.equipment": "Equipment", "threat.incorrect_operation": "Incorrect operation", "threat.other": "Other",
    cof: "Consequence", pipe: "Pipe", material: "Material", pressure: "Pressure class", diameter: "Diameter (mm)",
    installed: "Installed", length: "Length (m)", findings: "Findings", none: "None",
    factors: "Risk factors", factor: "Factor", contribution: "Contribution",
    likelihood: "Likelihood", consequence: "Consequence", policy: "Rule",
    segmentFailed: "Segment {id} could not be read: {msg}",
    zoomIn: "Zoom in", zoomOut: "Zoom out", resetBearing: "Drag to rotate the map, click to reset north",
    "material.cast_iron": "Cast iron", "material.ductile_iron": "Ductile iron", "material.steel": "Steel",
    "material.pe": "Polyethylene (PE)", "material.copper": "Copper", "material.other": "Other", "material.unknown": "Unknown",
    "pressure.LP": "Low (LP)", "pressure.MPB": "Medium B (MPB)", "pressure.MPA": "Medium A (MPA)",
    "pressure.SHPB": "Sub-high B (SHPB)", "pressure.SHPA": "Sub-high A (SHPA)", "pressure.HPB": "High B (HPB)",
    "pressure.HPA": "High A (HPA)",
    renewal: "Renewal category", "renewal.grey_cast_iron": "Grey cast iron",
    "renewal.ductile_unsafe": "Ductile iron not meeting safe-operation requirements",
    "renewal.aged_condition": "Steel/PE 20 years or more, assessed hazardous",
    "renewal.uncontrollable": "Steel/PE under 20 years, hazards cannot be controlled",
    "renewal.occupied": "Occupied by buildings or structures"
  }
};

// LANG_KEY is where the map and the ledger page keep the language chosen
// (one setting for both pages).
export const LANG_KEY = "gasrisk.lang";

// initialLanguage is the user's last choice, else the browser's language.
export function initialLanguage() {
  let saved = null;
  try { saved = localStorage.getItem(LANG_KEY); } catch (e) { /* storage disabled */ }
  if (saved === "zh" || saved === "en") return saved;
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "zh"];
  return String(langs[0]).toLowerCase().startsWith("zh") ? "zh" : "en";
}

// saveLanguage remembers the user's choice.
export function saveLanguage(lang) {
  try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* storage disabled */ }
}
