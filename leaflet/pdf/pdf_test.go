package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
	gotext "github.com/go-text/typesetting/font"
)

var loadFonts = sync.OnceValues(func() (*fontset.Set, error) { return fontset.Load(fonts.FS()) })

func set(t *testing.T, lang string, rtl bool, text string) *typeset.Block {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	b, err := typeset.New(fs.NewFaces(), lang, rtl).Set([]typeset.Paragraph{{Text: text, Style: typeset.Style{Size: 12}}}, 1e4, 1e4)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// layerString writes a line's text layer readably: its pieces in drawing order between
// brackets, "v" before one drawn lower (against the paragraph's direction), "m" before a mark
// drawn narrow, "f" before one drawn flipped; glyphs apart by "|", "°" after one of no width,
// <R> and <L> for the marks of direction.
func layerString(l typeset.Line) string {
	marks := strings.NewReplacer("\u200f", "<R>", "\u200e", "<L>")
	var b strings.Builder
	for _, p := range textLayer(l) {
		b.WriteString("[")
		for _, f := range []struct {
			on   bool
			name string
		}{{p.against, "v "}, {p.mark, "m "}, {p.flip, "f "}} {
			if f.on {
				b.WriteString(f.name)
			}
		}
		for i, g := range p.glyphs {
			if i > 0 {
				b.WriteString("|")
			}
			b.WriteString(marks.Replace(string(g.text)))
			if g.zero {
				b.WriteString("°")
			}
		}
		b.WriteString("]")
	}
	return b.String()
}

// TestTextLayer: what each line's text layer is made of (see textLayer; the reader tests,
// TestMixedLinesComeBack and leaflet's TestParagraphsComeBack, say that readers read it right).
func TestTextLayer(t *testing.T) {
	tests := []struct {
		lang string
		rtl  bool
		text string
		want string
	}{
		{"en", false, "Talk early and often", "[T|a|l|k |e|a|r|l|y |a|n|d |o|f|t|e|n]"},
		{"hi", false, "बच्चों की ऑनलाइन", "[ब|च|्|च|ो|ं |क|ी |ऑ|न|ल|ा|इ|न]"},
		{"ar", true, "وأن 30% تواصلوا", "[<R> |ن|أ|و][v 3|0|% |<L>][m <R>][ا|و|ل|ص|ا|و|ت]"},
		{"ar", true, "زوروا www.ecpat.be", "[<R> |ا|و|ر|و|ز][v w|w|w|.|e|c|p|a|t|.|b|e|<L>][m <R>]"},
		{"ar", true, "أطفالنا. فيه", "[ه|ي|ف |<R>|.|ا|ن|ل|ا|ف|ط|أ]"},
		{"ar", true, "و12 عاما", "[ا|م|ا|ع |<R>|1|2|و]"},
		{"ar", true, "بلغوا ١٣ عاما", "[<R> |ا|و|غ|ل|ب][v <L><L><L>١|<L><L><L>٣ |<L>][m <R>][ا|م|ا|ع]"},
		{"ar", true, "و١٢ عاما", "[ا|م|ا|ع |<R>|١|٢|و]"},
		{"ar", true, "إليّ، وإليك", "[ك|ي|ل|إ|و |<R>|،|<R>|ّ°|ي|ل|إ]"},
		{"en", false, "abc مرحبا def", "[a|b|c ][f <L>°|ا|ب|ح|ر|م|<L>°][<L> |d|e|f]"},
		{"en", false, "The greeting السلام عليكم means peace.", "[T|h|e |g|r|e|e|t|i|n|g ][f <L>°|م|ا|ل|س|ل|ا|<L>°][<L> |<L>°][f <L>°|م|ك|ي|ل|ع|<L>°][<L> |m|e|a|n|s |p|e|a|c|e|.]"},
		{"en", false, "say إليّ", "[s|a|y ][v f <L>°|<R>ّي|ل|إ|<L>°]"},
		{"en", false, "want می\u200cخواهم", "[w|a|n|t ][f <L>°|ی|م|<L>°][\u200c°][f <L>°|م|ه|ا|و|خ|<L>°]"},
	}
	for _, tt := range tests {
		if got := layerString(set(t, tt.lang, tt.rtl, tt.text).Lines[0]); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

func TestWithCmap(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	src := fs.Fonts()[0]
	gids := []uint16{36, 68, 3, 1000, 68}
	data, err := withCmap(src.Data, gids)
	if err != nil {
		t.Fatal(err)
	}
	face, err := gotext.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the rewritten font does not parse: %v", err)
	}
	for i, g := range gids {
		got, ok := face.NominalGlyph(rune(puaBase + i))
		if !ok || uint16(got) != g {
			t.Errorf("U+%04X → %d, %v; want glyph %d", puaBase+i, got, ok, g)
		}
	}
	if _, ok := face.NominalGlyph('A'); ok {
		t.Error("the rewritten cmap still maps 'A'")
	}
	if _, err := withCmap(src.Data, []uint16{60000}); err == nil {
		t.Error("a glyph the font lacks: no error")
	}
	if _, err := withCmap([]byte("not a font"), gids); err == nil {
		t.Error("not a font: no error")
	}
}

// write draws blocks on one page and returns the PDF.
func write(t *testing.T, lang string, blocks ...*typeset.Block) []byte {
	t.Helper()
	d := New(Options{Page: Page{Width: 595, Height: 842, Bleed: 8.5}, Lang: lang, Title: "test"})
	d.AddPage()
	for i, b := range blocks {
		d.Text(b, 40, 40+float64(i)*40, Color{K: 1})
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// streams returns the decompressed streams of a PDF.
func streams(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	re := regexp.MustCompile(`(?s)/Filter /FlateDecode[^>]*>>\s*stream\r?\n(.*?)\r?\nendstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(zr)
		out = append(out, string(data))
	}
	return out
}

func TestFontsInTheFile(t *testing.T) {
	pdf := write(t, "ar", set(t, "ar", true, "حماية الأطفال على الإنترنت"))
	names := regexp.MustCompile(`/BaseFont /([A-Z]{6})\+(\S+)`).FindAllStringSubmatch(string(pdf), -1)
	got := map[string]bool{}
	for _, n := range names {
		got[n[2]] = true
	}
	// Only the font that is drawn is embedded, under a subset-tagged name.
	if len(got) != 1 || !got["NotoNaskhArabic-Regular"] {
		t.Errorf("embedded fonts %v, want only NotoNaskhArabic-Regular with a subset tag", got)
	}
	if n := strings.Count(string(pdf), "/FontFile2"); n != 1 {
		t.Errorf("%d embedded font programs, want 1", n)
	}
	for _, want := range []string{"/Lang (ar)", "/TrimBox [8.50 8.50 603.50 850.50]"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("no %q in the file", want)
		}
	}
	page := strings.Join(streams(t, pdf), "\n")
	if !strings.Contains(page, silenced) || !strings.Contains(page, " Tz") || !strings.Contains(page, "/Span <</MCID 0>> BDC") {
		t.Error("the drawn glyphs are not silenced, or there is no text layer in a marked-content sequence")
	}
}

func TestToUnicode(t *testing.T) {
	// The drawn glyphs stand for a soft hyphen; the text layer's blank glyphs each for one
	// character (with the spaces after it), never for a cluster.
	pdf := write(t, "hi", set(t, "hi", false, "कि क्ष"))
	var cmap string
	for _, s := range streams(t, pdf) {
		if strings.Contains(s, "beginbfchar") {
			cmap = s
		}
	}
	if cmap == "" {
		t.Fatal("no ToUnicode map with entries")
	}
	for _, want := range []string{"<00AD>", "<0915>", "<093F0020>", "<094D>", "<0937>"} {
		if !strings.Contains(cmap, "> "+want+"\n") {
			t.Errorf("ToUnicode lacks %s:\n%s", want, cmap)
		}
	}
	for _, bad := range []string{"<0915093F>", "<0915094D0937>", "> <0000>\n"} {
		if strings.Contains(cmap, bad) {
			t.Errorf("ToUnicode has %s:\n%s", bad, cmap)
		}
	}
}

func TestDeterministic(t *testing.T) {
	b := set(t, "ur", true, "بچوں کی آن لائن حفاظت 116\u00a0000")
	if !bytes.Equal(write(t, "ur", b), write(t, "ur", b)) {
		t.Error("the same drawing gave different files")
	}
}

func TestParseFileRejectsGarbage(t *testing.T) {
	for _, src := range []string{"", "%PDF-1.4\n", "%PDF-1.4\nxref\n0 1\ntrailer<<>>\nstartxref\n999\n%%EOF\n"} {
		if _, err := parseFile([]byte(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}
