// Package typeset sets paragraphs of text into frames: NFC normalisation, UAX #9 bidi levels,
// itemisation into runs by level, script and font, HarfBuzz shaping (go-text/typesetting),
// line breaking at UAX #14 opportunities with every line shaped anew, visual order by levels,
// alignment and justification by inter-word space. It knows nothing of PDF: a Block is glyph IDs
// at positions, which a backend draws.
package typeset

import (
	"fmt"
	"slices"
	"unicode"

	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/text/unicode/norm"
)

// Align is how the lines of a paragraph sit between the frame's edges. Start and End follow
// the paragraph's direction: Start is the right edge in Arabic and Urdu.
type Align int

const (
	Start Align = iota
	End
	Center
	Justify // both edges, by widening inter-word spaces only; the last line is set at Start
)

// Style is how a paragraph is set. Lengths are in points.
type Style struct {
	Bold       bool
	Size       float64 // font size
	Leading    float64 // line pitch as a multiple of the fonts' own height (ascent + descent); 0 is 1
	Align      Align
	Indent     float64 // of the first line, at the start edge
	SpaceAfter float64 // below the paragraph, when another follows
}

// Scaled returns the style with its size and lengths multiplied by f, for fitting text to a frame.
func (s Style) Scaled(f float64) Style {
	s.Size *= f
	s.Indent *= f
	s.SpaceAfter *= f
	return s
}

// Paragraph is text in one style.
type Paragraph struct {
	Text  string
	Style Style
}

// Line is one set line: its runs in visual order, placed in its frame.
type Line struct {
	Runs     []Run
	X        []float64 // left edge of each run, from the frame's left edge
	Baseline float64   // from the frame's top edge, downwards
	Width    float64   // from the left edge of the first run to the right edge of the last
	Ascent   float64
	Descent  float64
	RTL      bool // the paragraph's direction
	Para     int  // index of the paragraph the line belongs to
	First    bool // the first line of its paragraph
}

// Block is the result of setting paragraphs into a frame.
type Block struct {
	Lines    []Line
	Height   float64 // from the frame's top to the lowest descent of the last line
	Overflow float64 // how far the text runs past the frame's bottom edge; 0 when it fits
}

// Fits reports whether the text stayed inside its frame.
func (b *Block) Fits() bool { return b.Overflow == 0 }

// Typesetter sets text of one language and direction. It is not safe for concurrent use: make one
// per goroutine; the fonts beneath are shared.
type Typesetter struct {
	sh    shaper
	brk   segmenter.Segmenter
	lang  language.Language
	rtl   bool
	cache map[shapeKey]*shaped // paragraphs shaped at size 1, for setting at any size
}

type shapeKey struct {
	text string
	bold bool
}

// shaped is a paragraph itemised and shaped at size 1 (lengths in em), with its breaks: what does
// not depend on the size or the width it is set at. Fitting sets the same text again and again.
type shaped struct {
	text   []rune
	levels []Level
	runs   []Run
	brk    breaks
}

// New returns a Typesetter for text in language lang (a BCP 47 tag), whose paragraphs run right
// to left when rtl is set.
func New(faces *fontset.Faces, lang string, rtl bool) *Typesetter {
	return &Typesetter{sh: shaper{faces: faces}, lang: language.NewLanguage(lang), rtl: rtl, cache: map[shapeKey]*shaped{}}
}

// Set sets paragraphs one below the other into a frame width points wide and height points tall.
// Text that does not fit is still set, below the frame; Block.Overflow says by how much.
func (t *Typesetter) Set(paras []Paragraph, width, height float64) (*Block, error) {
	b := &Block{}
	y := 0.0
	for i, p := range paras {
		lines, pitch, err := t.paragraph(p, width)
		if err != nil {
			return nil, err
		}
		for k := range lines {
			lines[k].Para, lines[k].First = i, k == 0
			if k > 0 {
				y += pitch
			} else {
				y += lines[k].Ascent
			}
			lines[k].Baseline = y
		}
		if n := len(lines); n > 0 {
			y += lines[n-1].Descent
			b.Height = y
		}
		if i < len(paras)-1 {
			y += p.Style.SpaceAfter
		}
		b.Lines = append(b.Lines, lines...)
	}
	if b.Height > height {
		b.Overflow = b.Height - height
	}
	return b, nil
}

