package typeset

import (
	"fmt"
	"sort"

	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Glyph is one shaped glyph, placed relative to the start of its run on the baseline. Lengths
// are in points; Y grows upwards, as in PDF.
//
// The small fields come first, so that a Glyph takes 64 bytes, not 88: paragraphs hold many.
type Glyph struct {
	ID      uint16
	Natural bool    // the advance is the font's own and the glyph has no offset
	Space   bool    // an inter-word space, which justification may widen
	unsafe  bool    // HarfBuzz: breaking the text before this glyph's cluster may change shaping
	X, Y    float64 // where the glyph's origin goes: pen position plus HarfBuzz's offset
	Advance float64 // HarfBuzz's advance
	Text    []rune  // the text this glyph stands for: its cluster's, on one glyph of the cluster
	Cluster int     // index in the paragraph of the cluster's first rune
}

// Run is a piece of a line in one font, one direction and one script, shaped as HarfBuzz shapes it.
type Run struct {
	Font   *fontset.Font
	Size   float64
	Level  Level
	Start  int     // index of the run's first rune in its paragraph
	Text   []rune  // the run's text, in logical order
	Glyphs []Glyph // in visual order, left to right
	Width  float64

	// pens holds, for a run of a whole paragraph, the pen position before each glyph, so that
	// a line's part of it is found and placed without summing the advances before it.
	pens []float64
}

// MissingGlyphError reports a character that none of the fonts has.
type MissingGlyphError struct {
	Rune rune
	Text string
}

func (e *MissingGlyphError) Error() string {
	return fmt.Sprintf("no font has U+%04X %q, in %q", e.Rune, string(e.Rune), excerpt(e.Text))
}

func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// fontmap chooses a face per rune for the go-text Segmenter: the first choice for the run's
// script and the paragraph's language, else the first font in fallback order that has the rune.
type fontmap struct {
	faces     *fontset.Faces
	lang      language.Language
	bold      bool
	script    language.Script
	missing   rune
	fallbacks map[*fontset.Font][]*fontset.Font // the Set's Fallback for each first choice, in lang
}

func (m *fontmap) SetScript(s language.Script) { m.script = s }

func (m *fontmap) ResolveFace(r rune) *font.Face {
	set := m.faces.Set()
	first := set.ForScript(m.script, m.lang, m.bold)
	if first.Has(r) {
		return m.faces.Face(first)
	}
	for _, f := range m.fallback(first) {
		if f.Has(r) {
			return m.faces.Face(f)
		}
	}
	if m.missing == 0 && !ignorable(r) {
		m.missing = r
	}
	return m.faces.Face(first)
}

// fallback returns the fonts to try after first, in order: the Set's Fallback, asked once per
// first choice rather than for every character.
func (m *fontmap) fallback(first *fontset.Font) []*fontset.Font {
	fb, ok := m.fallbacks[first]
	if !ok {
		fb = m.faces.Set().Fallback(first, m.lang)[1:]
		m.fallbacks[first] = fb
	}
	return fb
}

// ignorable runes are drawn by no glyph of their own: joiners, marks of direction.
func ignorable(r rune) bool {
	return r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F || r == 0x00AD || r == 0xFEFF
}

// shaper shapes runs of a paragraph. It is not safe for concurrent use.
type shaper struct {
	faces  *fontset.Faces
	hb     shaping.HarfbuzzShaper
	seg    shaping.Segmenter
	fm     fontmap
	shared *Cache // paragraphs shaped by other Typesetters of the same fonts; nil: none
}

// shapeRange itemises text[start:end] (a slice of a paragraph whose levels are known) into runs
// by level, script and font, and shapes each with HarfBuzz, the rest of the paragraph serving as
// context. Runs are returned in logical order.
func (s *shaper) shapeRange(text []rune, levels []Level, start, end int, lang language.Language, bold bool, size float64) ([]Run, error) {
	var runs []Run
	if s.fm.fallbacks == nil || s.fm.lang != lang {
		s.fm.fallbacks = map[*fontset.Font][]*fontset.Font{}
	}
	s.fm = fontmap{faces: s.faces, lang: lang, bold: bold, fallbacks: s.fm.fallbacks}
	for i := start; i < end; {
		j := i
		for j < end && levels[j] == levels[i] {
			j++
		}
		dir := di.DirectionLTR
		if levels[i].RTL() {
			dir = di.DirectionRTL
		}
		in := shaping.Input{Text: text, RunStart: i, RunEnd: j, Direction: dir, Language: lang, Size: fixed.I(16)}
		for _, item := range s.seg.Split(in, &s.fm) {
			item.Direction = dir
			runs = append(runs, s.shapeItem(item, levels[i], size))
		}
		i = j
	}
	if s.fm.missing != 0 {
		return nil, &MissingGlyphError{Rune: s.fm.missing, Text: string(text)}
	}
	return runs, nil
}

func (s *shaper) shapeItem(in shaping.Input, level Level, size float64) Run {
	f := s.faces.Font(in.Face)
	upem := f.Upem()
	// HarfBuzz works in integer sizes: shape at one unit per font unit, then scale.
	in.Size = fixed.I(int(upem))
	out := s.hb.Shape(in)
	scale := size / upem
	run := Run{Font: f, Size: size, Level: level, Start: in.RunStart, Text: in.Text[in.RunStart:in.RunEnd]}
	run.Glyphs = make([]Glyph, len(out.Glyphs))
	pen := 0.0
	prev := -1 // a run's clusters come in order, up or down: a new one starts where the index changes
	for k, g := range out.Glyphs {
		adv := fromFixed(g.XAdvance) * scale
		dx, dy := fromFixed(g.XOffset)*scale, fromFixed(g.YOffset)*scale
		natural := g.XOffset == 0 && g.YOffset == 0 &&
			fromFixed(g.XAdvance) == float64(in.Face.HorizontalAdvance(g.GlyphID))
		gl := Glyph{ID: uint16(g.GlyphID), X: pen + dx, Y: dy, Advance: adv, Natural: natural, Cluster: g.ClusterIndex,
			unsafe: g.Mask&harfbuzz.GlyphUnsafeToBreak != 0}
		if g.ClusterIndex != prev {
			prev = g.ClusterIndex
			gl.Text = in.Text[g.ClusterIndex : g.ClusterIndex+g.RuneCount]
			gl.Space = len(gl.Text) == 1 && gl.Text[0] == ' '
		}
		run.Glyphs[k] = gl
		pen += adv
	}
	run.Width = pen
	return run
}

func fromFixed(v fixed.Int26_6) float64 { return float64(v) / 64 }

// slice returns the part of a run shaped as a whole that covers text[start:end], placed from 0,
// and whether it is safe to use instead of shaping that part anew: HarfBuzz flags the glyphs
// before which a break could change the shaping. The run's clusters are monotone, as HarfBuzz
// makes them: rising from left to right in a left-to-right run, falling in a right-to-left
// one; so the part is found by binary search, in time that does not grow with the run.
func (r Run) slice(start, end int) (Run, bool) {
	out := r
	out.Start = max(r.Start, start)
	out.Text = r.Text[out.Start-r.Start : min(r.Start+len(r.Text), end)-r.Start]
	out.Glyphs, out.pens = nil, nil
	lo, hi := r.glyphRange(start, end)
	for _, c := range []int{start, end} { // the part's first cluster, and the one after it
		a, b := r.glyphRange(c, c+1)
		for _, g := range r.Glyphs[a:b] {
			if g.unsafe {
				return Run{}, false
			}
		}
	}
	pens := r.pens
	if pens == nil {
		pens = penPositions(r.Glyphs)
	}
	out.Glyphs = make([]Glyph, 0, hi-lo)
	pen := 0.0
	for k, g := range r.Glyphs[lo:hi] {
		g.X = pen + (g.X - pens[lo+k])
		out.Glyphs = append(out.Glyphs, g)
		pen += g.Advance
	}
	out.Width = pen
	return out, true
}

// glyphRange returns the glyphs [lo, hi) of the run whose clusters lie in text[start:end].
func (r Run) glyphRange(start, end int) (lo, hi int) {
	g := r.Glyphs
	if !r.Level.RTL() {
		lo = sort.Search(len(g), func(k int) bool { return g[k].Cluster >= start })
		hi = sort.Search(len(g), func(k int) bool { return g[k].Cluster >= end })
		return lo, hi
	}
	lo = sort.Search(len(g), func(k int) bool { return g[k].Cluster < end })
	hi = sort.Search(len(g), func(k int) bool { return g[k].Cluster < start })
	return lo, hi
}

// penPositions returns the pen position before each glyph: the sum of the advances before it.
func penPositions(glyphs []Glyph) []float64 {
	pens := make([]float64, len(glyphs))
	pen := 0.0
	for k, g := range glyphs {
		pens[k] = pen
		pen += g.Advance
	}
	return pens
}
