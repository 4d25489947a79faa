package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// pieceTexts returns the text of each piece of a line, in visual order, with its span.
func pieceTexts(ps []piece) []string {
	var out []string
	for _, p := range ps {
		var b strings.Builder
		for _, r := range logical(p.line.Runs) {
			b.WriteString(string(r.Text))
		}
		out = append(out, fmt.Sprintf("%d:%s", p.span, b.String()))
	}
	return out
}

func TestPieces(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		rtl   bool
		text  string
		spans []Span
		want  []string // visual order
	}{
		{"en", false, "Talk early and often", nil, []string{"-1:Talk early and often"}},
		// A link inside a run of one direction: the run is cut at its edges.
		{"en", false, "Website: www.ecpat.be now", []Span{{Start: 9, End: 21, URI: "https://www.ecpat.be"}},
			[]string{"-1:Website: ", "0:www.ecpat.be", "-1: now"}},
		// A Latin name in Arabic, its own run: the pieces in visual order, the Arabic after it
		// (logically) on its left.
		{"ar", true, "دراسة EU Kids Online أن", []Span{{Start: 6, End: 20, Lang: "en"}},
			[]string{"-1: أن", "0:EU Kids Online", "-1:دراسة "}},
		// With its numbers: the left-to-right stretch is never cut, and belongs to the name.
		{"ar", true, "دراسة EU Kids Online (2011–2014) أن", []Span{{Start: 6, End: 20, Lang: "en"}},
			[]string{"-1: أن", "0:EU Kids Online (2011–2014)", "-1:دراسة "}},
		// A Latin name in Hindi.
		{"hi", false, "संपर्क करें: ECPAT Belgium", []Span{{Start: 13, End: 26, Lang: "en"}},
			[]string{"-1:संपर्क करें: ", "0:ECPAT Belgium"}},
	} {
		l := set(t, tc.lang, tc.rtl, tc.text).Lines[0]
		got := pieceTexts(pieces(&l, tc.spans))
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// TestLayerCutBySpans: a line that no span cuts has its text layer; cut where spans begin and
// end, its pieces in logical order are cut there, and together stand for the same text.
func TestLayerCutBySpans(t *testing.T) {
	l := set(t, "ar", true, "زوروا www.ecpat.be اليوم").Lines[0]
	whole, _ := spanLayer(&l, nil)
	if got, want := len(whole), len(textLayer(l)); got != want {
		t.Errorf("a line without spans: %d pieces, want the layer's %d", got, want)
	}
	spans := []Span{{Start: 6, End: 18, URI: "https://www.ecpat.be"}}
	cut, spanAt := spanLayer(&l, spans)
	text := func(ps []layerPiece) string {
		var b strings.Builder
		for _, p := range ps {
			for _, g := range p.glyphs {
				b.WriteString(string(g.text))
			}
		}
		return strings.NewReplacer(string(rlm), "", string(lrm), "").Replace(b.String())
	}
	if text(cut) != text(whole) {
		t.Errorf("cut pieces stand for %+q, want the line's %+q", text(cut), text(whole))
	}
	for _, p := range cut {
		for _, g := range p.glyphs {
			if g.at >= 0 && p.logical && spanAt(g.at) != spanAt(p.from) {
				t.Errorf("a piece in logical order holds text of two spans: %+q", text([]layerPiece{p}))
			}
		}
	}
}

// tagged draws a heading, a paragraph with an English name and a link, a list with a label, a
// figure and decoration, and returns the PDF.
func tagged(t *testing.T, screen bool) []byte {
	t.Helper()
	d := New(Options{Page: Page{Width: 400, Height: 400, Bleed: 8.5}, Lang: "ar", Title: "test", Screen: screen})
	d.AddPage()
	root := d.Root()
	d.Artifact(Layout)
	d.Rect(-8.5, -8.5, 417, 60, Color{C: 0.9, M: 0.35, Y: 0.35, K: 0.2})
	h := root.Add("H1")
	d.TextParas(set(t, "ar", true, "حماية الأطفال"), 20, 20, Color{K: 1}, []Para{{Elem: h}})
	p := root.Add("P")
	text := "زوروا www.ecpat.be مع EU Kids Online"
	d.TextParas(set(t, "ar", true, text), 20, 80, Color{K: 0.9}, []Para{{Elem: p, Spans: []Span{
		{Start: 6, End: 18, Lang: "en", URI: "https://www.ecpat.be"}, {Start: 22, End: 36, Lang: "en"}}}})
	lbl := root.Add("L").Add("LI").Add("Lbl")
	lbl.ActualText = "\u2610"
	d.Tag(lbl)
	d.Rect(20, 150, 9, 9, Color{C: 0.9})
	fig := root.Add("Figure")
	fig.Alt = "a shield"
	d.Tag(fig)
	var path Path
	path.MoveTo(100, 150)
	path.LineTo(120, 170)
	d.Stroke(&path, 2, Color{K: 1})
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestStructureInTheFile looks at what tagging writes: the catalogue's keys, the elements with
// their attributes, marked content with MCIDs, ActualText and languages that agree with the
// elements, artifacts, the parent tree.
func TestStructureInTheFile(t *testing.T) {
	for _, screen := range []bool{false, true} {
		pdf := tagged(t, screen)
		for _, want := range []string{
			"/MarkInfo <</Marked true>>", "/StructTreeRoot ", "/ViewerPreferences <</DisplayDocTitle true>>",
			"/StructParents 0\n/Tabs /S\n", "/S /Document", "/S /H1", "/S /P", "/S /L", "/S /LI",
			"/S /Lbl", "/ActualText <FEFF2610>", "/S /Figure", "/Alt (a shield)", "/ParentTree ",
			"/S /Span", "/Lang (en)",
		} {
			if !bytes.Contains(pdf, []byte(want)) {
				t.Errorf("screen %v: no %q in the file", screen, want)
			}
		}
		content := strings.Join(streams(t, pdf), "\n")
		for _, want := range []string{"/Artifact <</Type /Layout>> BDC", "/Lbl <</MCID ", "/Figure <</MCID "} {
			if !strings.Contains(content, want) {
				t.Errorf("screen %v: no %q in the page", screen, want)
			}
		}
		// Every span in English is a marked-content sequence with its /Lang, and its element
		// says the same.
		if n := strings.Count(content, "/Lang (en)>>"); n != 2 {
			t.Errorf("screen %v: %d sequences in English, want 2 (the address, the name)", screen, n)
		}
		links := bytes.Count(pdf, []byte("/S /Link"))
		annots := bytes.Count(pdf, []byte("/Subtype /Link"))
		if screen && (links != 1 || annots != 1 || !bytes.Contains(pdf, []byte("/URI (https://www.ecpat.be)"))) ||
			!screen && (links != 0 || annots != 0) {
			t.Errorf("screen %v: %d Link elements, %d link annotations", screen, links, annots)
		}
		// Each MCID of the page is in the parent tree once.
		mcids := regexp.MustCompile(`/MCID (\d+)`).FindAllStringSubmatch(content, -1)
		tree := regexp.MustCompile(`/Nums \[0 \[([^\]]*)\]`).FindSubmatch(pdf)
		if tree == nil || len(strings.Fields(string(tree[1])))/3 != len(mcids) {
			t.Errorf("screen %v: %d MCIDs, parent tree %q", screen, len(mcids), tree)
		}
		for i, m := range mcids {
			if m[1] != strconv.Itoa(i) {
				t.Errorf("screen %v: MCID %s in place %d", screen, m[1], i)
			}
		}
	}
}

// TestScreenVariant: the trimmed page alone, sRGB, no output intent, PDF 1.7, PDF/UA but not
// PDF/X in the metadata.
func TestScreenVariant(t *testing.T) {
	pdf := tagged(t, true)
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n")) {
		t.Errorf("header %q", pdf[:9])
	}
	for _, absent := range []string{"/OutputIntents", "/TrimBox", "/BleedBox", "GTS_PDFX", "/Trapped", "pdf:Trapped"} {
		if bytes.Contains(pdf, []byte(absent)) {
			t.Errorf("the screen variant has %s", absent)
		}
	}
	for _, want := range []string{"/MediaBox [0 0 400.00 400.00]", "<pdfuaid:part>1</pdfuaid:part>"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
	content := strings.Join(streams(t, pdf), "\n")
	if regexp.MustCompile(`(?m) [kK]$| [kK] `).MatchString(content) || !strings.Contains(content, " rg") {
		t.Error("the screen variant paints in CMYK, or not in RGB")
	}
	print := tagged(t, false)
	if len(pdf) >= len(print) {
		t.Errorf("the screen variant (%d bytes) is not smaller than print (%d)", len(pdf), len(print))
	}
}

// TestScreenColour converts colours through the output intent's profile and compares them with
// ArgyllCMS's (xicclu, Debian's argyll): Lab within 0.5 ΔE; and checks the sRGB ends: the paper
// white, the deepest black black.
func TestScreenColour(t *testing.T) {
	l, err := deviceToLab()
	if err != nil {
		t.Fatal(err)
	}
	if got := l.screenColour(Color{}); got.String() != "1.000 1.000 1.000" {
		t.Errorf("paper white → %v, want 1 1 1", got)
	}
	if got := l.screenColour(Color{1, 1, 1, 1}); got.R+got.G+got.B > 0.01 {
		t.Errorf("all inks → %v, want black", got)
	}
	colours := []Color{{}, {0, 0, 0, 0.9}, {0, 0, 0, 0.55}, {0.9, 0.35, 0.35, 0.2}, {0.55, 0.1, 0.2, 0},
		{0, 0.55, 0.95, 0}, {0.1, 0.02, 0.05, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0.3, 0.6, 0.2, 0.4}}
	if _, err := exec.LookPath("xicclu"); err != nil {
		t.Skip("xicclu not found (Debian argyll): the conversion is not compared with ArgyllCMS's")
	}
	var in strings.Builder
	for _, c := range colours {
		fmt.Fprintf(&in, "%g %g %g %g\n", c.C, c.M, c.Y, c.K)
	}
	cmd := exec.Command("xicclu", "-ir", "-pl", "profile/fogra39.icc")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xicclu: %v", err)
	}
	re := regexp.MustCompile(`-> ([-\d.]+) ([-\d.]+) ([-\d.]+) \[Lab\]`)
	got := re.FindAllStringSubmatch(string(out), -1)
	if len(got) != len(colours) {
		t.Fatalf("xicclu gave %d colours for %d:\n%s", len(got), len(colours), out)
	}
	for i, c := range colours {
		var want [3]float64
		for k := range 3 {
			want[k], _ = strconv.ParseFloat(got[i][k+1], 64)
		}
		lab := l.lab(c)
		if d := math.Sqrt(sq(lab[0]-want[0]) + sq(lab[1]-want[1]) + sq(lab[2]-want[2])); d > 0.5 {
			t.Errorf("%v → Lab %.2f, ArgyllCMS %.2f: ΔE %.2f", c, lab, want, d)
		}
	}
}

func sq(x float64) float64 { return x * x }

// TestDefaultTagging: a document whose caller tags nothing is tagged all the same, each
// paragraph a P, any other drawing an artifact.
func TestDefaultTagging(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	b, err := typeset.New(fs.NewFaces(), "en", false).Set([]typeset.Paragraph{
		{Text: "One", Style: typeset.Style{Size: 12}}, {Text: "Two", Style: typeset.Style{Size: 12}}}, 300, 300)
	if err != nil {
		t.Fatal(err)
	}
	d := New(Options{Page: Page{Width: 400, Height: 400}, Lang: "en", Title: "t"})
	d.AddPage()
	d.Rect(0, 0, 10, 10, Color{K: 1})
	d.Text(b, 20, 20, Color{K: 1})
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(buf.Bytes(), []byte("/S /P ")); n != 2 {
		t.Errorf("%d P elements, want 2", n)
	}
	if !strings.Contains(strings.Join(streams(t, buf.Bytes()), "\n"), "/Artifact <</Type /Layout>> BDC") {
		t.Error("the rectangle is not an artifact")
	}
}
