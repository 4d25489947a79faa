package preflight_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ecpat/makeitsafe/leaflet"
	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/preflight"
)

// printers are the two printed pieces: the leaflet (the embedded design) and the poster (its
// design file in examples/poster).
var printers = sync.OnceValues(func() (map[string]*leaflet.Printer, error) {
	poster, err := design.Load(os.DirFS("../../examples/poster"), "poster.toml")
	if err != nil {
		return nil, err
	}
	out := map[string]*leaflet.Printer{}
	for name, d := range map[string]*design.Design{"leaflet": nil, "poster": poster} {
		p, err := leaflet.New(leaflet.Config{Design: d})
		if err != nil {
			return nil, err
		}
		out[name] = p
	}
	return out, nil
})

// printed is one printed file of the tests.
type printed struct {
	piece, locale string
	marks, screen bool
	pdf           []byte
	design        *design.Design
}

func (p printed) String() string {
	switch {
	case p.marks:
		return fmt.Sprintf("%s %s -marks", p.piece, p.locale)
	case p.screen:
		return fmt.Sprintf("%s %s -variant_screen", p.piece, p.locale)
	}
	return fmt.Sprintf("%s %s", p.piece, p.locale)
}

// printAll prints every locale of the leaflet and the poster, with and without marks, and the
// screen variant, each twice, and fails when the two differ by a byte.
func printAll(t *testing.T) []printed {
	t.Helper()
	ps, err := printers()
	if err != nil {
		t.Fatal(err)
	}
	var out []printed
	for _, piece := range []string{"leaflet", "poster"} {
		p := ps[piece]
		for _, tag := range p.Locales() {
			for _, o := range []leaflet.Options{{}, {Marks: true}, {Screen: true}} {
				var a, b bytes.Buffer
				for _, w := range []*bytes.Buffer{&a, &b} {
					if _, err := p.Render(t.Context(), w, tag.String(), o); err != nil {
						t.Fatalf("%s %s: %v", piece, tag, err)
					}
				}
				f := printed{piece: piece, locale: tag.String(), marks: o.Marks, screen: o.Screen, pdf: a.Bytes(), design: p.Design()}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Errorf("%s: two renderings differ (%d and %d bytes)", f, a.Len(), b.Len())
				}
				out = append(out, f)
			}
		}
	}
	return out
}

var allPrinted = struct {
	sync.Mutex
	files []printed
}{}

// files returns every printed file, printed once for all the tests of the package.
func files(t *testing.T) []printed {
	t.Helper()
	allPrinted.Lock()
	defer allPrinted.Unlock()
	if allPrinted.files == nil {
		allPrinted.files = printAll(t)
	}
	return allPrinted.files
}

// TestPrintedFiles checks every locale of the leaflet and the poster, with and without marks,
// as a print shop's preflight would: PDF/X-4 (version, output intent and its profile, XMP,
// Info, /ID, page boxes, colour spaces, fonts), ink, small text, hairlines; PDF/UA-1, with no
// content that is neither in the structure nor an artifact; and that each file is the same,
// byte for byte, when printed again. (The screen variant: TestScreenFiles.)
func TestPrintedFiles(t *testing.T) {
	for _, f := range files(t) {
		if f.screen {
			continue
		}
		t.Run(strings.ReplaceAll(f.String(), " ", "_"), func(t *testing.T) {
			r, err := preflight.Check(f.pdf)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range r.Errors() {
				t.Error(e)
			}
			checkAccessible(t, r)
			if !bytes.HasPrefix(f.pdf, []byte("%PDF-1.6\n")) {
				t.Errorf("header %q, want %%PDF-1.6", f.pdf[:9])
			}
			for _, it := range r.PDFX {
				if !it.OK {
					continue // reported by Errors
				}
				switch it.Name {
				case "output intent":
					if !strings.Contains(it.Detail, "FOGRA39 (http://www.color.org) with a CMYK profile") {
						t.Errorf("output intent: %s", it.Detail)
					}
				case "XMP metadata":
					if !strings.Contains(it.Detail, "title in "+f.locale) {
						t.Errorf("XMP: %s, want the title in %s", it.Detail, f.locale)
					}
				case "Info":
					if !strings.Contains(it.Detail, "Trapped False") {
						t.Errorf("Info: %s", it.Detail)
					}
				}
			}
			checkBoxes(t, f, r)
			for _, s := range r.Spaces {
				if s != "DeviceCMYK" && !(f.marks && s == "Separation /All") {
					t.Errorf("painted in %s", s)
				}
			}
			for _, s := range r.SetSpaces { // fpdf starts each page with "0 G 0 g": gray, never painted with
				if s != "DeviceCMYK" && s != "DeviceGray" && !(f.marks && s == "Separation /All") {
					t.Errorf("a content stream sets %s", s)
				}
			}
			if bytes.Contains(f.pdf, []byte("/DeviceRGB")) {
				t.Error("the file names /DeviceRGB")
			}
			for _, font := range r.Fonts {
				if !font.Embedded || !font.Subset {
					t.Errorf("font %s: embedded %v, subset %v", font.Name, font.Embedded, font.Subset)
				}
			}
			if f.marks && r.MarksInk != 4 {
				t.Errorf("crop marks of %g%% ink, want 400%% (/All)", 100*r.MarksInk)
			}
			if !f.marks && r.MarksInk != 0 {
				t.Errorf("%g%% ink outside the bleed without marks", 100*r.MarksInk)
			}
		})
	}
}

