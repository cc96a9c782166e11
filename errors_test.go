package gasrisk

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorCodeAndMessage(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		code    string
		message string
	}{
		{"nil", nil, "", ""},
		{"plain error is internal", errors.New("pq: disk full"), EINTERNAL, "internal error"},
		{"coded", Errorf(ENOTFOUND, "segment %d not found", 7), ENOTFOUND, "segment 7 not found"},
		{"wrapped", fmt.Errorf("loading: %w", Errorf(EINVALID, "bad bbox")), EINVALID, "bad bbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
			if got := ErrorMessage(tt.err); got != tt.message {
				t.Errorf("message %q, want %q", got, tt.message)
			}
		})
	}
}
