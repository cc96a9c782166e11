package network

// sets is a union–find over the ints 0..n-1 (path halving; a set's root
// is its smallest member), for joining pipe ends into junctions and nodes
// into isolation zones.
type sets []int32

// newSets is n singletons.
func newSets(n int) sets {
	s := make(sets, n)
	for i := range s {
		s[i] = int32(i)
	}
	return s
}

// find is the root of i's set.
func (s sets) find(i int32) int32 {
	for s[i] != i {
		s[i] = s[s[i]]
		i = s[i]
	}
	return i
}

// union joins the sets of a and b under the smaller root.
func (s sets) union(a, b int32) {
	if a, b = s.find(a), s.find(b); a != b {
		s[max(a, b)] = min(a, b)
	}
}
