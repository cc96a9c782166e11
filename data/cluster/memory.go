package cluster

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Shared buffers are sized from the machine's memory at every start: a
// sixteenth of it (of the cgroup's limit when lower), between 128 MB and
// 2 GB. On the 24 GB benchmark machine that is 1.5 GB, which holds most
// of a 1,000,000-segment run's heap a permit check reads (512 MB held a
// quarter of it: six of a check's seven heap pages came from the OS
// cache, and the sustained rate's tail broke first; docs/benchmarks.md
// "Permit checks: no lock on the key"). An operator's ALTER SYSTEM SET
// shared_buffers is left to rule.
const (
	minSharedBuffersMB = 128
	maxSharedBuffersMB = 2048
	memoryShare        = 16
)

// sharedBuffersMB is the shared_buffers for a machine of total bytes of
// memory (0 when unknown: 512 MB, the earlier fixed value).
func sharedBuffersMB(total uint64) int {
	if total == 0 {
		return 512
	}
	mb := int(total / memoryShare >> 20)
	return min(max(mb, minSharedBuffersMB), maxSharedBuffersMB)
}

// memoryBytes is the memory this process may use: MemTotal from
// meminfo, or the cgroup v2 limit at cgroupMax when lower; 0 when
// neither can be read.
func memoryBytes(meminfo, cgroupMax string) uint64 {
	var total uint64
	if b, err := os.ReadFile(meminfo); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseUint(f[1], 10, 64); err == nil {
					total = kb << 10
				}
			}
		}
	}
	if b, err := os.ReadFile(cgroupMax); err == nil {
		if lim, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); err == nil && (total == 0 || lim < total) {
			total = lim
		}
	}
	return total
}

// sharedBuffers is the start option setting shared_buffers from this
// machine's memory, or "" when postgresql.auto.conf sets it (ALTER
// SYSTEM: the operator's choice).
func (c *Cluster) sharedBuffers() string {
	if b, err := os.ReadFile(filepath.Join(c.pgData(), "postgresql.auto.conf")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "shared_buffers") {
				return ""
			}
		}
	}
	mb := sharedBuffersMB(memoryBytes("/proc/meminfo", "/sys/fs/cgroup/memory.max"))
	return fmt.Sprintf(" -c shared_buffers=%dMB", mb)
}
