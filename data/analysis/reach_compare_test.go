package analysis_test

import (
	"context"
	"testing"

	"gasrisk/data/analysis"
	"gasrisk/data/datatest"
	"gasrisk/riskmodel"
	"gasrisk/synth"
)

// TestSewerReachAsBefore: on a generated city, the sewer reach of every
// crossing segment — the buildings and dense places near the connected
// sewers within reach of its crossings and the detectors in them — is the
// same as the reference implementation's (the code before the reach was
// made cheaper: one probe of each layer per stretch walked), with the
// default model and with a longer reach and wider buffers (walks through
// several sewers; places reached).
func TestSewerReachAsBefore(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	datatest.LoadCity(t, s.DB, synth.Config{Segments: 2500, Seed: 7, Connected: true})
	wide := riskmodel.DefaultConfig()
	wide.Detection.SewerReachM, wide.Detection.SewerReachBufferM, wide.Detection.DetectorInSewerM = 160, 30, 3
	for _, tt := range []struct {
		name   string
		model  riskmodel.Config
		places bool // the reach finds dense places
	}{{"default model", riskmodel.DefaultConfig(), false}, {"160 m reach, 30 m buffer, 3 m detectors", wide, true}} {
		t.Run(tt.name, func(t *testing.T) {
			got, want, crossing, err := s.Analysis.SewerReachAgainstReference(ctx, analysis.Options{Model: tt.model, AsOf: datatest.AsOf()})
			if err != nil {
				t.Fatal(err)
			}
			var sum analysis.ReachCounts
			for seg, w := range want {
				if g := got[seg]; g != w {
					t.Errorf("segment %d: got %+v, want %+v", seg, g, w)
				}
				sum.Buildings += w.Buildings
				sum.Places += w.Places
				sum.Detectors += w.Detectors
			}
			for seg, g := range got {
				if _, ok := want[seg]; !ok {
					t.Errorf("segment %d: got %+v, the reference has no row", seg, g)
				}
			}
			t.Logf("%d segments crossing sewers, %d with a reach; in all %+v", crossing, len(want), sum)
			if len(want) < 100 || sum.Buildings == 0 || sum.Detectors == 0 || tt.places && sum.Places == 0 {
				t.Errorf("the city tests too little: %d segments with a reach, %+v", len(want), sum)
			}
		})
	}
}
