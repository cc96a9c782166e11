package cluster

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSharedBuffersMB(t *testing.T) {
	for _, tc := range []struct {
		name  string
		total uint64
		want  int
	}{
		{"unknown", 0, 512},
		{"1 GB: the floor", 1 << 30, 128},
		{"8 GB", 8 << 30, 512},
		{"24 GB, the benchmark machine", 24 << 30, 1536},
		{"256 GB: the ceiling", 256 << 30, 2048},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sharedBuffersMB(tc.total); got != tc.want {
				t.Errorf("sharedBuffersMB(%d) = %d, want %d", tc.total, got, tc.want)
			}
		})
	}
}

func TestMemoryBytes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	meminfo := write("meminfo", "MemTotal:       24576000 kB\nMemFree:        10000000 kB\n")
	for _, tc := range []struct {
		name, meminfo, cgroup string
		want                  uint64
	}{
		{"meminfo, no cgroup limit", meminfo, write("max", "max\n"), 24576000 << 10},
		{"a lower cgroup limit", meminfo, write("lim", "4294967296\n"), 4 << 30},
		{"a higher cgroup limit", meminfo, write("hi", "1099511627776\n"), 24576000 << 10},
		{"no cgroup file", meminfo, filepath.Join(dir, "none"), 24576000 << 10},
		{"nothing readable", filepath.Join(dir, "none"), filepath.Join(dir, "none"), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := memoryBytes(tc.meminfo, tc.cgroup); got != tc.want {
				t.Errorf("memoryBytes = %d, want %d", got, tc.want)
			}
		})
	}
}
