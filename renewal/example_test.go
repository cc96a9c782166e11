package renewal_test

import (
	"fmt"

	"gasrisk/renewal"
	"gasrisk/riskmodel"
)

// Build plans two touching grey cast iron pipes (one job, mandatory) and
// a corroded steel pipe over two years of 500,000 yuan.
func ExampleBuild() {
	pipe := func(id, material, category string, cluster int64) renewal.Candidate {
		return renewal.Candidate{PipeID: id, Category: category, LengthM: 100, DiameterMM: 160, Material: material,
			InstallYear: 1980, PressureClass: riskmodel.ClassLP, District: "D1", Surface: riskmodel.SurfaceRoad, Risk: 50, Cluster: cluster}
	}
	cands := []renewal.Candidate{
		pipe("a", riskmodel.MaterialCastIron, riskmodel.RenewalGreyCastIron, 1),
		pipe("b", riskmodel.MaterialCastIron, riskmodel.RenewalGreyCastIron, 1),
		pipe("c", riskmodel.MaterialSteel, riskmodel.RenewalAgedCondition, 2),
	}
	p, err := renewal.Build(cands, riskmodel.DefaultConfig(), renewal.Options{FirstYear: 2027, LastYear: 2028, BudgetYuan: 500000})
	if err != nil {
		panic(err)
	}
	for _, j := range p.Jobs {
		fmt.Printf("%d %v %.0f m %.0f yuan %s mandatory=%v\n", j.Year, j.PipeIDs, j.LengthM, j.CostYuan, j.Category, j.Mandatory)
	}
	for _, y := range p.Years {
		fmt.Printf("%d: %.0f of %.0f yuan\n", y.Year, y.CostYuan, y.BudgetYuan)
	}
	// Output:
	// 2027 [a b] 200 m 488000 yuan grey_cast_iron mandatory=true
	// 2028 [c] 100 m 344000 yuan aged_condition mandatory=false
	// 2027: 488000 of 500000 yuan
	// 2028: 344000 of 500000 yuan
}