// checkAccessible checks that a file claims PDF/UA-1 and meets what the preflight checks of it,
// every painting operator in the structure or an artifact.
func checkAccessible(t *testing.T, r *preflight.Report) {
	t.Helper()
	if !r.Accessible {
		t.Error("the file does not claim PDF/UA-1")
	}
	for _, it := range r.PDFUA {
		if !it.OK {
			t.Errorf("PDF/UA-1: %s: %s", it.Name, it.Detail)
		}
	}
	if r.Untagged != 0 || r.Tagged == 0 || r.Artifacts == 0 {
		t.Errorf("%d painting operators in the structure, %d artifacts, %d neither: want none untagged", r.Tagged, r.Artifacts, r.Untagged)
	}
}

// TestScreenFiles checks the screen variant of every locale of the leaflet and the poster:
// PDF/UA-1 with nothing untagged, not PDF/X; PDF 1.7; sRGB only; the trimmed page as the media
// box, without bleed; links live; smaller than the print file; the same bytes when printed
// again.
func TestScreenFiles(t *testing.T) {
	all := files(t)
	size := map[string]int{}
	for _, f := range all {
		if !f.screen && !f.marks {
			size[f.piece+f.locale] = len(f.pdf)
		}
	}
	for _, f := range all {
		if !f.screen {
			continue
		}
		t.Run(strings.ReplaceAll(f.String(), " ", "_"), func(t *testing.T) {
			r, err := preflight.Check(f.pdf)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range r.Errors() {
				t.Error(e)
			}
			checkAccessible(t, r)
			if r.Print {
				t.Error("the screen variant claims PDF/X")
			}
			if !bytes.HasPrefix(f.pdf, []byte("%PDF-1.7\n")) {
				t.Errorf("header %q, want %%PDF-1.7", f.pdf[:9])
			}
			if !slices.Equal(r.Spaces, []string{"DeviceRGB"}) {
				t.Errorf("painted in %v, want DeviceRGB only", r.Spaces)
			}
			for i, p := range r.Pages {
				want := [4]float64{0, 0, f.design.Width, f.design.Height}
				for k := range 4 {
					if math.Abs(p.Media[k]-want[k]) > 0.011 || p.Trim != [4]float64{} {
						t.Errorf("page %d: media box %v, trim box %v; want the trimmed page %v alone", i+1, p.Media, p.Trim, want)
						break
					}
				}
			}
			for _, it := range r.PDFUA {
				if it.Name == "annotations" && !strings.Contains(it.Detail, "2 links") {
					t.Errorf("annotations: %s, want the website and the e-mail address as links", it.Detail)
				}
			}
			if print := size[f.piece+f.locale]; len(f.pdf) >= print {
				t.Errorf("%d bytes, the print file %d: want the screen variant smaller", len(f.pdf), print)
			}
		})
	}
}

// checkBoxes: TrimBox ≤ BleedBox ≤ MediaBox, the design's bleed (3 mm) on every side, the
// media box the bleed box without marks and larger by the same slug on every side with them.
func checkBoxes(t *testing.T, f printed, r *preflight.Report) {
	t.Helper()
	const tol = 0.011 // boxes are written to 0.01 pt
	for i, p := range r.Pages {
		for k := range 4 {
			sign := 1.0
			if k >= 2 {
				sign = -1
			}
			bleed, slug := sign*(p.Trim[k]-p.Bleed[k]), sign*(p.Bleed[k]-p.Media[k])
			if math.Abs(bleed-f.design.Bleed) > tol {
				t.Errorf("page %d, side %d: bleed %.3f pt, want %.3f (3 mm)", i+1, k, bleed, f.design.Bleed)
			}
			switch {
			case !f.marks && math.Abs(slug) > tol:
				t.Errorf("page %d: media box %v, want the bleed box %v", i+1, p.Media, p.Bleed)
			case f.marks && slug < 3*72/25.4:
				t.Errorf("page %d, side %d: a slug of %.2f pt beyond the bleed, too little for the marks", i+1, k, slug)
			}
		}
		if w, h := p.Trim[2]-p.Trim[0], p.Trim[3]-p.Trim[1]; math.Abs(w-f.design.Width) > 2*tol || math.Abs(h-f.design.Height) > 2*tol {
			t.Errorf("page %d: trim %.2f × %.2f, want %.2f × %.2f", i+1, w, h, f.design.Width, f.design.Height)
		}
	}
}

