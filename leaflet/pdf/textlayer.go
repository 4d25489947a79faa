package pdf

import (
	"math"
	"slices"
	"unicode"

	"github.com/ecpat/makeitsafe/leaflet/typeset"
	"golang.org/x/text/unicode/bidi"
)

// layerPiece is part of a line's text layer: text of one direction, drawn with one text-showing call.
type layerPiece struct {
	glyphs  []glyph
	x0, x1  float64 // the extent of the glyphs it stands for, from the line's frame's left edge
	against bool    // set against the paragraph's direction: drawn lower (againstDrop)
	mark    bool    // a single RLM glyph, drawn narrow, ending at x1
	flip    bool    // drawn at a size a hundredth of a point larger than the pieces next to it
	from    int     // the index in the paragraph of the first rune it stands for
	to      int     // and of the rune after its last (from == to: a mark)
	logical bool    // its glyphs are in logical order: it can be cut between them
}

// glyph is a blank glyph of the text layer and the text it stands for.
type glyph struct {
	text []rune
	at   int // the index in the paragraph of the rune it stands for; −1 for a mark put in
	// zero: drawn with a blank glyph of no width: a combining mark of Latin, Greek, Cyrillic,
	// Hebrew or Arabic letters (MuPDF puts a space after one that takes room); in left-to-right
	// text a mark of direction or another format character too (pdf.js skips such glyphs without
	// moving on, and makes a space of a gap of a tenth of an em). PDFium's text of a rectangle
	// leaves out glyphs of no width (its whole text and its selections keep them).
	zero bool
}

// textLayer cuts a line (or a piece of one that a span cuts: see pieces) into the pieces of its
// text layer.
//
// The text a PDF reader gets back is not the drawn glyphs' (their order and places are
// HarfBuzz's, not the text's) but that of a text layer drawn over each line: blank glyphs, one
// per character, each standing for its character through ToUnicode, spread over the width of the
// glyphs they stand for. Nothing of it shows. Readers put text back into logical order each with
// their own rules, and the layer is laid out so that poppler (Evince, Okular), PDFium (Chrome,
// Edge), pdf.js (Firefox) and MuPDF all give back the exact text (measured with
// ../shared/tools/extractcheck; what each reader does is in extraction.md).
//
// In a right-to-left paragraph:
//
//   - the layer is cut by words into pieces of one direction each, given in logical order; a line
//     whose words all run right to left is one piece. pdf.js and MuPDF keep the order in which
//     pieces are drawn; poppler and PDFium order them by position.
//   - each piece is laid out from left to right, in visual order: all four readers reverse
//     right-to-left text laid out from left to right.
//   - spaces are no glyphs of their own but part of the glyph before them (pdf.js loses a space at
//     the end of a piece, and makes spaces of gaps); the space after a right-to-left piece is its
//     first glyph, after an RLM (MuPDF takes a glyph's direction from its first character).
//   - a left-to-right piece is drawn lower (againstDrop): PDFium then reads it as a line of its
//     own, in its own direction; the others keep it on the line.
//   - poppler reads digits and most punctuation as left to right, taking the spaces and
//     punctuation on their left with them: an RLM glyph before each run of them inside a
//     right-to-left piece, and before each left-to-right piece (a piece of its own, drawn on the
//     line), and an LRM glyph ending that piece, keep them in place. An RLM between a punctuation
//     mark and a combining mark before it keeps PDFium from putting the mark after it. pdf.js
//     skips glyphs that stand only for a mark.
//
// In a left-to-right paragraph that holds right-to-left letters the layer is the text in logical
// order, each stretch of right-to-left letters reversed and fenced by LRMs (as poppler and PDFium
// read it back: see ltrLayer), laid out over the line; each stretch and each run of text between
// stretches is a piece, drawn a hundredth of a point larger or smaller than the one before, which
// makes pdf.js reverse each stretch alone; MuPDF reverses each stretch between its fences.
//
// Combining marks are glyphs of their own and of no width: MuPDF puts a space after a glyph
// with a width that stands for a combining mark.
func textLayer(l typeset.Line) []layerPiece {
	ps := layer(l)
	for i := range ps {
		ps[i] = padded(ps[i], l.RTL)
	}
	return ps
}

