package access_test

import (
	"os"
	"testing"

	"gasrisk/data/datatest"
)

var env *datatest.Env

func TestMain(m *testing.M) { os.Exit(datatest.Main(m, &env)) }
