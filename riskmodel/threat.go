package riskmodel

// Threats of ASME B31.8S-2022 §2.2 (and the DIMP rule's threat list, 49
// CFR 192.1007(b)) that distribution mains face, and the causes of a leak
// record (docs/data-model.md, leaks.cause): a leak's cause is the threat
// that made it.
const (
	ThreatExcavation         = "excavation"          // excavation and other third-party / outside-force damage
	ThreatCorrosion          = "corrosion"           // external and internal corrosion
	ThreatNaturalForce       = "natural_force"       // ground movement, subsidence, flooding, frost, lightning
	ThreatMaterialJoint      = "material_joint"      // pipe material, weld or joint failure
	ThreatEquipment          = "equipment"           // valves, regulators, fittings
	ThreatIncorrectOperation = "incorrect_operation" // operator error
	ThreatOther              = "other"               // other and unknown causes
)

// Threats returns the threats in a fixed order. The slice is new on every
// call.
func Threats() []string {
	return []string{ThreatExcavation, ThreatCorrosion, ThreatNaturalForce, ThreatMaterialJoint,
		ThreatEquipment, ThreatIncorrectOperation, ThreatOther}
}

// LeakCauses returns the causes a leak record may give: the threats.
func LeakCauses() []string { return Threats() }

// Patrol observations (docs/data-model.md, patrols.observation).
const (
	PatrolWorksWithoutPermit = "works_without_permit" // digging or piling with no permit on file
	PatrolExposedPipe        = "exposed_pipe"         // the pipe lies open (washout, open trench)
	PatrolSubsidence         = "subsidence"           // ground settling or caving over or near the pipe
	PatrolOdour              = "odour"                // a gas odour
)

// PatrolObservations returns the observations a patrol record may give.
func PatrolObservations() []string {
	return []string{PatrolWorksWithoutPermit, PatrolExposedPipe, PatrolSubsidence, PatrolOdour}
}

// threatIndex is the position of a threat in Threats, -1 if unknown.
func threatIndex(t string) int {
	for i, k := range Threats() {
		if k == t {
			return i
		}
	}
	return -1
}

// threatName is the English name of a threat.
func threatName(t string) string {
	switch t {
	case ThreatExcavation:
		return "excavation / third party"
	case ThreatCorrosion:
		return "corrosion"
	case ThreatNaturalForce:
		return "natural force"
	case ThreatMaterialJoint:
		return "material, weld or joint"
	case ThreatEquipment:
		return "equipment"
	case ThreatIncorrectOperation:
		return "incorrect operation"
	case ThreatOther:
		return "other"
	}
	return t
}

// threatNameZH is the Chinese name of a threat.
func threatNameZH(t string) string {
	switch t {
	case ThreatExcavation:
		return "第三方施工破坏"
	case ThreatCorrosion:
		return "腐蚀"
	case ThreatNaturalForce:
		return "自然力（地面沉降等）"
	case ThreatMaterialJoint:
		return "管材、焊缝或接口缺陷"
	case ThreatEquipment:
		return "设备故障"
	case ThreatIncorrectOperation:
		return "误操作"
	case ThreatOther:
		return "其他"
	}
	return t
}
