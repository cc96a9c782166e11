package gasrisk_test

import (
	"errors"
	"fmt"

	"gasrisk"
)

// The data layer names its operation and classifies the driver's failure;
// the layers above add their operation. Users see the code and the message,
// the logs the whole chain.
func ExampleE() {
	cause := errors.New("dial tcp 127.0.0.1:5432: connect: connection refused") // from the driver
	err := gasrisk.E("ledger.Move", gasrisk.EUNAVAILABLE, cause)
	err = gasrisk.Wrap("web.moveHazard", err)

	fmt.Println(gasrisk.ErrorCode(err))
	fmt.Println(gasrisk.ErrorMessage(err))
	fmt.Println(gasrisk.ErrorOp(err))
	fmt.Println(err)
	fmt.Println(errors.Is(err, cause))
	// Output:
	// unavailable
	// service unavailable
	// web.moveHazard
	// web.moveHazard: ledger.Move: service unavailable: dial tcp 127.0.0.1:5432: connect: connection refused
	// true
}

// Wrapping an error that already has a code keeps its code and message.
func ExampleWrap() {
	err := gasrisk.Wrap("ledger.Move", gasrisk.Errorf(gasrisk.ENOTFOUND, "hazard %s not found", "YH-0007"))

	fmt.Println(gasrisk.ErrorCode(err))
	fmt.Println(gasrisk.ErrorMessage(err))
	fmt.Println(err)
	// Output:
	// not_found
	// hazard YH-0007 not found
	// ledger.Move: hazard YH-0007 not found
}
