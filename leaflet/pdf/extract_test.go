package pdf

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ecpat/makeitsafe/leaflet/internal/pdftext"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// readers are poppler (pdftotext: Evince, Okular…), PDFium (Chrome, Edge) and pdf.js (Firefox),
// where they are installed (see internal/pdftext).
func readers(t *testing.T) []string {
	t.Helper()
	have, missing := pdftext.Readers()
	for _, m := range missing {
		t.Log("not measured: " + m)
	}
	return have
}

// invisible are characters readers may give back that are not text: marks of direction, soft
// hyphens, zero-width characters, as extractcheck (../shared/tools/extractcheck) drops them,
// and U+FFFE, which PDFium puts in place of a hyphen at a line end when it joins the word's
// two halves ("Privat\ufffesphäre").
var invisible = regexp.MustCompile("[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe]")

// words splits extracted text as extractcheck does: NFC, invisible characters dropped, a word
// hyphenated at a line end joined.
func words(text string) []string {
	text = norm.NFC.String(invisible.ReplaceAllString(text, ""))
	text = strings.ReplaceAll(text, "-\n", "")
	return strings.Fields(text)
}

// extract writes blocks on one page and returns what each reader gives back.
func extract(t *testing.T, lang string, blocks ...*typeset.Block) map[string]string {
	t.Helper()
	rs := readers(t)
	if len(rs) == 0 {
		t.Skip("no PDF reader: install poppler-utils, node and the readers of internal/pdftext (see .ci/run)")
	}
	path := filepath.Join(t.TempDir(), "test.pdf")
	if err := os.WriteFile(path, write(t, lang, blocks...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, name := range rs {
		s, err := pdftext.Text(name, path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// set500 sets text as one paragraph in a frame 500pt wide, which the page holds.
func set500(t *testing.T, lang string, rtl bool, text string) *typeset.Block {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	b, err := typeset.New(fs.NewFaces(), lang, rtl).Set([]typeset.Paragraph{{Text: text, Style: typeset.Style{Size: 12}}}, 500, 700)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Pages of text in one direction, on which a mixed line is set: poppler takes the direction of
// a page's lines from the page's letters, as a leaflet's page has them.
const (
	englishPage = "The internet is part of growing up. Children learn, play, make friends and find their own voice online."
	arabicPage  = "الإنترنت جزء من نشأة أطفالنا فيه يتعلمون ويلعبون ويكسبون أصدقاء ويعبرون عن أنفسهم."
)

// TestMixedLinesComeBack sets the lines of issue 10 that came back with words swapped, numbers
// reversed or marks misplaced, each on a page of its paragraph's direction, and expects poppler
// PDFium and pdf.js to give back every word in logical order, its punctuation included. (Poppler moves
// an Arabic comma after a word without a final mark to the next word, "أطفالنا ،فيه", which
// extractcheck, trimming punctuation from words, does not count; the page text has none.)
func TestMixedLinesComeBack(t *testing.T) {
	for _, tc := range []struct {
		lang string
		rtl  bool
		text string
	}{
		// Left-to-right lines holding right-to-left words.
		{"en", false, "The greeting السلام عليكم means peace."},
		{"en", false, "abc مرحبا 123 عالم def"},
		{"en", false, "«الرقم 30%» (2011–2014)"},
		{"en", false, "In Persian, I want is می‌خواهم."},
		{"en", false, "When you meet them, say مَرْحَبًا to them, and later مع السلامة when you leave."},
		{"en", false, "Call Child Focus (مركز الطفل): 116 000."},
		{"en", false, "The word إليّ has a shadda at its end, in an English sentence."},
		// Right-to-left lines: a final mark before punctuation, numbers, addresses.
		{"ar", true, "إليّ، وإليك"},
		{"ar", true, "وأن 30% تواصلوا (2011–2014)."},
		{"ar", true, "زوروا www.ecpat.be أو info@ecpat.be."},
		{"ar", true, "اتصلوا بالرقم 116 111 أو 116\u00a0000 الآن."},
		{"ar", true, "اتصلوا بالرقم \u200e0800-123-456 أو \u200e+32 2 522 63 23."},
		{"ur", true, "مدد کے لیے 116 111 پر کال کریں۔"},
		// Native digits (an edition's digits = "native"): Arabic-Indic, Extended Arabic-Indic.
		{"ar", true, "وأن ٣٨٪ من ٩ إلى ١٢ (٢٠١١–٢٠١٤)."},
		{"ar", true, "في عام ٢٠٢٤، اتصلوا بالرقم ١١٦ ١١١ أو ١٢٫٥ الآن."},
		{"ur", true, "مدد کے لیے ۱۱۶ ۱۱۱ پر کال کریں، ۳۰٪ بچے۔"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			page := englishPage
			if tc.rtl {
				page = arabicPage
			}
			got := extract(t, tc.lang, set500(t, tc.lang, tc.rtl, page), set500(t, tc.lang, tc.rtl, tc.text))
			want := strings.Join(words(page+"\n"+tc.text), " ")
			for name, text := range got {
				if w := strings.Join(words(text), " "); w != want {
					t.Errorf("%s gives back\n%q\nwant\n%q", name, w, want)
				}
			}
		})
	}
}

// TestSoftHyphenComesBackAsOneWord sets a word with soft hyphens in a narrow column: each line
// that ends at one shows a hyphen, and poppler and PDFium give the word back whole: poppler as
// "Privat-\nsphäre", which extractcheck joins, PDFium as "Privat\ufffesphäre".
func TestSoftHyphenComesBackAsOneWord(t *testing.T) {
	text := "Die Privat\u00adsphäre\u00adeinstellungen prüfen"
	b := set500(t, "de", false, englishPage)
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	narrow, err := typeset.New(fs.NewFaces(), "de", false).Set([]typeset.Paragraph{{Text: text, Style: typeset.Style{Size: 12}}}, 85, 700)
	if err != nil {
		t.Fatal(err)
	}
	hyphens := 0
	for _, l := range narrow.Lines {
		if lineEndsWithHyphen(l) {
			hyphens++
		}
	}
	if hyphens == 0 {
		t.Fatalf("no line ends at a soft hyphen with a hyphen: %d lines", len(narrow.Lines))
	}
	want := strings.Join(words(englishPage+"\n"+text), " ")
	for name, got := range extract(t, "de", b, narrow) {
		if w := strings.Join(words(got), " "); w != want {
			t.Errorf("%s gives back\n%q\nwant\n%q", name, w, want)
		}
	}
}

// lineEndsWithHyphen reports whether a line's text ends with a hyphen.
func lineEndsWithHyphen(l typeset.Line) bool {
	var text []rune
	for _, r := range logical(l.Runs) {
		text = append(text, r.Text...)
	}
	return len(text) > 0 && text[len(text)-1] == '-'
}
