package pdf

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
	"golang.org/x/text/unicode/norm"

	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// fuzzLocales are the languages and directions FuzzParagraph sets text in.
var fuzzLocales = []struct {
	lang string
	rtl  bool
}{{"en", false}, {"ar", true}, {"ur", true}, {"hi", false}, {"bn", false}, {"pa", false}, {"vi", false}}

// FuzzParagraph sets a paragraph of any text, in any width, into a PDF. Setting may fail only
// with the typesetter's typed errors; otherwise no line is wider than the frame but one that
// cannot be cut, no text is lost or doubled, each line's text layer holds exactly the line's
// characters, and the PDF is written. Seeds: testdata/fuzz/FuzzParagraph (the inputs of
// issue 10) and below.
func FuzzParagraph(f *testing.F) {
	f.Add("The greeting السلام عليكم means peace.", 200.0, uint8(0), false)
	f.Add("اتصلوا بالرقم 116 111 أو +32 2 522 63 23 الآن.", 120.0, uint8(1), true)
	f.Add("Privat\u00adsphäre\u00adeinstellungen", 30.0, uint8(0), false)
	f.Add("क्षत्रिय", 0.5, uint8(3), false)
	f.Fuzz(func(t *testing.T, text string, width float64, locale uint8, justify bool) {
		if len(text) > 2000 {
			return // the catalogues and editions limit what is set; length is BenchmarkSetLength's
		}
		loc := fuzzLocales[int(locale)%len(fuzzLocales)]
		fs, err := loadFonts()
		if err != nil {
			t.Fatal(err)
		}
		st := typeset.Style{Size: 10}
		if justify {
			st.Align = typeset.Justify
		}
		b, err := typeset.New(fs.NewFaces(), loc.lang, loc.rtl).Set([]typeset.Paragraph{{Text: text, Style: st}}, width, math.Inf(1))
		if !(width > 0) || math.IsInf(width, 0) {
			if err == nil {
				t.Fatalf("width %g: no error", width)
			}
			return
		}
		if err != nil {
			var (
				glyph *typeset.MissingGlyphError
				ctrl  *typeset.ControlError
				bidi  *typeset.ExplicitBidiError
			)
			if !errors.As(err, &glyph) && !errors.As(err, &ctrl) && !errors.As(err, &bidi) {
				t.Fatalf("Set: %v: not a typed error", err)
			}
			return
		}
		var set []rune
		for i, l := range b.Lines {
			var chars []rune
			for _, r := range logical(l.Runs) {
				chars = append(chars, r.Text...)
			}
			if l.Width > width+0.01 && !justify && cuttable(l) {
				t.Errorf("line %d %q is %.2fpt wide in %.2fpt", i, string(chars), l.Width, width)
			}
			if got, want := sorted(visible(layerText(l))), sorted(visible(string(chars))); got != want {
				t.Errorf("line %d %q: text layer %+q holds other characters", i, string(chars), layerText(l))
			}
			set = append(set, chars...)
		}
		if got, want := printed(string(set)), printed(norm.NFC.String(text)); got != want {
			t.Errorf("set %q, want %q", got, want)
		}
		var buf bytes.Buffer
		d := New(Options{Page: Page{Width: 595, Height: 842}, Lang: loc.lang})
		d.AddPage()
		d.Text(b, 10, 10, Color{K: 1})
		if err := d.Write(&buf); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("Write: %v", err)
		}
	})
}

// cuttable reports whether a line could have been cut: whether a grapheme cluster boundary
// inside it is also the start of a HarfBuzz cluster.
func cuttable(l typeset.Line) bool {
	runs := logical(l.Runs)
	if len(runs) == 0 {
		return false
	}
	start := runs[0].Start
	var text []rune
	clusters := map[int]bool{}
	for _, r := range runs {
		text = append(text, r.Text...)
		for _, g := range r.Glyphs {
			clusters[g.Cluster-start] = true
		}
	}
	var seg segmenter.Segmenter
	seg.Init(text)
	for it := seg.GraphemeIterator(); it.Next(); {
		if g := it.Grapheme(); g.Offset > 0 && clusters[g.Offset] {
			return true
		}
	}
	return false
}

// visible drops the marks of direction that the text layer adds.
func visible(s string) string {
	return strings.NewReplacer(string(lrm), "", string(rlm), "").Replace(s)
}

// layerText is what the glyphs of a line's text layer stand for, piece after piece.
func layerText(l typeset.Line) string {
	var b strings.Builder
	for _, p := range textLayer(l) {
		for _, g := range p.glyphs {
			b.WriteString(string(g.text))
		}
	}
	return b.String()
}

// printed is text as its lines hold it: without white space, which lines drop at their ends,
// and without soft hyphens and hyphens, since a line that ends at a soft hyphen shows a hyphen.
func printed(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00ad' || r == '-' {
			return -1
		}
		return r
	}, s)
}

func sorted(s string) string {
	r := []rune(s)
	slices.Sort(r)
	return string(r)
}
