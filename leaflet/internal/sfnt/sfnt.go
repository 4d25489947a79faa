// Package sfnt reads and writes the container of TrueType and OpenType font files (an sfnt:
// OpenType 1.9, "Organization of an OpenType font"): a directory of tables, each named by a
// four-letter tag. Of what the tables hold it knows one thing: the glyph names of the post
// table, which a PDF does not need.
package sfnt

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sort"
)

// Table is one table of a font file.
type Table struct {
	Tag  string // "glyf", "OS/2"…
	Data []byte
}

// Tables returns the tables of a font file by tag, each a slice of data.
func Tables(data []byte) (map[string][]byte, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("no table directory")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, fmt.Errorf("truncated table directory")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, size := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(data)) {
			return nil, fmt.Errorf("table %q out of bounds", tag)
		}
		tables[tag] = data[off : off+size : off+size]
	}
	return tables, nil
}

// Build assembles a font file of version (the first four bytes of a file: 0x00010000 for
// TrueType outlines) from its tables, in the order of their tags, each at an offset that is a
// multiple of four. The head table's checksumAdjustment is left as the table has it.
func Build(version []byte, tables []Table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].Tag < tables[j].Tag })
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.Data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	copy(out, version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sr := 1
	for sr*2 <= n {
		sr *= 2
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(bits.Len(uint(sr))-1))
	binary.BigEndian.PutUint16(out[10:], uint16(16*(n-sr)))
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.Tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.Data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.Data)))
		out = append(out, t.Data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// checksum is a table's checksum: the sum of its 32-bit words, the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// PostWithoutNames is a post table of version 3, without glyph names: the header of post, which
// holds all of the table but the names.
func PostWithoutNames(post []byte) []byte {
	return append([]byte{0, 3, 0, 0}, post[4:32]...)
}
