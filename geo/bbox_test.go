package geo_test

import (
	"testing"

	"gasrisk"
	"gasrisk/geo"
)

func TestParseBBox(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ogc  bool
		want *geo.BBox
	}{
		{"1,2,3,4", false, &geo.BBox{W: 1, S: 2, E: 3, N: 4}},
		{" 114.1, 30.2 ,114.5,30.6", false, &geo.BBox{W: 114.1, S: 30.2, E: 114.5, N: 30.6}},
		{"1,2,3", false, nil},
		{"1,2,3,4,5", false, nil},
		{"1,2,x,4", false, nil},
		{"3,2,1,4", false, nil},
		{"170,2,-170,4", true, &geo.BBox{W: 170, S: 2, E: -170, N: 4}},
		{"1,2,0,3,4,10", true, &geo.BBox{W: 1, S: 2, E: 3, N: 4}},
		{"1,2,0,3,4,10", false, nil},
		{"1,5,3,4", true, nil},
		{"-181,2,3,4", true, nil},
		{"1,-91,3,4", true, nil},
		{"NaN,1,2,3", true, nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := geo.ParseBBox(tc.in, tc.ogc)
			if tc.want == nil {
				if gasrisk.ErrorCode(err) != gasrisk.EINVALID {
					t.Fatalf("got %v, %v; want an invalid error", got, err)
				}
				return
			}
			if err != nil || got != *tc.want {
				t.Fatalf("got %v, %v; want %v", got, err, *tc.want)
			}
		})
	}
}
