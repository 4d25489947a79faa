package typeset

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// lineTexts returns each line's text as set, runs in logical order.
func lineTexts(b *Block) []string {
	var out []string
	for _, l := range b.Lines {
		runs := slices.Clone(l.Runs)
		slices.SortFunc(runs, func(a, b Run) int { return a.Start - b.Start })
		var s strings.Builder
		for _, r := range runs {
			s.WriteString(string(r.Text))
		}
		out = append(out, s.String())
	}
	return out
}

// glyphText returns what a line's glyphs stand for, in visual order.
func glyphText(l Line) string {
	var s strings.Builder
	for _, r := range l.Runs {
		for _, g := range r.Glyphs {
			s.WriteString(string(g.Text))
		}
	}
	return s.String()
}

func TestSoftHyphen(t *testing.T) {
	ts := newTypesetter(t, "de", false)
	text := "Die Privat\u00adsphäre\u00adeinstellungen prüfen"
	b, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 11}}}, 70, 1000)
	if err != nil {
		t.Fatal(err)
	}
	hyphenated := 0
	for i, l := range b.Lines {
		g := glyphText(l)
		if strings.ContainsRune(g, softHyphen) {
			t.Errorf("line %d %q: a soft hyphen is drawn", i, g)
		}
		if strings.HasSuffix(g, "-") {
			hyphenated++
			if w := l.Width; w > 70+1e-6 {
				t.Errorf("line %d %q is %.2fpt wide, more than 70", i, g, w)
			}
		}
	}
	if hyphenated == 0 {
		t.Errorf("lines %q: none ends at a soft hyphen with a hyphen", lineTexts(b))
	}
	// On one wide line, soft hyphens show nothing.
	b, err = ts.Set([]Paragraph{{Text: text, Style: Style{Size: 11}}}, 1000, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if g := glyphText(b.Lines[0]); len(b.Lines) != 1 || strings.Contains(g, "-") {
		t.Errorf("one line: %d lines, %q", len(b.Lines), g)
	}
}

// TestTabsAndControls: a tab is a space in every script, another control character an error
// in every script (issue 10: a tab drew a box in English and was an error in Arabic).
func TestTabsAndControls(t *testing.T) {
	for _, s := range []struct {
		lang string
		rtl  bool
		text string
	}{{"en", false, "Talk\tearly"}, {"ar", true, "تحدثوا\tمبكرا"}, {"hi", false, "बात\tकरें"}, {"ur", true, "بات\tکریں"}} {
		ts := newTypesetter(t, s.lang, s.rtl)
		tab, err := ts.Set([]Paragraph{{Text: s.text, Style: Style{Size: 10}}}, 500, 100)
		if err != nil {
			t.Errorf("%s %q: %v", s.lang, s.text, err)
			continue
		}
		space, err := ts.Set([]Paragraph{{Text: strings.ReplaceAll(s.text, "\t", " "), Style: Style{Size: 10}}}, 500, 100)
		if err != nil {
			t.Fatal(err)
		}
		if tab.Lines[0].Width != space.Lines[0].Width {
			t.Errorf("%s: a tab is %.2fpt wide, a space %.2fpt", s.lang, tab.Lines[0].Width, space.Lines[0].Width)
		}
		for _, c := range []rune{0x07, 0x0B, 0x1B, 0x7F, 0x85} {
			_, err := ts.Set([]Paragraph{{Text: strings.ReplaceAll(s.text, "\t", string(c)), Style: Style{Size: 10}}}, 500, 100)
			var ce *ControlError
			if !errors.As(err, &ce) || ce.Rune != c {
				t.Errorf("%s with U+%04X: %v, want a *ControlError", s.lang, c, err)
			}
		}
	}
}

