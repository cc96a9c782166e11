package datatest

import (
	"context"
	"gasrisk/data/ledger"
	"gasrisk/hazard"
	"strings"
	"testing"
	"time"
)

// AllHazards lists every hazard, by identity key "kind pipe-or-station ref".
func AllHazards(t testing.TB, s Services) map[string]hazard.Entry {
	t.Helper()
	page, err := s.Ledger.Hazards(context.Background(), ledger.Filter{Limit: ledger.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]hazard.Entry{}
	for _, h := range page.Items {
		k := HazardKey(h)
		if _, dup := out[k]; dup {
			t.Errorf("duplicate hazard %s", k)
		}
		out[k] = h
	}
	if page.Total != len(page.Items) {
		t.Fatalf("total %d, listed %d", page.Total, len(page.Items))
	}
	return out
}

func HazardKey(h hazard.Entry) string {
	return strings.TrimSpace(h.Kind + " " + h.PipeID + h.StationID + " " + h.RefID)
}

// FindHazard returns the hazard of a key or fails.
func FindHazard(t testing.TB, s Services, key string) hazard.Entry {
	t.Helper()
	h, ok := AllHazards(t, s)[key]
	if !ok {
		t.Fatalf("no hazard %q", key)
	}
	return h
}

// Today is the date the ledger tests run at (deadlines are checked
// against it).
func Today() time.Time { return time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) }

// Complete returns a transition to state to with every field it needs.
func Complete(to hazard.State) hazard.Transition {
	t := hazard.Transition{To: to, Actor: "tester", Today: Today()}
	switch to {
	case hazard.StatePlanned:
		t.Measures, t.ResponsibleUnit, t.ResponsiblePerson, t.Deadline = "remove the shed", "Pipe dept.", "Wang Wei", "2026-09-30"
	case hazard.StateRectified:
		t.Evidence = "shed removed, photos in work order 17"
	default:
		t.Note = "checked on site"
	}
	return t
}

// Loop is the path of the closed loop from open.
func Loop() []hazard.State {
	return []hazard.State{hazard.StatePlanned, hazard.StateRectified, hazard.StateRechecked, hazard.StateClosed}
}

// SetState puts a hazard into a state directly (test set-up only).
func SetState(t testing.TB, s Services, id int64, st hazard.State) {
	t.Helper()
	_, err := s.DB.Pool.Exec(context.Background(), `UPDATE hazards SET state = $2, measures = 'm', responsible_unit = 'u',
		responsible_person = 'p', deadline = '2026-09-30' WHERE id = $1`, id, st)
	if err != nil {
		t.Fatal(err)
	}
}
