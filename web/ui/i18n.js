// UI strings in Chinese and English; the page starts in the browser's language.
window.GASRISK_I18N = {
  zh: {
    title: "燃气管网风险分布图", legend: "风险等级", filters: "筛选", finding: "隐患类型", district: "区域",
    all: "全部", stations: "场站", hazards: "隐患点", segment: "管段",
    occupied: "占压", clearance_violation: "安全间距不足", sewer_crossing: "与排水管网交叉", aged: "老化",
    third_party: "第三方施工", red: "重大", orange: "较大", yellow: "一般", blue: "低",
    segments: "段", km: "公里", run: "分析批次 {id}，评估日期 {asOf}", norun: "尚未分析：运行 gasrisk analyze",
    pipe: "管线", material: "材质", pressure: "压力级制", installed: "敷设年份", length: "长度 (m)", score: "风险值",
    factors: "风险因素", findings: "发现", grade: "等级", contribution: "贡献", switchTo: "EN"
  },
  en: {
    title: "Gas network risk map", legend: "Risk grades", filters: "Filters", finding: "Finding", district: "District",
    all: "All", stations: "Stations", hazards: "Hazards", segment: "Segment",
    occupied: "Occupied by building", clearance_violation: "Insufficient clearance", sewer_crossing: "Sewer crossing",
    aged: "Aged", third_party: "Third-party works", red: "Major", orange: "Significant", yellow: "Moderate", blue: "Low",
    segments: "segments", km: "km", run: "Analysis run {id}, as of {asOf}", norun: "Not analysed yet: run gasrisk analyze",
    pipe: "Pipe", material: "Material", pressure: "Pressure class", installed: "Installed", length: "Length (m)",
    score: "Score", factors: "Factors", findings: "Findings", grade: "Grade", contribution: "Contribution", switchTo: "中文"
  }
};
