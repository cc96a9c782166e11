package main

// beGasrisk, set to 1 in its environment, makes the test binary run as
// gasrisk (TestMain).
const beGasrisk = "GASRISK_TEST_AS_MAIN"
