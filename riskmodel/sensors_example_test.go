package riskmodel_test

import (
	"fmt"

	"gasrisk/riskmodel"
)

func ExampleSensorLimits_Level() {
	s := riskmodel.DefaultConfig().Sensors
	manhole, _ := s.LimitsOf(riskmodel.DetectorManhole)
	regulator, _ := s.LimitsOf(riskmodel.DetectorRegulator)
	fmt.Printf("%q %q %q\n", manhole.Level(3), manhole.Level(24), manhole.Level(61))
	fmt.Printf("%q %q\n", regulator.Level(2.1), regulator.Level(0.6))
	// Output:
	// "" "low" "high"
	// "" "under"
}
