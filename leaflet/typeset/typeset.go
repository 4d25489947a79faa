// Package typeset sets paragraphs of text into frames: NFC normalisation, UAX #9 bidi levels
// (numbers written in groups kept whole: see paragraphLevels), itemisation into runs by level,
// script and font, HarfBuzz shaping (go-text/typesetting), line breaking at UAX #14
// opportunities that are HarfBuzz cluster boundaries, a hyphen shown where a line ends at a
// soft hyphen, visual order by levels, alignment and justification by inter-word space. It
// knows nothing of PDF: a Block is glyph IDs at positions, which a backend draws.
//
// Setting takes time linear in the length of the text (BenchmarkSetLength), and the bidi
// levels are Unicode's on every line of BidiCharacterTest.txt without explicit embeddings
// (TestBidiCharacterTest).
package typeset

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
	Leading    float64 // line pitch as a multiple of the fonts' own height (ascent + descent); 0 is 1; below 1, each line's box shrinks as much above as below
	Align      Align
	Indent     float64 // of the first line, at the start edge
	SpaceAfter float64 // below the paragraph, when another follows
	// Runt is the fewest characters the last line of a paragraph of three lines or more may
	// hold when it is a single word: a shorter one takes the last word of the line before.
	// 0 allows any.
	Runt int
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
	blank  bool    // nothing but white space: nothing is set
	hyphen float64 // the advance of a hyphen, for a line that ends at a soft hyphen
}

// New returns a Typesetter for text in language lang (a BCP 47 tag), whose paragraphs run right
// to left when rtl is set.
func New(faces *fontset.Faces, lang string, rtl bool) *Typesetter {
	return &Typesetter{sh: shaper{faces: faces}, lang: language.NewLanguage(lang), rtl: rtl, cache: map[shapeKey]*shaped{}}
}