// padded returns a piece that PDFium does not skip. PDFium measures a text object from its first
// glyph's origin to its last one's, and skips one that measures nothing: a piece of one glyph
// that takes room gets a mark of direction after it.
func padded(p layerPiece, rtl bool) layerPiece {
	if p.mark {
		return p
	}
	wide := 0
	for _, g := range p.glyphs {
		if !g.zero {
			wide++
		}
	}
	if wide == 1 {
		g := glyph{text: []rune{lrm}, zero: !rtl, at: -1}
		if rtl && !p.against {
			g.text = []rune{rlm}
		}
		p.glyphs = append(slices.Clone(p.glyphs), g)
	}
	return p
}

// spanLayer is the text layer of a line of a paragraph with spans, each piece in logical order
// cut where its span changes (see cut), and the span of each rune of the paragraph (see
// spanIndex).
func spanLayer(l *typeset.Line, spans []Span) (ps []layerPiece, spanAt func(int) int) {
	spanAt = spanIndex(spans)
	for _, p := range textLayer(*l) {
		ps = append(ps, cut(p, l.RTL, spanAt)...)
	}
	return ps, spanAt
}

// spanIndex returns a function that gives the span of a rune of a paragraph (−1 for none).
func spanIndex(spans []Span) func(int) int {
	return func(c int) int {
		for i, sp := range spans {
			if c >= sp.Start && c < sp.End {
				return i
			}
		}
		return -1
	}
}

// cut cuts a piece whose glyphs are in logical order where the span its text belongs to changes
// (span gives the span of a rune of the paragraph), into pieces over the same width.
func cut(p layerPiece, rtl bool, span func(int) int) []layerPiece {
	if !p.logical {
		return []layerPiece{p}
	}
	wide := 0
	for _, g := range p.glyphs {
		if !g.zero {
			wide++
		}
	}
	var out []layerPiece
	cur, s, k := p, -2, 0
	cur.glyphs = nil
	for _, g := range p.glyphs {
		gs := s
		if g.at >= 0 {
			gs = span(g.at)
		}
		if s != -2 && gs != s && len(cur.glyphs) > 0 {
			out = append(out, cur)
			cur = p
			cur.glyphs = nil
			cur.x0 = p.x0 + (p.x1-p.x0)*float64(k)/float64(max(wide, 1))
		}
		s = gs
		cur.glyphs = append(cur.glyphs, g)
		if !g.zero {
			k++
		}
		cur.x1 = p.x0 + (p.x1-p.x0)*float64(k)/float64(max(wide, 1))
	}
	out = append(out, cur)
	if len(out) == 1 {
		return []layerPiece{p}
	}
	for i := range out {
		out[i].from, out[i].to = -1, -1
		for _, g := range out[i].glyphs {
			if g.at >= 0 {
				if out[i].from < 0 {
					out[i].from = g.at
				}
				out[i].from, out[i].to = min(out[i].from, g.at), max(out[i].to, g.at+1)
			}
		}
		if out[i].from < 0 {
			out[i].from, out[i].to = p.from, p.from
		}
		out[i] = padded(out[i], rtl)
	}
	return out
}

func layer(l typeset.Line) []layerPiece {
	if len(l.Runs) == 0 {
		return nil
	}
	ps := layerOf(l)
	start := l.Runs[0].Start
	for _, r := range l.Runs {
		start = min(start, r.Start)
	}
	for i := range ps {
		ps[i].from += start
		ps[i].to += start
		for k := range ps[i].glyphs {
			if ps[i].glyphs[k].at >= 0 {
				ps[i].glyphs[k].at += start
			}
		}
	}
	return ps
}

