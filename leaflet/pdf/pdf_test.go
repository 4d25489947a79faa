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

func TestActualText(t *testing.T) {
	const r, l = "\u200f", "\u200e"
	tests := []struct {
		lang string
		rtl  bool
		text string
		want string
	}{
		{"en", false, "Talk early and often", "Talk early and often"},
		{"hi", false, "बच्चों की ऑनलाइन सुरक्षा", "बच्चों की ऑनलाइन सुरक्षा"},
		// Right to left: reversed, left-to-right words cut at punctuation and fenced.
		{"ar", true, "وأن 30% تواصلوا", r + "اولصاوت " + r + "%" + r + "30" + r + " نأو" + r},
		{"ar", true, "زوروا www.ecpat.be", r + r + "be" + r + "." + r + "ecpat" + r + "." + r + "www" + r + " اوروز" + r},
		{"ar", true, "بالرقم 116\u00a0000", r + r + "000" + r + "\u00a0" + r + "116" + r + " مقرلاب" + r},
		{"en", false, "abc مرحبا def", "abc " + l + "ابحرم" + l + " def"},
		// Issue 10: left-to-right lines in logical order, each stretch of Arabic letters
		// reversed and fenced; a combining mark stands alone; punctuation in right-to-left
		// lines fenced.
		{"en", false, "The greeting السلام عليكم means peace.", "The greeting " + l + "مالسلا" + l + " " + l + "مكيلع" + l + " means peace."},
		{"en", false, "abc مرحبا 123 عالم def", "abc " + l + "ابحرم" + l + " 123 " + l + "ملاع" + l + " def"},
		{"en", false, "«الرقم 30%» (2011–2014)", "«" + l + "مقرلا" + l + " 30%» (2011–2014)"},
		{"en", false, "want می\u200cخواهم", "want " + l + "یم" + l + "\u200c" + l + "مهاوخ" + l},
		{"en", false, "say إليّ", "say " + l + "يلإ" + l + "\u0651" + l},
		{"ar", true, "إليّ، وإليك", r + "كيلإو " + r + "،" + r + "\u0651يلإ" + r},
		{"ar", true, "تواصلوا (2011)", r + r + l + ")" + l + r + "2011" + r + l + "(" + l + r + " اولصاوت" + r},
	}
	for _, tt := range tests {
		got := actualText(set(t, tt.lang, tt.rtl, tt.text).Lines[0])
		if got != tt.want {
			t.Errorf("%q:\n got %+q\nwant %+q", tt.text, got, tt.want)
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
	if !strings.Contains(strings.Join(streams(t, pdf), "\n"), "/Span <</MCID 0 /ActualText <FEFF200F") {
		t.Error("no ActualText span in the page")
	}
}

func TestToUnicodeIsPerGlyphAndText(t *testing.T) {
	// In Devanagari the same glyph can stand for different text in different clusters; each pair
	// gets its own code, so ToUnicode never maps a glyph to another cluster's text.
	pdf := write(t, "hi", set(t, "hi", false, "कि कि कुछ दर्शि क्ष"))
	var cmap string
	for _, s := range streams(t, pdf) {
		if strings.Contains(s, "beginbfchar") {
			cmap = s
		}
	}
	if cmap == "" {
		t.Fatal("no ToUnicode map with entries")
	}
	for _, want := range []string{
		"<0915093F>",     // कि on one glyph
		"<0915094D0937>", // the conjunct क्ष on one glyph
	} {
		if !strings.Contains(cmap, want) {
			t.Errorf("ToUnicode lacks %s:\n%s", want, cmap)
		}
	}
	if strings.Contains(cmap, "> <0000>\n") {
		t.Error("ToUnicode maps a code to U+0000")
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
