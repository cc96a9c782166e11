package geo_test

import (
	"fmt"

	"gasrisk/geo"

	"github.com/paulmach/orb"
)

// A 120 m medium-pressure gas main (UTM metres) runs east; a sewer runs
// alongside it 1.0 m to the north for 40 m, then turns away. The sewer
// clearance of an MPA pipe is 1.2 m: the stretch of the main within 1.2 m
// of the sewer is where the clearance is insufficient. It reaches
// √(1.2² − 1.0²) ≈ 0.66 m past the sewer's parallel stretch at both ends.
func ExampleClearance() {
	main := orb.LineString{{500000, 4400000}, {500120, 4400000}}
	sewer := orb.LineString{{500030, 4400001}, {500070, 4400001}, {500070, 4400020}}
	length := geo.Length(main)
	for _, iv := range geo.Clearance(main, sewer, 1.2) {
		fmt.Printf("fractions %.3f–%.3f: from %.1f m to %.1f m along the main\n",
			iv.F0, iv.F1, iv.F0*length, iv.F1*length)
	}
	fmt.Printf("within 0.9 m: %d stretches\n", len(geo.Clearance(main, sewer, 0.9)))
	// Output:
	// fractions 0.244–0.589: from 29.3 m to 70.7 m along the main
	// within 0.9 m: 0 stretches
}

// A gas main runs 60 m east, then 40 m north. It crosses a storm culvert,
// and a sewer that crosses the east leg, bends and crosses the north leg:
// each crossing once, in order along the main, with the fraction of its
// length (as ST_LineLocatePoint gives it) and the point.
func ExampleCrossings() {
	main := orb.LineString{{500000, 4400000}, {500060, 4400000}, {500060, 4400040}}
	culvert := orb.LineString{{500015, 4399990}, {500015, 4400010}}
	sewer := orb.LineString{{500040, 4399995}, {500040, 4400005}, {500075, 4400030}}
	length := geo.Length(main)
	for _, c := range geo.Crossings(main, culvert, sewer) {
		fmt.Printf("at %.1f m (F %.4f): %.1f, %.1f\n", c.F*length, c.F, c.At[0], c.At[1])
	}
	// Output:
	// at 15.0 m (F 0.1500): 500015.0, 4400000.0
	// at 40.0 m (F 0.4000): 500040.0, 4400000.0
	// at 79.3 m (F 0.7929): 500060.0, 4400019.3
}