func layerOf(l typeset.Line) []layerPiece {
	// The line's text in logical order, each rune's level and the extent of its glyphs.
	runs := slices.Clone(l.Runs)
	x := map[int]float64{}
	for i, r := range l.Runs {
		x[r.Start] = l.X[i]
	}
	slices.SortFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	start := runs[0].Start
	var text []rune
	var levels []typeset.Level
	for _, r := range runs {
		text = append(text, r.Text...)
		for range r.Text {
			levels = append(levels, r.Level)
		}
	}
	lo, hi := make([]float64, len(text)), make([]float64, len(text))
	for i := range text {
		lo[i], hi[i] = math.Inf(1), math.Inf(-1)
	}
	for _, r := range runs {
		for _, g := range r.Glyphs {
			if k := g.Cluster - start; k >= 0 && k < len(text) {
				lo[k] = min(lo[k], x[r.Start]+g.X)
				hi[k] = max(hi[k], x[r.Start]+g.X+max(g.Advance, 0))
			}
		}
	}
	extent := func(a, b int) (float64, float64) {
		x0, x1 := math.Inf(1), math.Inf(-1)
		for k := a; k < b; k++ {
			x0, x1 = min(x0, lo[k]), max(x1, hi[k])
		}
		if math.IsInf(x0, 0) { // no glyph: the line's own extent
			return l.X[0], l.X[0] + l.Width
		}
		return x0, x1
	}
	if !l.RTL {
		return ltrLayer(text, levels, extent)
	}

	// Words and their directions: right to left if they hold right-to-left letters, left to
	// right if they hold other letters or digits (Arabic-Indic ones too); the others run with the
	// word before them.
	type word struct {
		a, b int
		rtl  bool
	}
	var words []word
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			i++
			continue
		}
		j, dir := i, -1
		for ; j < len(text) && text[j] != ' '; j++ {
			switch {
			case rtlLetter(text[j]):
				dir = 1
			case (ltrLetter(text[j]) || class(text[j]) == bidi.AN) && dir < 0:
				dir = 0
			}
		}
		rtl := dir == 1 || dir < 0 && (len(words) == 0 || words[len(words)-1].rtl)
		words = append(words, word{i, j, rtl})
		i = j
	}
	mixed := false
	for _, w := range words {
		mixed = mixed || !w.rtl
	}
	if !mixed {
		x0, x1 := extent(0, len(text))
		v, idx := visual(text, levels, true, 0)
		return []layerPiece{{glyphs: glyphTexts(v, idx, true), x0: x0, x1: x1, to: len(text)}}
	}
	var out []layerPiece
	for k := 0; k < len(words); {
		m := k + 1
		for m < len(words) && words[m].rtl == words[k].rtl {
			m++
		}
		a, b := words[k].a, words[m-1].b
		if k == 0 {
			a = 0 // with the spaces before it
		}
		if m < len(words) {
			b = words[m].a // with the spaces after it
		} else {
			b = len(text)
		}
		rtl := words[k].rtl
		p := layerPiece{against: !rtl, from: a, to: b}
		p.x0, p.x1 = extent(words[k].a, words[m-1].b)
		v, idx := visual(text[a:b], levels[a:b], rtl, a)
		p.glyphs, p.logical = glyphTexts(v, idx, rtl), !rtl
		if !rtl {
			fenceArabicDigits(p.glyphs)
			p.glyphs = append(p.glyphs, glyph{text: []rune{lrm}, at: -1})
			out = append(out, p, layerPiece{glyphs: []glyph{{text: []rune{rlm}, at: -1}}, x0: p.x0, x1: p.x0, mark: true, from: b, to: b})
		} else {
			out = append(out, p)
		}
		k = m
	}
	return out
}

