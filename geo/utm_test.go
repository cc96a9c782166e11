package geo

import "testing"

func TestUTMSRID(t *testing.T) {
	tests := []struct {
		name     string
		lon, lat float64
		want     int
		wantErr  bool
	}{
		{"wuhan", 114.3, 30.6, 32650, false},
		{"amsterdam", 4.9, 52.37, 32631, false},
		{"sydney", 151.2, -33.87, 32756, false},
		{"antimeridian west edge", -180, 10, 32601, false},
		{"antimeridian east edge", 180, 10, 32660, false},
		{"zone boundary 6E is zone 32", 6, 45, 32632, false},
		{"just west of 6E is zone 31", 5.999, 45, 32631, false},
		{"pole", 0, 89, 0, true},
		{"out of range lon", 200, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := UTMSRID(tt.lon, tt.lat)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("UTMSRID(%g, %g) = %d, want %d", tt.lon, tt.lat, got, tt.want)
			}
		})
	}
}
