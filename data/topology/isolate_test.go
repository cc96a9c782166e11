package topology_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gasrisk"
	"gasrisk/data/topology"
)

func valveIDs(vs []topology.ValveAt) string {
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	return strings.Join(ids, ",")
}

func customerIDs(cs []topology.Customer) string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}

func featureIDs(fs []topology.Feature) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	return strings.Join(ids, ",")
}

// TestIsolate traces isolations on the hand-built network (fixture_test.go)
// against PostGIS.
func TestIsolate(t *testing.T) {
	ctx := context.Background()
	s, topo := testNetwork().load(t)
	tests := []struct {
		name                                string
		dx, dy                              float64
		valves, passed, isolated, customers string
		places, sources                     string
		meters                              int
	}{
		// The loop is fed from R1 and R2: a leak between V1 and V2 needs
		// both closed, and only that stretch loses gas (the rest is fed
		// round the loop).
		{name: "loop fed from two sides needs valves on both sides", dx: 150, dy: 1,
			valves: "V1,V2", isolated: "P-b", customers: "C1", meters: 10, places: "Q1", sources: "R1,R2"},
		// The dead-end branch: one valve, and everything beyond it (the LP
		// pipe too) loses gas. The far side of V7 is as near to R1 as to
		// R2: the nearest source found is either.
		{name: "dead-end branch needs one valve", dx: 201, dy: -100,
			valves: "V7", isolated: "P-f,P-h", customers: "C3,C4", meters: 10, sources: "R1|R2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iso, err := topo.Isolate(ctx, topology.Start{Point: lonLat(t, s, tt.dx, tt.dy)})
			if err != nil {
				t.Fatal(err)
			}
			got := []string{valveIDs(iso.Valves), valveIDs(iso.Passed), strings.Join(iso.Isolated, ","), customerIDs(iso.Customers),
				featureIDs(iso.Places), featureIDs(iso.Sources)}
			want := []string{tt.valves, tt.passed, tt.isolated, tt.customers, tt.places, tt.sources}
			if either := strings.Split(tt.sources, "|"); len(either) > 1 && slices.Contains(either, got[5]) {
				want[5] = got[5]
			}
			if !slices.Equal(got, want) || iso.Meters != tt.meters {
				t.Errorf("valves, passed, isolated, customers, places, sources =\n %q, meters %d\nwant\n %q, meters %d",
					got, iso.Meters, want, tt.meters)
			}
			if string(iso.IsolatedGeometry) == "null" || !strings.Contains(string(iso.IsolatedGeometry), "MultiLineString") {
				t.Errorf("isolated geometry %s", iso.IsolatedGeometry)
			}
		})
	}

	t.Run("an inoperable valve extends the isolation to the next one", func(t *testing.T) {
		n := testNetwork()
		n["valves"][1] = valve("V2", 190, 0, false)
		s, topo := n.load(t)
		iso, err := topo.Isolate(ctx, topology.Start{Point: lonLat(t, s, 150, 1)})
		if err != nil {
			t.Fatal(err)
		}
		// Past V2 the trace reaches the junction at 200: V3 on P-c and V7
		// on the branch bound it now.
		if got := valveIDs(iso.Valves); got != "V1,V3,V7" {
			t.Errorf("valves %q, want V1,V3,V7", got)
		}
		if got := valveIDs(iso.Passed); got != "V2" {
			t.Errorf("passed %q, want V2", got)
		}
		// The branch beyond V7 had no other feed: it loses gas too.
		if got := customerIDs(iso.Customers); got != "C1,C3,C4" {
			t.Errorf("customers %q, want C1,C3,C4", got)
		}
	})

	t.Run("bad starts", func(t *testing.T) {
		far := lonLat(t, s, 5000, 5000)
		missing := int64(999999)
		for _, tt := range []struct {
			name  string
			start topology.Start
			code  string
			msg   string
		}{
			{"nothing", topology.Start{}, gasrisk.EINVALID, "exactly one"},
			{"two at once", topology.Start{Point: far, HazardID: &missing}, gasrisk.EINVALID, "exactly one"},
			{"point far from any pipe", topology.Start{Point: far}, gasrisk.EUNPROCESSABLE, "no in-service gas pipe within 50 m"},
			{"point out of range", topology.Start{Point: &[]float64{200, 10}}, gasrisk.EINVALID, "[lon, lat]"},
			{"point of one number", topology.Start{Point: &[]float64{114}}, gasrisk.EINVALID, "[lon, lat]"},
			{"unknown segment", topology.Start{SegmentID: &missing}, gasrisk.ENOTFOUND, "segment_id 999999"},
			{"unknown hazard", topology.Start{HazardID: &missing}, gasrisk.ENOTFOUND, "hazard_id 999999"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, err := topo.Isolate(ctx, tt.start)
				if gasrisk.ErrorCode(err) != tt.code || !strings.Contains(gasrisk.ErrorMessage(err), tt.msg) {
					t.Errorf("err = %v (%s), want %s naming %q", err, gasrisk.ErrorCode(err), tt.code, tt.msg)
				}
			})
		}
	})
}