// fenceArabicDigits puts three LRMs before each Arabic-Indic digit (or separator) of a
// left-to-right piece of a right-to-left paragraph. pdf.js counts those digits as right-to-left
// characters, and reads an item as left to right only when fewer than 30 % of its characters
// are; MuPDF reads a glyph whose text begins with an LRM as left to right, and would reverse the
// digits otherwise. poppler and PDFium read the piece right either way.
func fenceArabicDigits(gs []glyph) {
	for i, g := range gs {
		if len(g.text) > 0 && class(g.text[0]) == bidi.AN {
			gs[i].text = append([]rune{lrm, lrm, lrm}, g.text...)
		}
	}
}

// Marks of direction: invisible, and dropped by readers' search and by text comparison.
const (
	lrm = '\u200e'
	rlm = '\u200f'
)

// visual lays a piece of a right-to-left paragraph out from left to right. Left-to-right text
// stays as it is; in right-to-left text the levels are applied (rule L2 of UAX #9), spaces and
// punctuation running with it, digits left to right, an RLM is put before each run of other
// characters than right-to-left letters and combining marks, and between a punctuation mark and
// a combining mark on its right.
func visual(text []rune, levels []typeset.Level, rtl bool, offset int) ([]rune, []int) {
	if !rtl {
		return slices.Clone(text), indices(offset, len(text))
	}
	lv := slices.Clone(levels)
	for k, c := range text {
		if lv[k]%2 == 0 && !ltrLetter(c) && class(c) != bidi.AN {
			lv[k]++
		}
	}
	var out []rune
	var idx []int
	prev := ' '
	for _, k := range typeset.VisualOrder(lv) {
		c := text[k]
		switch {
		case unicode.Is(unicode.Mn, c):
			if prev != ' ' && !rtlLetter(prev) && !unicode.Is(unicode.Mn, prev) {
				out, idx = append(out, rlm), append(idx, -1)
			}
		case c != ' ' && !rtlLetter(c) && (rtlLetter(prev) || prev == ' ' || unicode.Is(unicode.Mn, prev)):
			out, idx = append(out, rlm), append(idx, -1)
		}
		out, idx = append(out, c), append(idx, offset+k)
		prev = c
	}
	return out, idx
}

// indices are n indices from offset on.
func indices(offset, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = offset + i
	}
	return out
}

// glyphTexts cuts text laid out from left to right into what each blank glyph stands for: a
// character, with the spaces after it. Spaces at the start are a glyph of their own (after an
// RLM in right-to-left text, after an LRM in left-to-right text), as are marks of direction and
// combining marks. In right-to-left text a first glyph that is not a right-to-left letter starts
// with an RLM.
func glyphTexts(v []rune, idx []int, rtl bool) []glyph {
	var out []glyph
	last := -1 // the last glyph but a mark of direction: it takes the spaces after it
	for i, c := range v {
		switch {
		case c == ' ' && last >= 0:
			out[last].text = append(out[last].text, c)
		case c == ' ' && (i == 0 || v[i-1] != ' '):
			lead := lrm
			if rtl {
				lead = rlm
			}
			out = append(out, glyph{text: []rune{lead, c}, at: idx[i]})
			last = len(out) - 1
		case c == ' ':
			out[len(out)-1].text = append(out[len(out)-1].text, c)
		case c == lrm || c == rlm:
			out = append(out, glyph{text: []rune{c}, zero: !rtl, at: idx[i]})
		case unicode.Is(unicode.Mn, c) && c < 0x700, !rtl && unicode.Is(unicode.Cf, c):
			// MuPDF puts a space after a Latin or Arabic mark that takes room, pdf.js makes a
			// space of the room a format character takes.
			out = append(out, glyph{text: []rune{c}, zero: true, at: idx[i]})
			last = len(out) - 1
		default:
			g := []rune{c}
			if rtl && last < 0 && !rtlLetter(c) && !ltrLetter(c) {
				g = []rune{rlm, c}
			}
			out = append(out, glyph{text: g, at: idx[i]})
			last = len(out) - 1
		}
	}
	return out
}

