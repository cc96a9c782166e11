package hazard_test

import (
	"fmt"

	"gasrisk/hazard"
)

func ExampleState_CanMoveTo() {
	from := hazard.StateRectified
	for _, to := range hazard.States() {
		fmt.Printf("%s → %s: %v\n", from, to, from.CanMoveTo(to))
	}
	fmt.Println("closed → open:", hazard.StateClosed.CanMoveTo(hazard.StateOpen), hazard.StateOpen.Action())
	// Output:
	// rectified → open: true
	// rectified → planned: false
	// rectified → rectified: false
	// rectified → rechecked: true
	// rectified → closed: false
	// closed → open: true reopen
}

func ExampleDescribe() {
	h := hazard.Entry{
		Kind:     hazard.Occupied,
		Source:   "segment",
		PipeID:   "P-7",
		RefLayer: "buildings",
		RefID:    "B-12",
		Info:     hazard.Info{Use: "residential"},
		LengthM:  21,
	}
	fmt.Println(hazard.Describe(h, hazard.LangZH))
	fmt.Println(hazard.Describe(h, hazard.LangEN))

	aged := hazard.Entry{Kind: hazard.Aged, Source: "segment", PipeID: "P-1",
		Info: hazard.Info{Material: "cast_iron", InstallYear: 1988}, LengthM: 120}
	fmt.Println(hazard.Describe(aged, hazard.LangZH))
	fmt.Println(hazard.Describe(aged, hazard.LangEN))
	// Output:
	// 管道占压：管道 P-7，住宅 B-12，长度 21.0 m
	// occupied by a building: pipe P-7; residential building B-12; length 21.0 m
	// 管道老化：管道 P-1，灰口铸铁，1988年敷设
	// aged pipe: pipe P-1; cast iron, installed 1988
}