// TestCheck finds what the hand-built network holds for a GIS team: the
// LP pipe joined to MPB without a regulator, its dangling far end, the
// island and the valve off the pipes.
func TestCheck(t *testing.T) {
	_, topo := testNetwork().load(t)
	r, err := topo.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.ClassChanges) != 1 || strings.Join(r.ClassChanges[0].Classes, ",") != "LP,MPB" ||
		strings.Join(r.ClassChanges[0].PipeIDs, ",") != "P-f,P-h" {
		t.Errorf("class changes %+v, want LP/MPB at P-f/P-h", r.ClassChanges)
	}
	var dangles []string
	for _, d := range r.Dangles {
		dangles = append(dangles, d.PipeIDs[0])
	}
	slices.Sort(dangles)
	if got := strings.Join(dangles, ","); got != "P-h,P-i,P-i" {
		t.Errorf("dangles %s, want P-h (its far end) and both ends of P-i", got)
	}
	if len(r.Islands) != 1 || r.Islands[0].Pipes != 1 || r.Islands[0].PipeIDs[0] != "P-i" || r.Islands[0].LengthM < 99 || r.Islands[0].LengthM > 101 {
		t.Errorf("islands %+v, want P-i of 100 m", r.Islands)
	}
	if len(r.ValvesOff) != 1 || r.ValvesOff[0].ValveID != "V9" {
		t.Errorf("valves off the pipes %+v, want V9", r.ValvesOff)
	}
	if r.Pipes != 8 || r.Valves != 8 || r.Stations != 2 || r.Customers != 4 || r.CustomersOff != 0 {
		t.Errorf("counts %+v", r)
	}
	for _, d := range r.Dangles {
		if d.Lon < 113 || d.Lon > 115 || d.Lat < 30 || d.Lat > 31 {
			t.Errorf("dangle at %g, %g: not lon/lat near 114E 30.6N", d.Lon, d.Lat)
		}
	}
}

// TestIsolateEmpty: before any import a point is refused, not a failure.
func TestIsolateEmpty(t *testing.T) {
	topo := topology.New(env.DB(t))
	_, err := topo.Isolate(context.Background(), topology.Start{Point: &[]float64{114.3, 30.6}})
	if gasrisk.ErrorCode(err) != gasrisk.EUNPROCESSABLE || !strings.Contains(gasrisk.ErrorMessage(err), "no gas network") {
		t.Errorf("err = %v, want unprocessable: no gas network", err)
	}
	r, err := topo.Check(context.Background())
	if err != nil || r.Pipes != 0 || len(r.Dangles) != 0 {
		t.Errorf("check of an empty network: %+v %v", r, err)
	}
}