// TestCheckFindsProblems gives the preflight small files with one problem each.
func TestCheckFindsProblems(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          []string // in Errors, besides what every such file lacks
		ok            bool     // nothing of ink, text or lines wrong
	}{
		{name: "one ink", content: "0 0 0 0.9 k BT /F1 8 Tf 100 100 Td (a) Tj ET 0.2 0.3 0.1 0 k 20 20 100 100 re f 0 0 0 1 K 0.25 w 20 20 m 100 20 l S", ok: true},
		{name: "rich black small text", content: "0.5 0.4 0.4 1 k BT /F1 8 Tf 100 100 Td (a) Tj ET", want: []string{"text: 8pt in C50 M40 Y40 K100 on page 1"}},
		{name: "two inks scaled under 12pt", content: "0.5 0 0 0.5 0 0 cm 0 0.55 0.95 0 k BT /F1 20 Tf 100 100 Td (a) Tj ET", want: []string{"text: 10pt in C0 M55 Y95 K0"}},
		{name: "four inks at 12pt", content: "0.9 0.35 0.35 0.2 k BT /F1 12 Tf 100 100 Td (a) Tj ET", ok: true},
		{name: "white small text", content: "0 0 0 0 k BT /F1 6 Tf 100 100 Td (a) Tj ET", ok: true},
		{name: "ink limit", content: "1 1 1 0.5 k 10 10 100 100 re f", want: []string{"ink: 350% on page 1"}},
		{name: "ink limit in a separation", content: "/CS1 cs 0.9 scn 10 10 100 100 re f", want: []string{"ink: 360% on page 1"}},
		{name: "hairline", content: "0 0 0 1 K 0.1 w 100 100 m 200 100 l S", want: []string{"hairline: a line 0.1pt wide on page 1"}},
		{name: "hairline scaled", content: "2 0 0 2 0 0 cm 0 0 0 1 K 0.1 w 50 50 m 100 50 l S", want: []string{"hairline: a line 0.2pt wide"}},
		{name: "hair scaled up", content: "3 0 0 3 0 0 cm 0 0 0 1 K 0.1 w 50 50 m 100 50 l S", ok: true},
		{name: "thin rule", content: "0 0 0 1 k 100 100 100 0.1 re f", want: []string{"hairline: a filled rectangle 0.1pt wide"}},
		{name: "RGB", content: "1 0 0 rg 10 10 50 50 re f", want: []string{"colour: colour spaces PDF/X-4 forbids", "DeviceRGB"}, ok: true},
		{name: "RGB set, not painted", content: "0 1 0 RG 0 0 0 1 K 10 10 50 50 re f", want: []string{"colour: colour spaces PDF/X-4 forbids", "DeviceRGB"}, ok: true},
		{name: "marks outside the bleed", content: "/CS1 CS 1 SCN 0.25 w 0 5 m 5 5 l S", ok: true},
		{name: "q and Q", content: "q 0.5 0 0 0.5 0 0 cm Q 0.5 0.4 0.4 1 k BT /F1 20 Tf 100 100 Td (a) Tj ET", ok: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := preflight.Check(minimalPDF(tc.content))
			if err != nil {
				t.Fatal(err)
			}
			errs := strings.Join(r.Errors(), "\n")
			for _, w := range append(tc.want, "no GTS_PDFX output intent", "no /Metadata", "no /ID", "fonts not embedded: Helvetica") {
				if !strings.Contains(errs, w) {
					t.Errorf("errors lack %q:\n%s", w, errs)
				}
			}
			bad := len(r.RichText) > 0 || len(r.Hairlines) > 0 || r.MaxInk.Value > design.InkLimit
			if tc.ok == bad {
				t.Errorf("ink, text or lines wrong: %v, want %v\n%s", bad, !tc.ok, errs)
			}
		})
	}
}

// minimalPDF is a one-page PDF with a content stream, a font that is not embedded, a separation
// colour space /CS1 (/All) and a slug of 20 pt around the bleed box: no output intent, no
// metadata, no ID.
func minimalPDF(content string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /BleedBox [20 20 380 380] /TrimBox [28.5 28.5 371.5 371.5] " +
			"/Resources << /Font << /F1 5 0 R >> /ColorSpace << /CS1 [/Separation /All /DeviceCMYK << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>] >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.6\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestCheckRejectsGarbage(t *testing.T) {
	for _, src := range []string{"", "%PDF-1.6\n", "%PDF-1.6\nxref\n0 1\ntrailer<<>>\nstartxref\n9\n%%EOF\n", "not a PDF"} {
		if _, err := preflight.Check([]byte(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}
