package riskmodel

// Assessor assesses segments under one config, remembering the detail
// texts that segments share: those of the impact radius (by pressure and
// diameter), the base rate (by material and install year) and ageing.
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
		radius: map[radiusKey]string{}, aged: map[agedKey]string{}, base: map[baseKey]string{},
	}}
}

// Assess is Assess(c, f) for the Assessor's config c.
func (a *Assessor) Assess(f Facts) Assessment { return a.c.assess(f, a.texts) }

// texts are remembered detail texts by what they depend on; nil maps
// (texts{}) remember nothing.
type texts struct {
	radius map[radiusKey]string
	aged   map[agedKey]string
	base   map[baseKey]string
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

// maxTexts bounds each map: past it, texts are written anew each time.
const maxTexts = 1 << 14

// remember returns the text of key k in m, written by text the first time.
func remember[K comparable](m map[K]string, k K, text func() string) string {
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
