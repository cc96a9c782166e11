package hazard

import "gasrisk/riskmodel"

// Vocabularies of coded values that pages, exports and the CLI write in
// the reader's language (Term).
const (
	VocabFinding     = "finding"      // hazard kinds and segment findings
	VocabMaterial    = "material"     // pipe materials
	VocabStationKind = "station_kind" // city_gate, regulator_box …
	VocabUse         = "use"          // building uses
	VocabSewerKind   = "sewer_kind"   // sanitary, storm, water …
	VocabPlaceKind   = "place_kind"   // dense-occupancy places
	VocabState       = "state"        // hazard states
	VocabSource      = "source"       // segment or station
	VocabLayer       = "layer"        // the layer of a hazard's other feature
	VocabRenewal     = "renewal"      // renewal categories of 国办发〔2022〕22号
	VocabGrade       = "grade"        // red, orange, yellow, blue
)

// Vocabularies lists them.
func Vocabularies() []string {
	return []string{VocabFinding, VocabMaterial, VocabStationKind, VocabUse, VocabSewerKind, VocabPlaceKind, VocabState,
		VocabSource, VocabLayer, VocabRenewal, VocabGrade}
}

// VocabTerms is a vocabulary's terms with their names.
func VocabTerms(vocab string) map[string]Text {
	switch vocab {
	case VocabFinding:
		m := map[string]Text{ThirdParty: {"第三方施工", "third-party works"}}
		for _, k := range kinds() {
			m[k.kind] = k.name
		}
		return m
	case VocabMaterial:
		return materialNames()
	case VocabStationKind:
		m := stationKindNames()
		delete(m, "")
		return m
	case VocabUse:
		return useNames()
	case VocabSewerKind:
		return sewerKindNames()
	case VocabPlaceKind:
		return placeKindNames()
	case VocabState:
		m := map[string]Text{}
		for _, s := range States() {
			m[string(s)] = Text{StateName(s, LangZH), StateName(s, LangEN)}
		}
		return m
	case VocabSource:
		return map[string]Text{"segment": {"管段", "pipe segment"}, "station": {"场站", "station"}}
	case VocabLayer:
		return map[string]Text{"buildings": {"建筑物", "buildings"}, "sewers": {"排水及给水管道", "sewers and water mains"},
			"places": {"人员密集场所", "dense-occupancy places"}}
	case VocabRenewal:
		m := map[string]Text{}
		for _, c := range riskmodel.RenewalCategories() {
			en, zh := riskmodel.RenewalCategoryLabels(c)
			m[c] = Text{zh, en}
		}
		return m
	case VocabGrade:
		m := map[string]Text{}
		for _, g := range riskmodel.Grades() {
			m[string(g)] = Text{g.Chinese(), g.English()}
		}
		return m
	}
	return nil
}

// Term is a coded value of a vocabulary in lang (zh or en); a value the
// vocabulary does not know stays as it is.
func Term(vocab, v, lang string) string { return translate(VocabTerms(vocab), v, lang) }
