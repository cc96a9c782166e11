package alarm_test

import (
	"fmt"

	"gasrisk/alarm"
)

func ExampleCheck() {
	fmt.Println(alarm.Check(alarm.Raised, alarm.Acknowledged, "key:3:duty-desk", "seen on the console"))
	fmt.Println(alarm.Check(alarm.Raised, alarm.Dispatched, "key:3:duty-desk", "crew 2 sent"))
	fmt.Println(alarm.Allowed(alarm.Dispatched))
	// Output:
	// <nil>
	// an alarm in state raised cannot move to dispatched (allowed: acknowledged, resolved, false_alarm)
	// [resolved false_alarm]
}
