package permit_test

import (
	"fmt"

	"gasrisk/permit"
)

func ExampleDecide() {
	// A dig 0.4 m from an LP pipe (protection range 0.5 m) and 12 m from
	// an SHP one (protection 1.5 m, control 15 m).
	lp := permit.Segment{PipeID: "P-1", PressureClass: "LP", DistanceM: 0.4, Zone: permit.ZoneOf(0.4, 0.5)}
	shp := permit.Segment{PipeID: "P-2", PressureClass: "SHPA", DistanceM: 12, Zone: permit.ZoneOf(12, 1.5)}
	fmt.Println(lp.Zone, shp.Zone)
	fmt.Println(permit.Decide("excavation", nil))
	fmt.Println(permit.Decide("blasting", []permit.Segment{shp}))
	// Inside the protection range: excavation needs a protection scheme
	// (《城镇燃气管理条例》第三十四条), blasting is prohibited (第三十三条).
	fmt.Println(permit.Decide("excavation", []permit.Segment{shp, lp}))
	fmt.Println(permit.Decide("blasting", []permit.Segment{shp, lp}))
	// Output:
	// protection control
	// clear
	// conditional
	// conditional
	// denied
}

func ExampleMeasures() {
	segs := []permit.Segment{
		{PipeID: "P-2", PressureClass: "HPB", Zone: permit.ZoneControl},
		{PipeID: "P-1", PressureClass: "LP", Zone: permit.ZoneProtection},
	}
	for _, m := range permit.Measures("piling", segs) {
		fmt.Println(m.Code, m.Pipes)
	}
	fmt.Println(permit.Measures("blasting", segs)[0].TextZH)
	fmt.Println(permit.Measures("excavation", nil)[0].Code)
	// Output:
	// protection_scheme [P-1]
	// safety_agreement [P-1 P-2]
	// supervision [P-1 P-2]
	// locate [P-1 P-2]
	// vibration [P-1 P-2]
	// high_pressure [P-2]
	// 燃气管道保护范围内禁止进行爆破作业（《城镇燃气管理条例》第三十三条第（二）项；保护范围见 GB 55009-2021 第5.1.6条）。应调整作业范围，避开保护范围；保护范围外作业须采取以下措施。
	// report_unknown
}
