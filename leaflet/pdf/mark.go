package pdf

import (
	"fmt"
	"slices"

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

// line draws a line of text (see drawLine) inside marked content: as an artifact, its pieces
// inside; or each of its pieces (see pieces) as a sequence of its own, with an MCID, its
// ActualText and its span's language, held by the paragraph's element or the span's. The
// pieces are drawn in visual order, and put into the structure in the order they are read.
func (m *marker) line(o op, codes *codeBook) {
	m.close()
	var spans []Span
	if o.para != nil {
		spans = o.para.Spans
	}
	ps := pieces(o.line, spans)
	m.f.RawWriteStr(m.d.fill(o.color))
	if o.tgt.elem == nil {
		m.artifact(o.tgt.artifact, func() {
			for _, p := range ps {
				m.f.RawWriteStr("/Span " + properties(-1, actualText(p.line), "") + " BDC")
				m.d.drawGlyphs(m.f, codes, &p.line, o.x, o.y)
				m.f.RawWriteStr("EMC")
			}
		})
		return
	}
	type placed struct {
		piece
		elem *Element
		mcid int
	}
	var done []placed
	for _, p := range ps {
		e, lang := o.tgt.elem, ""
		if p.span >= 0 {
			e, lang = o.para.spanElement(p.span), spans[p.span].Lang
		}
		mcid := m.mcid(e)
		m.f.RawWriteStr("/Span " + properties(mcid, actualText(p.line), lang) + " BDC")
		m.d.drawGlyphs(m.f, codes, &p.line, o.x, o.y)
		m.f.RawWriteStr("EMC")
		done = append(done, placed{p, e, mcid})
	}
	slices.SortStableFunc(done, func(a, b placed) int { return a.start - b.start })
	for _, p := range done {
		mc := item{page: m.page, mcid: p.mcid, annot: -1}
		if p.span < 0 {
			o.slot.items = append(o.slot.items, mc)
			continue
		}
		s := p.elem.kids[0].slot
		if len(s.items) == 0 {
			o.slot.items = append(o.slot.items, item{elem: p.elem})
		}
		s.items = append(s.items, mc)
		if uri := spans[p.span].URI; uri != "" && m.d.opts.Screen {
			m.t.annots = append(m.t.annots, annot{page: m.page, rect: m.d.box(o, &p.line), uri: uri, elem: p.elem})
			s.items = append(s.items, item{page: m.page, annot: len(m.t.annots) - 1})
		}
	}
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
