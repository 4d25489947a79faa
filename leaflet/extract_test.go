package leaflet

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/internal/pdftext"
)

// How far beyond a column of a frame text is read: below it, as a piece of a line's text layer
// set against its paragraph's direction is drawn lower than its line (a badge's text, centred
// in it, then reaches below it); to the sides, as a mark of direction ends just left of a
// left-to-right piece. Not above it, where the frame before it can end closer than that.
const (
	slackX     = 1.0
	slackBelow = 3.0
)

// TestParagraphsComeBack checks that the text poppler (Evince, Okular), PDFium (Chrome, Edge) and
// pdf.js (Firefox) read from inside each frame of a leaflet is the frame's paragraphs, whole and
// in order, for the locales of every script that is shaped or runs right to left, and for
// Arabic, Urdu and Bengali in their own digits too. Each column of a frame is read alone: poppler
// reads the lines of columns side by side as one.
func TestParagraphsComeBack(t *testing.T) {
	readers, missing := pdftext.Readers()
	for _, m := range missing {
		t.Log("not measured: " + m)
	}
	if len(readers) == 0 {
		t.Skip("no PDF reader here (see .ci/run)")
	}
	p, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	native, err := editions.Parse([]byte("organisation = \"ECPAT Belgium\"\nwebsite = \"www.ecpat.be\"\n"+
		"emergency = \"112\"\ndigits = \"native\"\n"), "native.toml")
	if err != nil {
		t.Fatal(err)
	}
	type printed struct {
		name, tag string
		o         Options
		pdf       []byte
		err       error
	}
	var cases []printed
	for _, r := range embeddedRenderings(t) {
		if slices.Contains([]string{"ar", "ur", "hi", "bn", "pa", "en"}, r.tag) {
			cases = append(cases, printed{r.tag, r.tag, Options{}, r.pdf, r.err})
		}
	}
	for _, tag := range []string{"ar", "ur", "bn"} {
		var buf bytes.Buffer
		_, err := p.Render(t.Context(), &buf, tag, Options{Edition: native})
		cases = append(cases, printed{tag + "-native", tag, Options{Edition: native}, buf.Bytes(), err})
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if c.err != nil {
				t.Fatal(c.err)
			}
			path := filepath.Join(dir, c.name+".pdf")
			if err := os.WriteFile(path, c.pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			paras, err := p.Text(c.tag, c.o)
			if err != nil {
				t.Fatal(err)
			}
			rd, err := p.start(c.tag, c.o)
			if err != nil {
				t.Fatal(err)
			}
			rd.ctx = t.Context()
			d := rd.design // mirrored for right-to-left locales
			want := map[string][]string{}
			for _, pa := range paras {
				want[pa.Frame] = append(want[pa.Frame], pa.Text)
			}
			var names []string
			var rects []pdftext.Rect
			var cols []int // how many rectangles, one per column, each frame has
			for i, page := range d.Pages {
				pl, err := rd.place(page) // where the locale's layout puts each frame
				if err != nil {
					t.Fatal(err)
				}
				for k, f := range page.Frames {
					if len(want[f.Name]) == 0 {
						continue
					}
					f.Rect = pl.frames[k]
					n := 1
					if s := pl.set[k]; s != nil {
						n = len(s.cols)
					}
					names, cols = append(names, f.Name), append(cols, n)
					for c := range n {
						rc := rd.column(f, c, n).Rect
						rects = append(rects, pdftext.Rect{Page: i + 1,
							X0: d.Bleed + rc.X - slackX, X1: d.Bleed + rc.X + rc.W + slackX,
							Y0: d.Bleed + d.Height - rc.Y - rc.H - slackBelow, Y1: d.Bleed + d.Height - rc.Y})
					}
				}
			}
			for _, reader := range readers {
				got, err := pdftext.InRects(reader, path, rects, d.Height+2*d.Bleed)
				if err != nil {
					t.Fatal(err)
				}
				at := 0
				for i, name := range names {
					g := pdftext.Normalise(strings.Join(got[at:at+cols[i]], "\n"))
					at += cols[i]
					if w := pdftext.Normalise(strings.Join(want[name], "\n")); g != w {
						t.Errorf("%s, frame %s:\n got %q\nwant %q", reader, name, g, w)
					}
				}
			}
		})
	}
}