// Set sets paragraphs one below the other into a frame width points wide and height points tall.
// Text that does not fit is still set, below the frame; Block.Overflow says by how much. A
// paragraph of nothing but white space sets nothing, not even its space after.
//
// The width, and each paragraph's size, must be positive and finite, the height positive or
// zero (+Inf: no limit). Tabs are set as spaces in every script; other control characters but
// line breaks are a *ControlError, explicit bidi controls an *ExplicitBidiError, a character no
// font has a *MissingGlyphError. Setting takes time linear in the length of the text.
func (t *Typesetter) Set(paras []Paragraph, width, height float64) (*Block, error) {
	if !(width > 0) || math.IsInf(width, 1) {
		return nil, fmt.Errorf("typeset: frame width %g: want a positive number of points", width)
	}
	if !(height >= 0) {
		return nil, fmt.Errorf("typeset: frame height %g: want zero or more points", height)
	}
	b := &Block{}
	y := 0.0
	for i, p := range paras {
		if st := p.Style; !(st.Size > 0) || math.IsInf(st.Size, 1) || !(st.Leading >= 0) || math.IsNaN(st.Indent) || math.IsNaN(st.SpaceAfter) {
			return nil, fmt.Errorf("typeset: paragraph %d: size %g, leading %g, indent %g, space after %g: want a positive size, and numbers", i+1, st.Size, st.Leading, st.Indent, st.SpaceAfter)
		}
		lines, pitch, err := t.paragraph(p, width)
		if err != nil {
			return nil, err
		}
		if len(lines) == 0 {
			continue
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
		y += lines[len(lines)-1].Descent
		b.Height = y
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
	if err != nil || sp.blank {
		return nil, 0, err
	}
	text := sp.text
	whole := scaleRuns(sp.runs, st.Size)
	asc, desc := t.extents(whole, st.Size)
	pitch := asc + desc
	if st.Leading > 0 {
		pitch *= st.Leading
	}
	if pitch < asc+desc { // tighter than the fonts' height: the lines' boxes lose as much at top and bottom
		trim := (asc + desc - pitch) / 2
		asc, desc = asc-trim, desc-trim
	}
	est := prefixAdvances(whole, len(text))
	var lines []Line
	var starts []int
	for start := 0; start < len(text); {
		avail := width
		if start == 0 {
			avail -= st.Indent
		}
		end, mandatory, runs, w, err := t.nextLine(sp, whole, est, start, avail, st)
		if err != nil {
			return nil, 0, err
		}
		last := end >= len(text) || mandatory
		lines = append(lines, t.place(runs, w, width, avail, st, start == 0, last, asc, desc))
		starts = append(starts, start)
		start = end
	}
	if err := t.avoidRunt(sp, whole, est, lines, starts, width, st, asc, desc); err != nil {
		return nil, 0, err
	}
	return lines, pitch, nil
}

// avoidRunt sets the last two lines of a paragraph of three lines or more again when the last
// holds a single word shorter than st.Runt characters: the line before ends one word earlier,
// so that the last line holds two words, if they fit. A line ended by a line break is left
// alone.
func (t *Typesetter) avoidRunt(sp *shaped, whole []Run, est []float64, lines []Line, starts []int, width float64, st Style, asc, desc float64) error {
	n := len(lines)
	if st.Runt <= 0 || n < 3 {
		return nil
	}
	text, from, ends := sp.text, starts[n-1], sp.brk.ends
	word := strings.TrimFunc(string(text[from:]), unicode.IsSpace)
	if word == "" || strings.IndexFunc(word, unicode.IsSpace) >= 0 || utf8.RuneCountInString(word) >= st.Runt || !unicode.IsSpace(text[from-1]) {
		return nil
	}
	if j := sort.SearchInts(ends, from); j < len(ends) && ends[j] == from && sp.brk.mandatory[j] {
		return nil // the last line follows a line break
	}
	i := sort.SearchInts(ends, from) - 1 // the line before's last opportunity but its end
	for i >= 0 && sp.brk.hyphen[i] && !sp.brk.mandatory[i] {
		i--
	}
	if i < 0 || ends[i] <= starts[n-2] || sp.brk.mandatory[i] {
		return nil
	}
	cut := sp.brk.ends[i]
	if estimatedWidth(text, est, cut, len(text), 0) > width {
		return nil // the two words do not fit on the last line
	}
	runs, w, err := t.setLine(text, sp.levels, whole, starts[n-2], cut, st, false)
	if err != nil {
		return err
	}
	lastRuns, lastW, err := t.setLine(text, sp.levels, whole, cut, len(text), st, false)
	if err != nil || lastW > width+1e-6 {
		return err
	}
	avail := width
	if starts[n-2] == 0 {
		avail -= st.Indent
	}
	lines[n-2] = t.place(runs, w, width, avail, st, starts[n-2] == 0, false, asc, desc)
	lines[n-1] = t.place(lastRuns, lastW, width, width, st, false, true, asc, desc)
	return nil
}

const softHyphen = '\u00ad'

// nextLine breaks and sets the line that starts at start. Breaking estimates a line's width
// from the paragraph's shaping; a line shaped anew (cut where HarfBuzz says it is unsafe, or
// ending at a soft hyphen, shown as a hyphen) can be wider, by a kerning pair lost at its end.
// Then the line is broken again in as much less room as it came out wider than estimated, at
// most twice.
func (t *Typesetter) nextLine(sp *shaped, whole []Run, est []float64, start int, avail float64, st Style) (end int, mandatory bool, runs []Run, w float64, err error) {
	room, hyphenWidth := avail, sp.hyphen*st.Size
	for try := 0; ; try++ {
		end, mandatory = sp.brk.breakLine(sp.text, est, start, room, hyphenWidth)
		hyphen := !mandatory && end < len(sp.text) && sp.text[end-1] == softHyphen
		runs, w, err = t.setLine(sp.text, sp.levels, whole, start, end, st, hyphen)
		if err != nil || w <= avail+1e-6 || try == 2 {
			return end, mandatory, runs, w, err
		}
		room = min(room, avail-(w-estimatedWidth(sp.text, est, start, end, hyphenWidth))) - 1e-3
	}
}

// ControlError reports a control character other than a tab or a line break, which draws
// nothing a reader can see in one font and a box in another.
type ControlError struct {
	Rune rune
	Text string
}

func (e *ControlError) Error() string {
	return fmt.Sprintf("control character U+%04X in %q: remove it", e.Rune, excerpt(e.Text))
}

// clean returns a paragraph's text in NFC with its tabs made spaces, or a *ControlError.
func clean(s string) ([]rune, error) {
	text := []rune(norm.NFC.String(s))
	for i, r := range text {
		switch {
		case r == '\t':
			text[i] = ' '
		case r == '\n' || r == '\r':
		case unicode.Is(unicode.Cc, r):
			return nil, &ControlError{Rune: r, Text: s}
		}
	}
	return text, nil
}

// shape normalises, itemises and shapes a paragraph at size 1, once per Typesetter.
func (t *Typesetter) shape(s string, bold bool) (*shaped, error) {
	key := shapeKey{s, bold}
	if sp, ok := t.cache[key]; ok {
		return sp, nil
	}
	if sp := t.sharedShape(key); sp != nil {
		t.cache[key] = sp
		return sp, nil
	}
	text, err := clean(s)
	if err != nil {
		return nil, err
	}
	sp := &shaped{text: text, blank: !slices.ContainsFunc(text, func(r rune) bool { return !unicode.IsSpace(r) })}
	if !sp.blank {
		base := Level(0)
		if t.rtl {
			base = 1
		}
		if sp.levels, err = paragraphLevels(sp.text, base); err != nil {
			return nil, err
		}
		if sp.runs, err = t.sh.shapeRange(sp.text, sp.levels, 0, len(sp.text), t.lang, bold, 1); err != nil {
			return nil, err
		}
		sp.brk = t.breaks(sp.text, sp.runs)
		if slices.Contains(sp.text, softHyphen) {
			sp.hyphen = t.hyphenAdvance(bold)
		}
	}
	t.cache[key] = sp
	t.share(key, sp)
	return sp, nil
}

// hyphenAdvance returns the advance, in em, of the hyphen of the language's own font.
func (t *Typesetter) hyphenAdvance(bold bool) float64 {
	f := t.sh.faces.Set().Primary(t.lang, bold)
	face := t.sh.faces.Face(f)
	gid, ok := face.NominalGlyph('-')
	if !ok {
		return 0
	}
	return float64(face.HorizontalAdvance(gid)) / f.Upem()
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
		r.pens = penPositions(r.Glyphs)
		out[i] = r
	}
	return out
}

// breaks lists a paragraph's line-break opportunities (UAX #14), as rune offsets where a line may
// end, and the ends of its grapheme clusters, where a word too long for a line may be cut. Only
// offsets where a HarfBuzz cluster of the paragraph's shaping starts are kept: a cluster (a
// ligature, a conjunct) is never split across lines.
type breaks struct {
	ends      []int // rising
	mandatory []bool
	hyphen    []bool // after a hyphen or en dash inside a word: used only when the word cannot fit whole
	graphemes []int  // rising
}

func (t *Typesetter) breaks(text []rune, runs []Run) breaks {
	boundary := make([]bool, len(text)+1)
	boundary[len(text)] = true
	for _, r := range runs {
		for _, g := range r.Glyphs {
			boundary[g.Cluster] = true
		}
	}
	held := heldTogether(text)
	var b breaks
	t.brk.Init(text)
	for it := t.brk.LineIterator(); it.Next(); {
		l := it.Line()
		end := l.Offset + len(l.Text)
		if !boundary[end] || held[end] && !l.IsMandatoryBreak {
			continue
		}
		b.ends = append(b.ends, end)
		b.mandatory = append(b.mandatory, l.IsMandatoryBreak)
		last := text[end-1]
		b.hyphen = append(b.hyphen, last == '-' || last == '\u2010' || last == '\u2013')
	}
	for it := t.brk.GraphemeIterator(); it.Next(); {
		g := it.Grapheme()
		if end := g.Offset + len(g.Text); boundary[end] {
			b.graphemes = append(b.graphemes, end)
		}
	}
	return b
}

// unbroken are what a line never breaks inside: web and e-mail addresses, and numbers whose
// digit groups are joined by no-break spaces, dashes, dots, commas, colons or slashes
// ("116 000" with a no-break space, "2011–2014", "0800-123-456", "12:30").
var unbroken = regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s]*[^\s.,;:!?)»”’]|[^\s@]+@[^\s@]+\.[^\s.,;:!?)»”’]+|\d(?:[\d\x{00a0}\x{202f}.,:/\x{2010}\x{2011}\x{2013}-]*\d)?`)

// heldTogether marks, by rune offset, the places inside an unbroken stretch of text, where no
// line may end.
func heldTogether(text []rune) []bool {
	held := make([]bool, len(text)+1)
	s := string(text)
	at, runes := 0, 0 // a byte offset of s and the runes before it, counted once for all matches
	count := func(b int) int {
		runes += utf8.RuneCountInString(s[at:b])
		at = b
		return runes
	}
	for _, m := range unbroken.FindAllStringIndex(s, -1) {
		from, to := count(m[0]), count(m[1])
		for i := from + 1; i < to; i++ {
			held[i] = true
		}
	}
	return held
}

// breakLine finds where the line that starts at start ends: after the last break opportunity
// whose text fits in avail points, hyphen points more when it is a soft hyphen, which is then
// shown. A compound is broken at its hyphen, and a word at a grapheme cluster, only when it
// does not fit on a line of its own. It looks only at the opportunities up to the first that
// does not fit, so that breaking a paragraph takes time linear in its length.
func (b *breaks) breakLine(text []rune, est []float64, start int, avail, hyphen float64) (end int, mandatory bool) {
	fits := func(e int) bool { return estimatedWidth(text, est, start, e, hyphen) <= avail+1e-6 }
	end = -1
	for i := sort.SearchInts(b.ends, start+1); i < len(b.ends); i++ {
		e := b.ends[i]
		if b.hyphen[i] && !b.mandatory[i] && e < len(text) {
			continue
		}
		if !fits(e) {
			if end >= 0 {
				return end, false
			}
			return b.cutWord(text, est, start, e, avail, hyphen), false
		}
		end = e
		if b.mandatory[i] {
			return end, true
		}
	}
	return end, false
}

// estimatedWidth estimates the width of the line text[start:end] from the paragraph's advances: its
// trailing white space left out, the hyphen shown at a soft hyphen added.
func estimatedWidth(text []rune, est []float64, start, end int, hyphen float64) float64 {
	w := est[trimEnd(text, start, end)] - est[start]
	if end < len(text) && text[end-1] == softHyphen {
		w += hyphen
	}
	return w
}

// cutWord ends a line inside a word wider than the line: after its last hyphen that fits, or else
// after as many whole grapheme clusters as fit (at least one).
func (b *breaks) cutWord(text []rune, est []float64, start, limit int, avail, hyphen float64) int {
	end := -1
	for i := sort.SearchInts(b.ends, start+1); i < len(b.ends) && b.ends[i] < limit; i++ {
		if e := b.ends[i]; b.hyphen[i] && est[e]-est[start] <= avail+1e-6 {
			end = e
		}
	}
	if end >= 0 {
		return end
	}
	return b.cut(text, est, start, limit, avail, hyphen)
}

// cut ends a line inside a word that is wider than the line, between grapheme clusters.
func (b *breaks) cut(text []rune, est []float64, start, limit int, avail, hyphen float64) int {
	end := -1
	for i := sort.SearchInts(b.graphemes, start+1); i < len(b.graphemes) && b.graphemes[i] <= limit; i++ {
		e := b.graphemes[i]
		if end >= 0 && estimatedWidth(text, est, start, e, hyphen) > avail {
			break
		}
		end = e
	}
	return end
}

// setLine sets text[start:end] without its trailing white space as one line: the paragraph's
// shaping cut at the line's ends where HarfBuzz says that is safe, else the line shaped anew.
// A line that ends at a soft hyphen (hyphen) is shaped anew from a copy of the paragraph's text
// with a hyphen in its place: the paragraph's text is never changed, as other Typesetters may
// be reading it (see Cache).
func (t *Typesetter) setLine(text []rune, levels []Level, whole []Run, start, end int, st Style, hyphen bool) ([]Run, float64, error) {
	end = trimEnd(text, start, end)
	if !hyphen {
		if runs, w, ok := cut(whole, start, end); ok {
			return runs, w, nil
		}
	} else {
		text = slices.Clone(text)
		text[end-1] = '-'
	}
	runs, err := t.sh.shapeRange(text, levels, start, end, t.lang, st.Bold, st.Size)
	if err != nil {
		return nil, 0, err
	}
	w := 0.0
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
	// The runs are in logical order: skip those that end before start.
	first := sort.Search(len(whole), func(i int) bool { return whole[i].Start+len(whole[i].Text) > start })
	for _, r := range whole[first:] {
		if r.Start >= end {
			break
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
	for _, i := range VisualOrder(lvls) {
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
