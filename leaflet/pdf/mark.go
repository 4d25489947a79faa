package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// tagging is what writing the pages leaves for the structure tree: which element holds each
// marked-content sequence of each page (the parent tree), and the link annotations.
type tagging struct {
	root    *Element
	parents [][]*Element // page → MCID → the element that holds it
	annots  []annot
}

// annot is a link annotation: where on which page, where to, and the Link element it belongs to.
type annot struct {
	page int
	rect [4]float64 // x0, y0, x1, y1 in PDF user space
	uri  string
	elem *Element
}

// marker writes the marked content of one page: each drawing operation inside the
// marked-content sequence of what it belongs to, an element (with an MCID) or an artifact.
// Paths and fills that follow one another and belong to the same thing share a sequence; each
// line of text has its own (see drawLine).
type marker struct {
	d       *Document
	f       *fpdf.Fpdf
	t       *tagging
	page    int
	open    bool
	current target
}

// raw writes an operation of raw content-stream operators.
func (m *marker) raw(o op) {
	if !m.open || m.current != o.tgt {
		m.close()
		m.begin(o.tgt, o.slot)
	}
	m.f.RawWriteStr(o.raw)
}

// begin opens the marked-content sequence of t, whose place in its element is s.
func (m *marker) begin(t target, s *slot) {
	if t.elem == nil {
		m.f.RawWriteStr("/Artifact " + string(t.artifact) + " BDC")
	} else {
		mcid := m.mcid(t.elem)
		s.items = append(s.items, item{page: m.page, mcid: mcid, annot: -1})
		m.f.RawWriteStr(fmt.Sprintf("/%s %s BDC", contentTag(t.elem), properties(mcid, "", "")))
	}
	m.open, m.current = true, t
}

// close ends the open sequence of paths and fills, if any.
func (m *marker) close() {
	if m.open {
		m.f.RawWriteStr("EMC")
		m.open = false
	}
}

// mcid returns the page's next MCID, held by e.
func (m *marker) mcid(e *Element) int {
	p := &m.t.parents[m.page]
	*p = append(*p, e)
	return len(*p) - 1
}

// contentTag is the tag of a marked-content sequence that belongs to e: its structure type.
func contentTag(e *Element) string {
	if e.Tag == "" {
		return "Span"
	}
	return e.Tag
}

// artifact draws what draw draws as an artifact of kind a.
func (m *marker) artifact(a Artifact, draw func()) {
	m.close()
	m.f.RawWriteStr("/Artifact " + string(a) + " BDC")
	draw()
	m.f.RawWriteStr("EMC")
}

// line draws a line of text inside marked content: its text layer (see textLayer) in the
// order it is read, as an artifact, or in sequences of their own, with an MCID and their span's
// language, held by the paragraph's element or the span's (a piece of the layer goes with the
// span that holds most of its text); then its glyphs, which stand for no text, as an artifact
// (inside an ActualText span of a tab, see silenced). The layer goes first: PDFium would
// otherwise take the glyphs' text objects, which it skips, for neighbours of the layer's pieces
// when it decides what is one line.
func (m *marker) line(o op, codes *codeBook) {
	m.close()
	var spans []Span
	if o.para != nil {
		spans = o.para.Spans
	}
	layer, spanAt := codes.layers[o.line], spanIndex(spans)
	m.f.RawWriteStr(m.d.fill(o.color))
	if o.tgt.elem == nil {
		m.artifact(o.tgt.artifact, func() {
			m.d.drawLayer(m.f, codes, o.line, layer, o.x, o.y)
			m.f.RawWriteStr(silenced)
			m.d.drawGlyphs(m.f, codes, o.line, o.x, o.y)
			m.f.RawWriteStr("EMC")
		})
		return
	}
	// Each piece of the layer is a sequence of its own: a reader of the structure then gets text
	// of one direction from each. A piece in logical order is cut where its span changes; another
	// goes with the span that holds most of its text.
	spanOf := func(p layerPiece) int {
		count := map[int]int{}
		for c := p.from; c < p.to; c++ {
			count[spanAt(c)]++
		}
		best, n := -1, 0
		for s, k := range count {
			if k > n || k == n && s < best {
				best, n = s, k
			}
		}
		return best
	}
	// Link annotations cover the glyphs of a span (see pieces).
	boxes := map[int]*typeset.Line{}
	for _, p := range pieces(o.line, spans) {
		if p.span >= 0 {
			boxes[p.span] = &p.line
		}
	}
	linked := map[int]bool{}
	for _, p := range layer {
		s := spanOf(p)
		e, lang := o.tgt.elem, ""
		if s >= 0 {
			e, lang = o.para.spanElement(s), spans[s].Lang
		}
		mcid := m.mcid(e)
		m.f.RawWriteStr("/Span " + properties(mcid, "", lang) + " BDC")
		m.d.drawLayer(m.f, codes, o.line, []layerPiece{p}, o.x, o.y)
		m.f.RawWriteStr("EMC")
		mc := item{page: m.page, mcid: mcid, annot: -1}
		if s < 0 {
			o.slot.items = append(o.slot.items, mc)
			continue
		}
		sl := e.kids[0].slot
		if len(sl.items) == 0 {
			o.slot.items = append(o.slot.items, item{elem: e})
		}
		sl.items = append(sl.items, mc)
		if uri := spans[s].URI; uri != "" && m.d.opts.Screen && boxes[s] != nil && !linked[s] {
			linked[s] = true
			m.t.annots = append(m.t.annots, annot{page: m.page, rect: m.d.box(o, boxes[s]), uri: uri, elem: e})
			sl.items = append(sl.items, item{page: m.page, annot: len(m.t.annots) - 1})
		}
	}
	m.artifact(Layout, func() {
		m.f.RawWriteStr(silenced)
		m.d.drawGlyphs(m.f, codes, o.line, o.x, o.y)
		m.f.RawWriteStr("EMC")
	})
}

// spanElement returns the element of span i of the paragraph: a Link for a link in the screen
// variant, else a Span, with the span's language. A span cut by a line break is one element.
func (p *Para) spanElement(i int) *Element {
	if p.elems == nil {
		p.elems = make([]*Element, len(p.Spans))
	}
	if p.elems[i] == nil {
		tag := "Span"
		if p.Spans[i].URI != "" && p.live {
			tag = "Link"
		}
		p.elems[i] = &Element{Tag: tag, Lang: p.Spans[i].Lang, kids: []kid{{slot: &slot{}}}}
	}
	return p.elems[i]
}

// box is the rectangle a piece of a line covers, in PDF user space: from its leftmost glyph to
// its rightmost, from the line's descent to its ascent.
func (d *Document) box(o op, l *typeset.Line) [4]float64 {
	x0, x1 := 1e9, -1e9
	for i, r := range l.Runs {
		for _, g := range r.Glyphs {
			x := o.x + l.X[i] + g.X
			x0, x1 = min(x0, x), max(x1, x+g.Advance)
		}
	}
	return [4]float64{d.pdfX(x0), d.pdfY(o.y + l.Descent), d.pdfX(x1), d.pdfY(o.y - l.Ascent)}
}
