package riskmodel

// Assessor assesses segments under one config, remembering the detail
// texts that segments share: those of the impact radius (by pressure and
// diameter), the base rate (by material and install year), ageing and the
// grade rules.
// A network of a million segments has a few thousand of each; writing
// them anew took a tenth of the grading's Go time. An Assessor is not
// safe for concurrent use: one per goroutine.
type Assessor struct {
	c     Config
	texts texts
}

// NewAssessor returns an Assessor for config c, which should have passed
// Validate.
func NewAssessor(c Config) *Assessor {
	return &Assessor{c: c, texts: texts{
		radius: map[radiusKey]phrase{}, aged: map[agedKey]phrase{}, base: map[baseKey]phrase{},
		rules: map[ruleKey]GradeRule{}, threat: map[string]string{},
	}}
}

// Assess is Assess(c, f) for the Assessor's config c.
func (a *Assessor) Assess(f Facts) Assessment { return a.c.assess(f, a.texts) }

// texts are remembered detail texts by what they depend on; nil maps
// (texts{}) remember nothing.
type texts struct {
	radius map[radiusKey]phrase
	aged   map[agedKey]phrase
	base   map[baseKey]phrase
	rules  map[ruleKey]GradeRule
	threat map[string]string // the top threat of a material's base rate
}

type radiusKey struct {
	class         string
	mpa, diameter float64
	assumed       string
}

type agedKey struct {
	material         string
	age              int
	category, reason string
}

type baseKey struct {
	material, decade string
	installYear      int
}

type ruleKey struct {
	floor      string
	scoreGrade Grade
}

// maxTexts bounds each map: past it, texts are written anew each time.
const maxTexts = 1 << 14

// remember returns the text of key k in m, written by text the first time.
func remember[K comparable, T any](m map[K]T, k K, text func() T) T {
	if m == nil {
		return text()
	}
	if s, ok := m[k]; ok {
		return s
	}
	s := text()
	if len(m) < maxTexts {
		m[k] = s
	}
	return s
}
