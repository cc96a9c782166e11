package printmap

import (
	"encoding/binary"
	"errors"
)

// standalone copies font index of a TrueType collection (or a single
// font) into a standalone font whose tables start on 4-byte boundaries.
// golang.org/x/image/font/sfnt refuses unaligned tables, and Debian's
// wqy-microhei.ttc has them.
func standalone(b []byte, index int) ([]byte, error) {
	bad := errors.New("font: malformed table directory")
	u32 := func(at int) (int, bool) {
		if at < 0 || at+4 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(b[at:])), true
	}
	off := 0
	if len(b) >= 12 && string(b[:4]) == "ttcf" {
		n, _ := u32(8)
		if index >= n {
			return nil, bad
		}
		var ok bool
		if off, ok = u32(12 + 4*index); !ok {
			return nil, bad
		}
	}
	if off+12 > len(b) {
		return nil, bad
	}
	tables := int(binary.BigEndian.Uint16(b[off+4:]))
	dir := off + 12
	if dir+16*tables > len(b) {
		return nil, bad
	}
	out := make([]byte, 12+16*tables, len(b))
	copy(out, b[off:off+12])
	for i := 0; i < tables; i++ {
		e := dir + 16*i
		o, ok1 := u32(e + 8)
		n, ok2 := u32(e + 12)
		if !ok1 || !ok2 || o+n > len(b) || o+n < o {
			return nil, bad
		}
		copy(out[12+16*i:], b[e:e+8]) // tag and checksum
		binary.BigEndian.PutUint32(out[12+16*i+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[12+16*i+12:], uint32(n))
		out = append(out, b[o:o+n]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