func TestBadSizes(t *testing.T) {
	ts := newTypesetter(t, "en", false)
	good := Style{Size: 10}
	for _, tc := range []struct {
		name          string
		style         Style
		width, height float64
	}{
		{"zero width", good, 0, 100},
		{"negative width", good, -10, 100},
		{"NaN width", good, math.NaN(), 100},
		{"infinite width", good, math.Inf(1), 100},
		{"negative height", good, 100, -1},
		{"NaN height", good, 100, math.NaN()},
		{"zero size", Style{}, 100, 100},
		{"negative size", Style{Size: -10}, 100, 100},
		{"NaN size", Style{Size: math.NaN()}, 100, 100},
		{"negative leading", Style{Size: 10, Leading: -1}, 100, 100},
	} {
		if _, err := ts.Set([]Paragraph{{Text: "Talk early", Style: tc.style}}, tc.width, tc.height); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := ts.Set([]Paragraph{{Text: "Talk early", Style: good}}, 100, math.Inf(1)); err != nil {
		t.Errorf("no height limit: %v", err)
	}
}

// TestClusterNeverSplit sets words in a column narrower than one cluster: each line must start
// where a HarfBuzz cluster of the whole paragraph starts (a conjunct, a ligature stays whole).
func TestClusterNeverSplit(t *testing.T) {
	for _, s := range []struct {
		lang string
		rtl  bool
		text string
	}{{"hi", false, "क्षत्रिय"}, {"ar", true, "لا إله"}, {"bn", false, "ক্ষমা"}, {"ur", true, "لاہور"}, {"en", false, "office"}} {
		ts := newTypesetter(t, s.lang, s.rtl)
		b, err := ts.Set([]Paragraph{{Text: s.text, Style: Style{Size: 10}}}, 0.5, 1000)
		if err != nil {
			t.Fatal(err)
		}
		sp, err := ts.shape(s.text, false)
		if err != nil {
			t.Fatal(err)
		}
		starts := map[int]bool{}
		for _, r := range sp.runs {
			for _, g := range r.Glyphs {
				starts[g.Cluster] = true
			}
		}
		for i, l := range b.Lines {
			first := len(sp.text)
			for _, r := range l.Runs {
				first = min(first, r.Start)
			}
			if !starts[first] {
				t.Errorf("%s %q: line %d starts at rune %d, inside a cluster", s.lang, s.text, i, first)
			}
		}
		if got := strings.Join(lineTexts(b), ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(s.text, " ", "") {
			t.Errorf("%s: text lost: %q", s.lang, got)
		}
	}
}

func TestEmptyTextSetsNothing(t *testing.T) {
	ts := newTypesetter(t, "en", false)
	st := Style{Size: 10, SpaceAfter: 6}
	for _, text := range []string{"", " ", "\n", " \u00a0\t\n "} {
		b, err := ts.Set([]Paragraph{{Text: text, Style: st}}, 100, 100)
		if err != nil || len(b.Lines) != 0 || b.Height != 0 {
			t.Errorf("%q: %v, %v; want nothing set", text, b, err)
		}
	}
	two, err := ts.Set([]Paragraph{{Text: "Talk", Style: st}, {Text: "early", Style: st}}, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	three, err := ts.Set([]Paragraph{{Text: "Talk", Style: st}, {Text: " ", Style: st}, {Text: "early", Style: st}}, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	if two.Height != three.Height {
		t.Errorf("an empty paragraph between two makes the block %.2fpt tall instead of %.2fpt", three.Height, two.Height)
	}
}

// TestLinearBreaking sets 1,000 and 16,000 words: the time per word must not grow with the
// length (issue 10: 5,000 words took up to 0.36 s, 40,000 words 20 s). BenchmarkSetLength
// measures it (the goal: at most 2×); here, on a machine busy with other tests, more than 4×
// fails: a quadratic cost would be 16×.
func TestLinearBreaking(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	perWord := func(n, runs int) time.Duration {
		text := benchText("en", n)
		best := time.Duration(math.MaxInt64)
		for range runs {
			start := time.Now()
			if _, err := newTypesetter(t, "en", false).Set([]Paragraph{{Text: text, Style: Style{Size: 10.5}}}, 240, math.Inf(1)); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start)/time.Duration(n))
		}
		return best
	}
	short, long := perWord(1000, 5), perWord(16000, 3)
	if long > 4*short {
		t.Errorf("16,000 words: %v a word; 1,000 words: %v a word: want about the same", long, short)
	}
}