// paragraph breaks one paragraph into lines placed horizontally, and returns its line pitch.
func (t *Typesetter) paragraph(p Paragraph, width float64) ([]Line, float64, error) {
	st := p.Style
	sp, err := t.shape(p.Text, st.Bold)
	if err != nil || len(sp.text) == 0 {
		return nil, 0, err
	}
	text, levels := sp.text, sp.levels
	whole := scaleRuns(sp.runs, st.Size)
	asc, desc := t.extents(whole, st.Size)
	pitch := asc + desc
	if st.Leading > 0 {
		pitch *= st.Leading
	}
	est := prefixAdvances(whole, len(text))
	var lines []Line
	for start := 0; start < len(text); {
		avail := width
		if start == 0 {
			avail -= st.Indent
		}
		end, mandatory := sp.brk.breakLine(text, est, start, avail)
		runs, w, err := t.setLine(text, levels, whole, start, end, st)
		if err != nil {
			return nil, 0, err
		}
		last := end >= len(text) || mandatory
		lines = append(lines, t.place(runs, w, width, avail, st, start == 0, last, asc, desc))
		start = end
	}
	return lines, pitch, nil
}

// shape normalises, itemises and shapes a paragraph at size 1, once per Typesetter.
func (t *Typesetter) shape(s string, bold bool) (*shaped, error) {
	key := shapeKey{s, bold}
	if sp, ok := t.cache[key]; ok {
		return sp, nil
	}
	sp := &shaped{text: []rune(norm.NFC.String(s))}
	if len(sp.text) > 0 {
		base := Level(0)
		if t.rtl {
			base = 1
		}
		var err error
		if sp.levels, err = resolveLevels(sp.text, base); err != nil {
			return nil, err
		}
		if sp.runs, err = t.sh.shapeRange(sp.text, sp.levels, 0, len(sp.text), t.lang, bold, 1); err != nil {
			return nil, err
		}
		sp.brk = t.breaks(sp.text)
	}
	t.cache[key] = sp
	return sp, nil
}

// scaleRuns returns runs shaped at size 1 set at size: new runs, whose glyphs may be changed.
func scaleRuns(runs []Run, size float64) []Run {
	out := make([]Run, len(runs))
	for i, r := range runs {
		r.Size, r.Width = size, r.Width*size
		r.Glyphs = slices.Clone(r.Glyphs)
		for k := range r.Glyphs {
			g := &r.Glyphs[k]
			g.X, g.Y, g.Advance = g.X*size, g.Y*size, g.Advance*size
		}
		out[i] = r
	}
	return out
}

// breaks lists a paragraph's line-break opportunities (UAX #14), as rune offsets where a line may
// end, and the ends of its grapheme clusters, where a word too long for a line may be cut.
type breaks struct {
	ends      []int
	mandatory []bool
	hyphen    []bool // after a hyphen or en dash inside a word: used only when the word cannot fit whole
	graphemes []int
}

func (t *Typesetter) breaks(text []rune) breaks {
	var b breaks
	t.brk.Init(text)
	for it := t.brk.LineIterator(); it.Next(); {
		l := it.Line()
		end := l.Offset + len(l.Text)
		b.ends = append(b.ends, end)
		b.mandatory = append(b.mandatory, l.IsMandatoryBreak)
		last := text[end-1]
		b.hyphen = append(b.hyphen, last == '-' || last == '\u2010' || last == '\u2013')
	}
	for it := t.brk.GraphemeIterator(); it.Next(); {
		g := it.Grapheme()
		b.graphemes = append(b.graphemes, g.Offset+len(g.Text))
	}
	return b
}

// breakLine finds where the line that starts at start ends: after the last break opportunity
// whose text fits in avail points. A compound is broken at its hyphen, and a word at a grapheme
// cluster, only when it does not fit on a line of its own.
func (b *breaks) breakLine(text []rune, est []float64, start int, avail float64) (end int, mandatory bool) {
	fits := func(e int) bool { return est[trimEnd(text, start, e)]-est[start] <= avail+1e-6 }
	end = -1
	for i, e := range b.ends {
		if e <= start || b.hyphen[i] && !b.mandatory[i] && e < len(text) {
			continue
		}
		if !fits(e) {
			if end >= 0 {
				return end, false
			}
			return b.cutWord(text, est, start, e, avail), false
		}
		end = e
		if b.mandatory[i] {
			return end, true
		}
	}
	return end, false
}

// cutWord ends a line inside a word wider than the line: after its last hyphen that fits, or else
// after as many whole grapheme clusters as fit (at least one).
func (b *breaks) cutWord(text []rune, est []float64, start, limit int, avail float64) int {
	end := -1
	for i, e := range b.ends {
		if b.hyphen[i] && e > start && e < limit && est[e]-est[start] <= avail+1e-6 {
			end = e
		}
	}
	if end >= 0 {
		return end
	}
	return b.cut(est, start, limit, avail)
}