// ltrLayer is the text layer of a left-to-right line: one piece of the text in logical order
// when it holds no right-to-left letters. Else the text in logical order, each stretch of
// right-to-left letters (up to a space, a ZWNJ, a digit or punctuation) reversed and fenced by
// LRMs of no width, cut into pieces at the fences, each drawn flipped from the one before (see
// textLayer), all spread over the line. A stretch with combining marks is drawn lower
// (againstDrop): PDFium takes the marks for neutral characters, which cut the stretch into
// pieces it would leave in visual order on a left-to-right line, but puts a line of its own in
// right-to-left order.
func ltrLayer(text []rune, levels []typeset.Level, extent func(a, b int) (float64, float64)) []layerPiece {
	x0, x1 := extent(0, len(text))
	if !slices.ContainsFunc(levels, typeset.Level.RTL) {
		return []layerPiece{{glyphs: glyphTexts(text, indices(0, len(text)), false), x0: x0, x1: x1, to: len(text), logical: true}}
	}
	var out []layerPiece
	flip := false
	add := func(p layerPiece) {
		if len(p.glyphs) == 0 {
			return
		}
		p.flip = flip
		flip = !flip
		out = append(out, p)
	}
	fence := glyph{text: []rune{lrm}, zero: true, at: -1}
	for i := 0; i < len(text); {
		j := i
		if !levels[i].RTL() || !letter(text[i]) { // up to the next stretch
			for j < len(text) && (!levels[j].RTL() || !letter(text[j])) {
				j++
			}
			add(layerPiece{glyphs: glyphTexts(text[i:j], indices(i, j-i), false), from: i, to: j, logical: true})
			i = j
			continue
		}
		for j < len(text) && levels[j].RTL() && letter(text[j]) {
			j++
		}
		rev, idx := slices.Clone(text[i:j]), indices(i, j-i)
		slices.Reverse(rev)
		slices.Reverse(idx)
		gs := glyphTexts(rev, idx, false)
		// A combining mark that ends the stretch comes first, reversed: it goes into the glyph of
		// its letter, after an RLM (pdf.js would leave it alone in an item of its own, MuPDF
		// outside the letters it reverses).
		lead := []rune{rlm}
		for len(gs) > 1 && gs[0].zero {
			lead = append(lead, gs[0].text...)
			gs = gs[1:]
		}
		if len(lead) > 1 {
			gs[0].text = append(lead, gs[0].text...)
		}
		p := layerPiece{glyphs: append(append([]glyph{fence}, gs...), fence), from: i, to: j}
		p.against = slices.ContainsFunc(rev, func(c rune) bool { return unicode.IsMark(c) })
		add(p)
		i = j
	}
	// Spread the pieces over the line, each glyph that takes room as wide as the others.
	wide := 0
	for _, p := range out {
		for _, g := range p.glyphs {
			if !g.zero {
				wide++
			}
		}
	}
	at := 0
	for i := range out {
		w := 0
		for _, g := range out[i].glyphs {
			if !g.zero {
				w++
			}
		}
		out[i].x0 = x0 + (x1-x0)*float64(at)/float64(max(wide, 1))
		out[i].x1 = x0 + (x1-x0)*float64(at+w)/float64(max(wide, 1))
		at += w
	}
	return out
}

func class(c rune) bidi.Class {
	p, _ := bidi.LookupRune(c)
	return p.Class()
}

func rtlLetter(c rune) bool { k := class(c); return k == bidi.R || k == bidi.AL }
func ltrLetter(c rune) bool { k := class(c); return k == bidi.L || k == bidi.EN }

// logical returns a line's runs in logical order.
func logical(runs []typeset.Run) []typeset.Run {
	runs = slices.Clone(runs)
	slices.SortFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	return runs
}

func letter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }
