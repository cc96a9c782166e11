package portfile_test

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"gasrisk/data/portfile"
)

func TestChoose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "port")
	if got := portfile.Stored(path); got != 0 {
		t.Fatalf("Stored of a missing file = %d, want 0", got)
	}
	first, err := portfile.Choose(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if portfile.Stored(path) != first {
		t.Fatalf("port %d not stored (stored %d)", first, portfile.Stored(path))
	}
	t.Run("reused while free", func(t *testing.T) {
		again, err := portfile.Choose(path, func(int) { t.Error("a free port called taken") })
		if err != nil || again != first {
			t.Fatalf("Choose = %d, %v; want the stored %d", again, err, first)
		}
	})
	t.Run("replaced when taken", func(t *testing.T) {
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(first)))
		if err != nil {
			t.Skipf("cannot hold port %d: %v", first, err)
		}
		defer l.Close()
		if portfile.Free(first) {
			t.Errorf("Free(%d) while it is held", first)
		}
		var heard int
		next, err := portfile.Choose(path, func(p int) { heard = p })
		if err != nil || next == first || heard != first {
			t.Fatalf("Choose = %d, %v (heard %d); want a new port and %d heard", next, err, heard, first)
		}
		if portfile.Stored(path) != next {
			t.Errorf("new port %d not stored", next)
		}
	})
	t.Run("garbage is no port", func(t *testing.T) {
		for _, s := range []string{"", "x", "0", "70000", "-1"} {
			if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := portfile.Stored(path); got != 0 {
				t.Errorf("Stored(%q) = %d, want 0", s, got)
			}
		}
	})
}
