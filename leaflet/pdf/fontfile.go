package pdf

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sort"
)

// puaBase is the first code point of the Private Use Area through which glyphs are drawn: fpdf
// draws characters, not glyphs, so each font is embedded with a cmap that maps the codes a
// document uses to their glyphs.
const (
	puaBase = 0xE000
	puaSize = 0x1900 // U+E000–U+F8FF
)

// embedded are the tables a PDF reader draws glyphs with, and fpdf reads: the layout tables
// (GSUB, GPOS…) are of no use once text is shaped, and would only make the file fpdf parses
// larger.
var embedded = map[string]bool{
	"head": true, "hhea": true, "maxp": true, "hmtx": true, "loca": true, "glyf": true,
	"cmap": true, "post": true, "name": true, "OS/2": true, "cvt ": true, "fpgm": true,
	"prep": true, "gasp": true,
}

// withCmap returns a copy of a TrueType file, with the tables a PDF needs, whose cmap maps
// U+E000+i to glyph gids[i], and nothing else: the codes through which a document draws the
// font's glyphs.
func withCmap(ttf []byte, gids []uint16) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("not a TrueType file")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, fmt.Errorf("truncated table directory")
	}
	glyphs := -1
	for i := range n {
		rec := ttf[12+16*i:]
		if off := binary.BigEndian.Uint32(rec[8:]); string(rec[:4]) == "maxp" && int(off)+6 <= len(ttf) {
			glyphs = int(binary.BigEndian.Uint16(ttf[off+4:]))
		}
	}
	if glyphs < 0 {
		return nil, fmt.Errorf("no maxp table")
	}
	for _, g := range gids {
		if int(g) >= glyphs {
			return nil, fmt.Errorf("glyph %d: the font has %d", g, glyphs)
		}
	}
	type table struct {
		tag  string
		data []byte
	}
	var tables []table
	for i := range n {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if int(off)+int(size) > len(ttf) {
			return nil, fmt.Errorf("table %q out of bounds", tag)
		}
		if !embedded[tag] {
			continue
		}
		data := ttf[off : off+size]
		if tag == "cmap" {
			data = puaCmap(gids)
		}
		tables = append(tables, table{tag, data})
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n = len(tables)
	out := make([]byte, 12+16*n)
	copy(out, ttf[:4])
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
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}

// puaCmap is a cmap table with one format 4 subtable (Windows, Unicode BMP) of two segments:
// U+E000…U+E000+n−1 through a glyph index array, and the closing segment.
func puaCmap(gids []uint16) []byte {
	n := len(gids)
	if n == 0 {
		gids, n = []uint16{0}, 1
	}
	const segs = 2
	sub := []uint16{
		4, uint16(16 + 8*segs + 2*n), 0, // format, length, language
		2 * segs, 4, 1, 0, // segCountX2, searchRange, entrySelector, rangeShift
		uint16(puaBase + n - 1), 0xFFFF, // endCode
		0,               // reservedPad
		puaBase, 0xFFFF, // startCode
		0, 1, // idDelta
		2 * segs, 0, // idRangeOffset: the first segment reads glyphIdArray
	}
	sub = append(sub, gids...)
	b := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12} // version, one subtable: (3,1) at 12
	for _, v := range sub {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	return b
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
