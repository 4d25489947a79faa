package pdf

import (
	"encoding/binary"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/internal/sfnt"
)

// puaBase is the first code point of the Private Use Area through which glyphs are drawn: fpdf
// draws characters, not glyphs, so each font is embedded with a cmap that maps the codes a
// document uses to their glyphs.
const (
	puaBase = 0xE000
	puaSize = 0x1900 // U+E000–U+F8FF
)

// embedder makes the font file that fpdf is given for a font of which a document draws the
// glyphs gids, glyph gids[i] through code puaBase+i.
type embedder func(f *fontset.Font, gids []uint16) ([]byte, error)

// addFonts gives fpdf the fonts a document draws, each as embed makes it.
func addFonts(f *fpdf.Fpdf, codes *codeBook, embed embedder) error {
	for _, font := range codes.order {
		u := codes.fonts[font]
		data, err := embed(font, u.gids)
		if err != nil {
			return fmt.Errorf("pdf: font %s: %w", font.Name, err)
		}
		f.AddUTF8FontFromBytes(u.family, "", data)
	}
	return nil
}

// cutFont is the embedder of documents: the font cut down to the glyphs the document draws,
// the .notdef glyph and the glyphs that composite ones are made of, in the font's order, with
// a cmap that maps the codes to them and nothing else, and the font's own tables that a PDF
// reader draws glyphs with and fpdf reads (the layout tables, GSUB, GPOS…, are of no use once
// text is shaped).
//
// fpdf parses the file it is given, measures every glyph its cmap maps, and subsets the file
// again when it writes the document. Given the whole font, that is thousands of glyphs to read
// and copy for each document; given the cut font, only the document's. fpdf's subset, and so
// the PDF, come out the same byte for byte (TestCutFontChangesNoByte), because what fpdf reads
// is the same: each drawn glyph's outline and metrics, its components, the tables it copies.
// Glyph numbers change, but in the same order, and fpdf numbers its subset's glyphs anew.
func cutFont(f *fontset.Font, gids []uint16) ([]byte, error) {
	g, err := readGlyphs(f)
	if err != nil {
		return nil, err
	}
	keep, err := g.closure(gids)
	if err != nil {
		return nil, err
	}
	newID := make([]uint16, g.n) // the glyph's number in the cut font
	var kept []uint16            // the kept glyphs, in the font's order
	for gid, k := range keep {
		if k {
			newID[gid] = uint16(len(kept))
			kept = append(kept, uint16(gid))
		}
	}
	glyf, loca, hmtx, err := g.cut(kept, newID)
	if err != nil {
		return nil, err
	}
	codes := make([]uint16, len(gids))
	for i, gid := range gids {
		codes[i] = newID[gid]
	}
	tables := []sfnt.Table{
		{Tag: "cmap", Data: puaCmap(codes)},
		{Tag: "glyf", Data: glyf},
		{Tag: "head", Data: withUint16(f.Table("head"), 50, 1, 8, 0, 10, 0)}, // long loca offsets; checksumAdjustment 0
		{Tag: "hhea", Data: withUint16(f.Table("hhea"), 34, uint16(len(kept)))},
		{Tag: "hmtx", Data: hmtx},
		{Tag: "loca", Data: loca},
		{Tag: "maxp", Data: withUint16(f.Table("maxp"), 4, uint16(len(kept)))},
		{Tag: "post", Data: sfnt.PostWithoutNames(f.Table("post"))},
	}
	for _, tag := range []string{"OS/2", "cvt ", "fpgm", "gasp", "name", "prep"} {
		if data := f.Table(tag); data != nil {
			tables = append(tables, sfnt.Table{Tag: tag, Data: data})
		}
	}
	return sfnt.Build(f.Data[:4], tables), nil
}

// glyphs is what cutFont reads of a font: its outlines and horizontal metrics.
type glyphs struct {
	n       int    // glyphs in the font (maxp)
	glyf    []byte // outlines
	loca    []byte // where each outline starts in glyf
	long    bool   // loca holds 32-bit offsets, not 16-bit halves
	hmtx    []byte // advances and left side bearings
	metrics int    // glyphs with an advance of their own in hmtx; those after take the last one's
}

// readGlyphs finds a font's outlines and metrics, and checks that its tables hold them.
func readGlyphs(f *fontset.Font) (*glyphs, error) {
	head, hhea, maxp, post := f.Table("head"), f.Table("hhea"), f.Table("maxp"), f.Table("post")
	switch {
	case len(f.Data) < 4:
		return nil, fmt.Errorf("not a TrueType file")
	case len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || len(post) < 32:
		return nil, fmt.Errorf("no head, hhea, maxp or post table, or a short one")
	}
	g := &glyphs{
		n:       int(binary.BigEndian.Uint16(maxp[4:])),
		glyf:    f.Table("glyf"),
		loca:    f.Table("loca"),
		long:    binary.BigEndian.Uint16(head[50:]) != 0,
		hmtx:    f.Table("hmtx"),
		metrics: int(binary.BigEndian.Uint16(hhea[34:])),
	}
	size := 2
	if g.long {
		size = 4
	}
	switch {
	case g.n == 0 || len(g.loca) < size*(g.n+1):
		return nil, fmt.Errorf("no glyphs, or a loca table shorter than %d glyphs", g.n)
	case g.metrics == 0 || g.metrics > g.n || len(g.hmtx) < 4*g.metrics+2*(g.n-g.metrics):
		return nil, fmt.Errorf("an hmtx table shorter than %d glyphs", g.n)
	}
	return g, nil
}

