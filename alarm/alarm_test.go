package alarm

import (
	"testing"

	"gasrisk"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		from, to, actor, reason string
		code                    string // "" = allowed
	}{
		{Raised, Acknowledged, "key:1:ops", "seen on the console", ""},
		{Acknowledged, Dispatched, "key:1:ops", "crew 3 sent", ""},
		{Dispatched, Resolved, "key:1:ops", "valve tightened", ""},
		{Dispatched, FalseAlarm, "key:1:ops", "sensor fault", ""},
		{Raised, FalseAlarm, "key:1:ops", "calibration gas", ""},
		{Raised, Dispatched, "key:1:ops", "skip", gasrisk.ECONFLICT},
		{Resolved, Raised, "key:1:ops", "again", gasrisk.ECONFLICT},
		{FalseAlarm, Resolved, "key:1:ops", "changed mind", gasrisk.ECONFLICT},
		{Raised, "closed", "key:1:ops", "x", gasrisk.EINVALID},
		{Raised, Acknowledged, " ", "x", gasrisk.EINVALID},
		{Raised, Acknowledged, "key:1:ops", "", gasrisk.EINVALID},
	} {
		t.Run(tc.from+"→"+tc.to, func(t *testing.T) {
			err := Check(tc.from, tc.to, tc.actor, tc.reason)
			if got := gasrisk.ErrorCode(err); (err == nil) != (tc.code == "") || err != nil && got != tc.code {
				t.Errorf("Check = %v (code %q), want code %q", err, got, tc.code)
			}
		})
	}
}

func TestOpenAndAllowed(t *testing.T) {
	for _, s := range States() {
		if Open(s) != (len(Allowed(s)) > 0) {
			t.Errorf("state %s: open %v but allowed %v", s, Open(s), Allowed(s))
		}
		if n := StateName(s); n.ZH == n.EN {
			t.Errorf("state %s has no Chinese name", s)
		}
	}
}