// cut ends a line inside a word that is wider than the line, between grapheme clusters.
func (b *breaks) cut(est []float64, start, limit int, avail float64) int {
	end := -1
	for _, e := range b.graphemes {
		if e <= start || e > limit {
			continue
		}
		if end >= 0 && est[e]-est[start] > avail {
			break
		}
		end = e
	}
	return end
}

// setLine sets text[start:end] without its trailing white space as one line: the paragraph's
// shaping cut at the line's ends where HarfBuzz says that is safe, else the line shaped anew.
func (t *Typesetter) setLine(text []rune, levels []Level, whole []Run, start, end int, st Style) ([]Run, float64, error) {
	end = trimEnd(text, start, end)
	runs, w, ok := cut(whole, start, end)
	if ok {
		return runs, w, nil
	}
	runs, err := t.sh.shapeRange(text, levels, start, end, t.lang, st.Bold, st.Size)
	if err != nil {
		return nil, 0, err
	}
	w = 0
	for _, r := range runs {
		w += r.Width
	}
	return runs, w, nil
}

// cut returns the runs of a paragraph's shaping that cover text[start:end], and whether cutting
// there is safe.
func cut(whole []Run, start, end int) ([]Run, float64, bool) {
	var out []Run
	w := 0.0
	for _, r := range whole {
		if r.Start >= end || r.Start+len(r.Text) <= start {
			continue
		}
		part, ok := r.slice(start, end)
		if !ok {
			return nil, 0, false
		}
		out = append(out, part)
		w += part.Width
	}
	return out, w, true
}

// place orders a line's runs visually and places them between the frame's edges.
func (t *Typesetter) place(runs []Run, w, width, avail float64, st Style, first, last bool, asc, desc float64) Line {
	if st.Align == Justify && !last && w < avail {
		w = justify(runs, avail-w)
	}
	lvls := make([]Level, len(runs))
	for i, r := range runs {
		lvls[i] = r.Level
	}
	line := Line{Ascent: asc, Descent: desc, RTL: t.rtl, Width: w}
	indent := 0.0
	if first {
		indent = st.Indent
	}
	var x float64
	switch {
	case st.Align == Center:
		x = (width - w) / 2
	case (st.Align == End) != t.rtl: // the right edge
		x = width - w
		if t.rtl {
			x -= indent
		}
	default:
		x = 0
		if !t.rtl {
			x = indent
		}
	}
	for _, i := range visualOrder(lvls) {
		line.Runs = append(line.Runs, runs[i])
		line.X = append(line.X, x)
		x += runs[i].Width
	}
	return line
}

// justify widens the line's inter-word spaces by extra points in all, and returns the new width.
func justify(runs []Run, extra float64) float64 {
	n := 0
	for _, r := range runs {
		for _, g := range r.Glyphs {
			if g.Space {
				n++
			}
		}
	}
	total := 0.0
	for i := range runs {
		r := &runs[i]
		shift := 0.0
		for k := range r.Glyphs {
			r.Glyphs[k].X += shift
			if r.Glyphs[k].Space && n > 0 {
				r.Glyphs[k].Advance += extra / float64(n)
				r.Glyphs[k].Natural = false
				shift += extra / float64(n)
			}
		}
		r.Width += shift
		total += r.Width
	}
	return total
}

// extents returns the largest ascent and descent, in points, of the fonts the runs use.
func (t *Typesetter) extents(runs []Run, size float64) (asc, desc float64) {
	for _, r := range runs {
		ext, ok := t.sh.faces.Face(r.Font).FontHExtents()
		if !ok {
			continue
		}
		s := size / r.Font.Upem()
		asc = max(asc, float64(ext.Ascender)*s)
		desc = max(desc, -float64(ext.Descender)*s)
	}
	return asc, desc
}

// prefixAdvances returns, for each rune index i, the advance of the paragraph's clusters before i,
// as shaped whole: an estimate of a line's width that setLine then checks.
func prefixAdvances(runs []Run, n int) []float64 {
	adv := make([]float64, n+1)
	for _, r := range runs {
		for _, g := range r.Glyphs {
			adv[g.Cluster+1] += g.Advance
		}
	}
	for i := 1; i <= n; i++ {
		adv[i] += adv[i-1]
	}
	return adv
}

// trimEnd returns end moved back over white space and line-break characters.
func trimEnd(text []rune, start, end int) int {
	for end > start && (unicode.IsSpace(text[end-1]) && text[end-1] != 0x00A0) {
		end--
	}
	return end
}

// String describes a block, for tests and messages.
func (b *Block) String() string {
	return fmt.Sprintf("%d lines, %.1fpt tall, overflow %.1fpt", len(b.Lines), b.Height, b.Overflow)
}