// outline returns the outline of glyph gid: its bytes in glyf, as loca delimits them.
func (g *glyphs) outline(gid int) ([]byte, error) {
	var start, end int
	if g.long {
		start, end = int(binary.BigEndian.Uint32(g.loca[4*gid:])), int(binary.BigEndian.Uint32(g.loca[4*gid+4:]))
	} else {
		start, end = 2*int(binary.BigEndian.Uint16(g.loca[2*gid:])), 2*int(binary.BigEndian.Uint16(g.loca[2*gid+2:]))
	}
	if start > end || end > len(g.glyf) {
		return nil, fmt.Errorf("glyph %d: outline out of bounds", gid)
	}
	return g.glyf[start:end], nil
}

// appendMetric appends glyph gid's advance and left side bearing, as a full hmtx record.
func (g *glyphs) appendMetric(b []byte, gid int) []byte {
	if gid < g.metrics {
		return append(b, g.hmtx[4*gid:4*gid+4]...)
	}
	b = append(b, g.hmtx[4*(g.metrics-1):4*(g.metrics-1)+2]...)
	lsb := 4*g.metrics + 2*(gid-g.metrics)
	return append(b, g.hmtx[lsb:lsb+2]...)
}

// closure returns which glyphs a cut font keeps: .notdef, gids, and every glyph a kept
// composite glyph is made of.
func (g *glyphs) closure(gids []uint16) ([]bool, error) {
	keep := make([]bool, g.n)
	todo := append([]uint16{0}, gids...)
	for len(todo) > 0 {
		gid := int(todo[len(todo)-1])
		todo = todo[:len(todo)-1]
		if gid >= g.n {
			return nil, fmt.Errorf("glyph %d: the font has %d", gid, g.n)
		}
		if keep[gid] {
			continue
		}
		keep[gid] = true
		data, err := g.outline(gid)
		if err != nil {
			return nil, err
		}
		if err := components(data, func(at int) { todo = append(todo, binary.BigEndian.Uint16(data[at:])) }); err != nil {
			return nil, fmt.Errorf("glyph %d: %w", gid, err)
		}
	}
	return keep, nil
}

// cut returns the glyf, loca (32-bit offsets) and hmtx tables of the kept glyphs, each
// composite glyph's components renumbered.
func (g *glyphs) cut(kept, newID []uint16) (glyf, loca, hmtx []byte, err error) {
	size := 0
	outlines := make([][]byte, len(kept))
	for i, gid := range kept {
		if outlines[i], err = g.outline(int(gid)); err != nil {
			return nil, nil, nil, err
		}
		size += len(outlines[i])
	}
	glyf = make([]byte, 0, size)
	loca = make([]byte, 0, 4*(len(kept)+1))
	hmtx = make([]byte, 0, 4*len(kept))
	for i, gid := range kept {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, outlines[i]...)
		out := glyf[start:]
		if err := components(out, func(at int) {
			binary.BigEndian.PutUint16(out[at:], newID[binary.BigEndian.Uint16(out[at:])])
		}); err != nil {
			return nil, nil, nil, fmt.Errorf("glyph %d: %w", gid, err)
		}
		hmtx = g.appendMetric(hmtx, int(gid))
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	return glyf, loca, hmtx, nil
}

// Flags of a composite glyph's component (OpenType 1.9, glyf, "Composite glyph description").
const (
	argWords       = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// components calls at with the offset, in a glyph's outline, of each component's glyph number,
// when the glyph is a composite one (fewer than zero contours), as fpdf walks them.
func components(data []byte, at func(int)) error {
	if len(data) < 2 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil
	}
	for pos := 10; ; {
		if pos+4 > len(data) {
			return fmt.Errorf("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(data[pos:])
		at(pos + 2)
		pos += 6
		if flags&argWords != 0 {
			pos += 2
		}
		switch {
		case flags&haveScale != 0:
			pos += 2
		case flags&haveXYScale != 0:
			pos += 4
		case flags&haveTwoByTwo != 0:
			pos += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// withUint16 returns a copy of a table with 16-bit values put at offsets: pairs of offset and
// value.
func withUint16(data []byte, pairs ...uint16) []byte {
	out := append([]byte(nil), data...)
	for i := 0; i+1 < len(pairs); i += 2 {
		binary.BigEndian.PutUint16(out[pairs[i]:], pairs[i+1])
	}
	return out
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
	b := make([]byte, 0, 12+2*len(sub))
	b = append(b, 0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12) // version, one subtable: (3,1) at 12
	for _, v := range sub {
		b = binary.BigEndian.AppendUint16(b, v)
	}
	return b
}
