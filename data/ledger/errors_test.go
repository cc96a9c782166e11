package ledger_test

import (
	"context"
	"testing"

	"gasrisk"
	"gasrisk/data/ledger"
)

// TestHazardsErrors checks that the ledger's errors name the operation
// that failed and that a database that cannot be reached is EUNAVAILABLE.
func TestHazardsErrors(t *testing.T) {
	s := env.Services(t)
	ctx := context.Background()
	if _, err := s.Ledger.Hazards(ctx, ledger.Filter{Sort: "colour"}); gasrisk.ErrorCode(err) != gasrisk.EINVALID ||
		gasrisk.ErrorOp(err) != "ledger.Hazards" || gasrisk.ErrorMessage(err) != "sort \"colour\": want id or grade" {
		t.Errorf("bad filter: %v (code %q, op %q)", err, gasrisk.ErrorCode(err), gasrisk.ErrorOp(err))
	}
	if _, err := s.Ledger.Hazards(ctx, ledger.Filter{}); err != nil {
		t.Fatal(err)
	}
	s.DB.Close()
	_, err := s.Ledger.Hazards(ctx, ledger.Filter{})
	if gasrisk.ErrorCode(err) != gasrisk.EUNAVAILABLE || gasrisk.ErrorOp(err) != "ledger.Hazards" ||
		gasrisk.ErrorMessage(err) != "the database is unavailable" {
		t.Errorf("closed pool: %v (code %q, op %q, message %q)", err, gasrisk.ErrorCode(err), gasrisk.ErrorOp(err),
			gasrisk.ErrorMessage(err))
	}
}
