package hazard_test

import (
	"slices"
	"testing"

	"gasrisk/hazard"
)

func TestCreditedMeasures(t *testing.T) {
	measures := []string{"guard", "leak_detector", "guard"}
	for _, c := range []struct {
		name string
		e    hazard.Entry
		want []string
	}{
		{"planned", hazard.Entry{Source: "segment", State: "planned", TemporaryMeasures: measures}, []string{"guard", "leak_detector"}},
		{"rectified", hazard.Entry{Source: "segment", State: "rectified", TemporaryMeasures: []string{"guard"}}, []string{"guard"}},
		{"rechecked", hazard.Entry{Source: "segment", State: "rechecked", TemporaryMeasures: []string{"guard"}}, []string{"guard"}},
		{"open", hazard.Entry{Source: "segment", State: "open", TemporaryMeasures: measures}, nil},
		{"closed", hazard.Entry{Source: "segment", State: "closed", TemporaryMeasures: measures}, nil},
		{"not found by the latest run", hazard.Entry{Source: "segment", State: "planned", RecheckDue: true, TemporaryMeasures: measures}, nil},
		{"a station's", hazard.Entry{Source: "station", State: "planned", TemporaryMeasures: measures}, nil},
		{"none", hazard.Entry{Source: "segment", State: "planned"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.e.CreditedMeasures(); !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
