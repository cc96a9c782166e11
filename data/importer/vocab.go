package importer

import "strings"

// synonyms maps common foreign spellings of vocabulary values (English
// variants, abbreviations, Chinese) to canonical values, per field. Users
// add their own with value mappings (--value field:from=to).
func synonyms(field string) map[string]string {
	switch field {
	case "material":
		return map[string]string{
			"ci": "cast_iron", "grey_cast_iron": "cast_iron", "gray_cast_iron": "cast_iron", "cast iron": "cast_iron",
			"iron": "cast_iron", "铸铁": "cast_iron", "灰口铸铁": "cast_iron",
			"di": "ductile_iron", "ductile iron": "ductile_iron", "球墨铸铁": "ductile_iron",
			"st": "steel", "carbon_steel": "steel", "钢": "steel", "钢管": "steel", "无缝钢管": "steel", "焊接钢管": "steel",
			"polyethylene": "pe", "hdpe": "pe", "mdpe": "pe", "pe80": "pe", "pe100": "pe", "plastic": "pe", "聚乙烯": "pe",
			"cu": "copper", "铜": "copper",
			"": "unknown", "未知": "unknown",
		}
	case "status":
		return map[string]string{"active": "in_service", "in service": "in_service", "inservice": "in_service",
			"在用": "in_service", "运行": "in_service", "废弃": "abandoned", "inactive": "abandoned"}
	case "pressure_class", "inlet_pressure_class":
		return map[string]string{"低压": "LP", "中压b": "MPB", "中压a": "MPA", "次高压b": "SHPB", "次高压a": "SHPA",
			"高压b": "HPB", "高压a": "HPA"}
	case "condition":
		return map[string]string{"corroded": "corrosion", "腐蚀": "corrosion", "锈蚀": "corrosion",
			"leak": "leak_history", "leaks": "leak_history", "leaking": "leak_history", "泄漏": "leak_history", "漏气": "leak_history",
			"failed": "failed_inspection", "inspection failed": "failed_inspection", "检测不合格": "failed_inspection", "不合格": "failed_inspection",
			"ok": "good", "sound": "good", "良好": "good", "合格": "good"}
	case "setting":
		return map[string]string{"地上": "above_ground", "地上单独建筑": "above_ground", "调压柜": "cabinet",
			"地下": "underground", "地下单独建筑": "underground", "地下调压箱": "underground_box",
			"悬挂式": "wall_hung", "悬挂式调压箱": "wall_hung"}
	case "cause":
		return map[string]string{"腐蚀": "corrosion", "corroded": "corrosion", "third party": "excavation", "third_party": "excavation",
			"挖掘": "excavation", "第三方破坏": "excavation", "第三方施工": "excavation", "natural force": "natural_force",
			"自然力": "natural_force", "地面沉降": "natural_force", "material": "material_joint", "joint": "material_joint",
			"weld": "material_joint", "接口": "material_joint", "管材": "material_joint", "焊缝": "material_joint",
			"设备": "equipment", "误操作": "incorrect_operation", "其他": "other", "unknown": "other", "未知": "other"}
	case "observation":
		return map[string]string{"无证施工": "works_without_permit", "违章施工": "works_without_permit", "unpermitted works": "works_without_permit",
			"管道裸露": "exposed_pipe", "露管": "exposed_pipe", "exposed": "exposed_pipe", "沉降": "subsidence", "地面沉降": "subsidence",
			"塌陷": "subsidence", "odor": "odour", "smell": "odour", "异味": "odour", "燃气味": "odour"}
	case "kind": // valves' kinds; the other layers' kinds have no synonyms
		return map[string]string{"闸阀": "gate", "gate valve": "gate", "球阀": "ball", "ball valve": "ball",
			"旋塞阀": "plug", "plug valve": "plug", "调压器进口阀": "regulator_inlet"}
	case "normal_state":
		return map[string]string{"常开": "open", "开": "open", "normally open": "open",
			"常闭": "closed", "关": "closed", "normally closed": "closed", "nc": "closed", "close": "closed", "shut": "closed"}
	case "lpg_class":
		return map[string]string{"1": "I", "2": "II", "3": "III", "ⅰ": "I", "ⅱ": "II", "ⅲ": "III",
			"ⅰ级": "I", "ⅱ级": "II", "ⅲ级": "III", "i级": "I", "ii级": "II", "iii级": "III", "一级": "I", "二级": "II", "三级": "III"}
	}
	return nil
}

// boolValue reads a boolean attribute: the user's value mapping first,
// then true/false, 1/0, yes/no, t/f, y/n and 是/否 in any case.
func boolValue(raw string, user map[string]string) (bool, bool) {
	if v, ok := user[raw]; ok {
		raw = v
	} else if v, ok := user[strings.ToLower(raw)]; ok {
		raw = v
	}
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "true", "t", "1", "yes", "y", "是", "有":
		return true, true
	case "false", "f", "0", "no", "n", "否", "无":
		return false, true
	}
	return false, false
}

// canonicalValue maps raw to a value of f's vocabulary: first the user's
// value mapping, then exact and case-insensitive matches, then built-in
// synonyms. ok is false when nothing matches.
func canonicalValue(f Field, raw string, user map[string]string) (string, bool) {
	if v, ok := user[raw]; ok {
		raw = v
	} else if v, ok := user[strings.ToLower(raw)]; ok {
		raw = v
	}
	t := strings.TrimSpace(raw)
	for _, v := range f.Values {
		if strings.EqualFold(v, t) {
			return v, true
		}
	}
	key := strings.ToLower(t)
	if v, ok := synonyms(f.Name)[key]; ok {
		return v, true
	}
	if v, ok := synonyms(f.Name)[strings.ReplaceAll(key, "_", " ")]; ok {
		return v, true
	}
	return "", false
}
