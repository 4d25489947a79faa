package typeset

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
)

var loadFonts = sync.OnceValues(func() (*fontset.Set, error) { return fontset.Load(fonts.FS()) })

func newTypesetter(t testing.TB, lang string, rtl bool) *Typesetter {
	t.Helper()
	set, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return New(set.NewFaces(), lang, rtl)
}

// visual returns the text of a one-line paragraph as it reads on the page from left to right:
// its runs in visual order, each given as its logical text.
func visual(t *testing.T, ts *Typesetter, text string) []string {
	t.Helper()
	b, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 10}}}, 1e5, 1e5)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Lines) != 1 {
		t.Fatalf("%q: %d lines, want 1", text, len(b.Lines))
	}
	var out []string
	for _, r := range b.Lines[0].Runs {
		if s := strings.TrimSpace(string(r.Text)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func TestBidiVisualOrder(t *testing.T) {
	tests := []struct {
		name string
		lang string
		rtl  bool
		text string
		want []string // pieces from left to right on the page
	}{
		// Rule L2 by levels: the numbers (level 2) stay between the Arabic words (level 1), whose
		// order reverses; go-text's LineWrapper, which orders by direction only, swaps them.
		{"arabic in LTR", "en", false, "abc مرحبا 123 عالم def", []string{"abc", "عالم", "123", "مرحبا", "def"}},
		{"latin in RTL", "ar", true, "مرحبا abc 123 def عالم", []string{"عالم", "abc 123 def", "مرحبا"}},
		{"url at the end of RTL", "ar", true, "زوروا موقعنا www.ecpat.be", []string{"www.ecpat.be", "زوروا موقعنا"}},
		{"url and full stop", "ar", true, "زوروا www.ecpat.be.", []string{".", "www.ecpat.be", "زوروا"}},
		// A phone number written with a no-break space (class CS) is one number...
		{"phone, Arabic", "ar", true, "اتصلوا بالرقم 116\u00a0111 الآن", []string{"الآن", "116\u00a0111", "اتصلوا بالرقم"}},
		{"phone, Urdu", "ur", true, "مدد کے لیے 116\u00a0111 پر کال کریں", []string{"پر کال کریں", "116\u00a0111", "مدد کے لیے"}},
		// ...and so is one written with plain spaces, which UAX #9 alone would make two, reading
		// 111 116 from left to right (issue 10): digit groups are joined.
		{"digit groups, Arabic", "ar", true, "اتصلوا بالرقم 116 111 الآن", []string{"الآن", "116 111", "اتصلوا بالرقم"}},
		{"digit groups, Urdu", "ur", true, "مدد کے لیے 116 111 پر کال کریں", []string{"پر کال کریں", "116 111", "مدد کے لیے"}},
		{"thin space", "ar", true, "الرقم 116\u2009000", []string{"116\u2009000", "الرقم"}},
		{"plus sign", "ar", true, "اتصلوا بالرقم +32 2 522 63 23", []string{"+", "32 2 522 63 23", "اتصلوا بالرقم"}}, // "+" in a run of its own, at the left
		{"digit groups in LTR", "en", false, "مرحبا 116 111", []string{"116 111", "مرحبا"}},
		{"two spaces make two numbers", "ar", true, "الرقم 116  111", []string{"111", "116", "الرقم"}},
		// The opening bracket, mirrored, sits at the right, beside the word before it; the range
		// reads from right to left, as the text does.
		{"brackets with numbers", "ar", true, "دراسة (2011–2014) أن", []string{"أن", ")", "2014", "–", "2011", "(", "دراسة"}},
		{"percent", "ar", true, "أن 30% تواصلوا", []string{"تواصلوا", "%", "30", "أن"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := visual(t, newTypesetter(t, tt.lang, tt.rtl), tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestResolveLevels(t *testing.T) {
	tests := []struct {
		text string
		base Level
		want string // one digit per rune
	}{
		{"ab", 0, "00"},
		{"אב", 0, "11"},
		{"ab אב", 0, "00011"},
		{"אב 12", 1, "11122"},
		{"abc مرحبا 123 عالم def", 0, "0000111111222111110000"},
		{"مرحبا 123.", 0, "1111112220"}, // the full stop takes the paragraph's direction (N2)
		{"(12)", 1, "1221"},
		{"a(ב)", 0, "0010"}, // brackets take the direction of the text before them (N0)
		{"ב(a)", 1, "1121"},
		{"ا\u200dب", 1, "111"},
	}
	for _, tt := range tests {
		levels, err := resolveLevels([]rune(tt.text), tt.base)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, l := range levels {
			b.WriteByte('0' + byte(l))
		}
		if b.String() != tt.want {
			t.Errorf("%q base %d: levels %s, want %s", tt.text, tt.base, b.String(), tt.want)
		}
	}
}

func TestVisualOrder(t *testing.T) {
	tests := []struct {
		levels []Level
		want   []int
	}{
		{[]Level{0, 0, 0}, []int{0, 1, 2}},
		{[]Level{1, 1, 1}, []int{2, 1, 0}},
		{[]Level{0, 1, 2, 1, 0}, []int{0, 3, 2, 1, 4}},
		{[]Level{1, 2, 2, 1}, []int{3, 1, 2, 0}},
	}
	for _, tt := range tests {
		got := VisualOrder(tt.levels)
		if !equal(got, tt.want) {
			t.Errorf("levels %v: order %v, want %v", tt.levels, got, tt.want)
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestExplicitBidiRefused(t *testing.T) {
	_, err := newTypesetter(t, "ar", true).Set([]Paragraph{{Text: "اتصلوا \u2066116\u2069", Style: Style{Size: 10}}}, 100, 100)
	var e *ExplicitBidiError
	if !errors.As(err, &e) || e.Rune != 0x2066 || !strings.Contains(err.Error(), "U+2066") {
		t.Fatalf("err = %v, want an ExplicitBidiError naming U+2066", err)
	}
}

func TestMissingGlyph(t *testing.T) {
	_, err := newTypesetter(t, "de", false).Set([]Paragraph{{Text: "Kinder 漢字 online", Style: Style{Size: 10}}}, 100, 100)
	var e *MissingGlyphError
	if !errors.As(err, &e) || e.Rune != '漢' {
		t.Fatalf("err = %v, want a MissingGlyphError for 漢", err)
	}
	for _, want := range []string{"U+6F22", "Kinder 漢字 online"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not name %q", err, want)
		}
	}
}

const para = "The internet is part of growing up. Children learn, play, make friends and find their own voice online. Most of what they do there is good for them, but they also meet risks they cannot always handle alone."

func lineWidth(l Line) float64 {
	w := 0.0
	for _, r := range l.Runs {
		w += r.Width
	}
	return w
}

func TestLinesFitTheFrame(t *testing.T) {
	for _, align := range []Align{Start, End, Center, Justify} {
		ts := newTypesetter(t, "en", false)
		b, err := ts.Set([]Paragraph{{Text: para, Style: Style{Size: 11, Align: align, Indent: 12}}}, 180, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Lines) < 4 {
			t.Fatalf("align %d: %d lines, want several", align, len(b.Lines))
		}
		for i, l := range b.Lines {
			w := lineWidth(l)
			if l.X[0] < -1e-6 || l.X[0]+w > 180+1e-6 {
				t.Errorf("align %d line %d: spans %.2f–%.2f, outside 0–180", align, i, l.X[0], l.X[0]+w)
			}
			last := i == len(b.Lines)-1
			if align == Justify && !last && math.Abs(l.X[0]+w-180) > 1e-6 {
				t.Errorf("justified line %d ends at %.2f, want 180", i, l.X[0]+w)
			}
			if align == Start && i == 0 && math.Abs(l.X[0]-12) > 1e-6 {
				t.Errorf("first line starts at %.2f, want the indent 12", l.X[0])
			}
			if align == End && math.Abs(l.X[0]+w-180) > 1e-6 {
				t.Errorf("end-aligned line %d ends at %.2f, want 180", i, l.X[0]+w)
			}
		}
		if !b.Fits() || b.Height <= 0 {
			t.Errorf("align %d: %v, want it to fit", align, b)
		}
	}
}

func TestRightToLeftStartsAtTheRight(t *testing.T) {
	ts := newTypesetter(t, "ar", true)
	b, err := ts.Set([]Paragraph{{Text: "حماية الأطفال على الإنترنت مسؤولية مشتركة بين الأهل والمدرسة والمجتمع كله.", Style: Style{Size: 11, Indent: 10}}}, 150, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range b.Lines {
		right := l.X[len(l.X)-1] + l.Runs[len(l.Runs)-1].Width
		want := 150.0
		if i == 0 {
			want -= 10
		}
		if math.Abs(right-want) > 1e-6 {
			t.Errorf("line %d ends at %.2f, want %.2f", i, right, want)
		}
	}
}

func TestJustifyWidensSpacesOnly(t *testing.T) {
	ts := newTypesetter(t, "hi", false)
	text := "बच्चों की ऑनलाइन सुरक्षा के बारे में बात करना ज़रूरी है क्योंकि इंटरनेट अब बड़े होने का हिस्सा है।"
	plain, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 11}}}, 160, 1000)
	if err != nil {
		t.Fatal(err)
	}
	just, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 11, Align: Justify}}}, 160, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for i := range plain.Lines[:len(plain.Lines)-1] {
		for k, r := range plain.Lines[i].Runs {
			for g, pg := range r.Glyphs {
				jg := just.Lines[i].Runs[k].Glyphs[g]
				if pg.ID != jg.ID || !pg.Space && pg.Advance != jg.Advance {
					t.Fatalf("line %d: glyph %d changed by justification: %+v → %+v", i, g, pg, jg)
				}
			}
		}
	}
}

func TestOverflow(t *testing.T) {
	ts := newTypesetter(t, "en", false)
	b, err := ts.Set([]Paragraph{{Text: para, Style: Style{Size: 11}}}, 180, 30)
	if err != nil {
		t.Fatal(err)
	}
	if b.Fits() || math.Abs(b.Overflow-(b.Height-30)) > 1e-9 {
		t.Errorf("%v: want an overflow of height − 30", b)
	}
}

func TestLongWordIsCut(t *testing.T) {
	ts := newTypesetter(t, "en", false)
	b, err := ts.Set([]Paragraph{{Text: "see https://www.childfocus.be/fr-be/aide-et-conseils for more", Style: Style{Size: 11}}}, 60, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range b.Lines {
		if w := lineWidth(l); w > 60+1e-6 {
			t.Errorf("line %q is %.1fpt wide, more than 60", string(l.Runs[0].Text), w)
		}
		for _, r := range l.Runs {
			got = append(got, string(r.Text))
		}
	}
	if j := strings.Join(got, ""); strings.ReplaceAll(j, " ", "") != strings.ReplaceAll("see https://www.childfocus.be/fr-be/aide-et-conseils for more", " ", "") {
		t.Errorf("text lost in cutting: %q", j)
	}
}

func TestHyphenBreakOnlyWhenNeeded(t *testing.T) {
	ts := newTypesetter(t, "de", false)
	// The compound fits on a line of its own: it moves down whole instead of breaking at "-".
	b, err := ts.Set([]Paragraph{{Text: "Sprechen Sie über Privatsphäre-Einstellungen", Style: Style{Size: 11}}}, 150, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range b.Lines {
		s := string(l.Runs[len(l.Runs)-1].Text)
		if strings.HasSuffix(s, "-") {
			t.Errorf("line breaks at a hyphen: %q", s)
		}
	}
}

func TestNastaliqNeedsMoreLeading(t *testing.T) {
	pitch := func(lang string, rtl bool, text string) float64 {
		b, err := newTypesetter(t, lang, rtl).Set([]Paragraph{{Text: text, Style: Style{Size: 10}}}, 60, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Lines) < 2 {
			t.Fatalf("%s: want two lines or more", lang)
		}
		return b.Lines[1].Baseline - b.Lines[0].Baseline
	}
	latin := pitch("en", false, "children online safety together")
	urdu := pitch("ur", true, "بچوں کی آن لائن حفاظت")
	if urdu < 1.6*latin {
		t.Errorf("Nastaliq line pitch %.1fpt, Latin %.1fpt: want Nastaliq far taller", urdu, latin)
	}
}

func TestMixedFontsShareABaseline(t *testing.T) {
	b, err := newTypesetter(t, "hi", false).Set([]Paragraph{{Text: "वेबसाइट www.ecpat.be देखें", Style: Style{Size: 10}}}, 1e4, 1e4)
	if err != nil {
		t.Fatal(err)
	}
	fonts := map[string]bool{}
	for _, r := range b.Lines[0].Runs {
		fonts[r.Font.Name] = true
	}
	if len(fonts) < 2 {
		t.Fatalf("fonts %v: want Devanagari and Latin", fonts)
	}
	// One line, one baseline; its ascent is the tallest font's.
	if len(b.Lines) != 1 || b.Lines[0].Ascent < 10*1.069-1e-6 {
		t.Errorf("lines %d, ascent %.2f: want one line as tall as Noto Sans", len(b.Lines), b.Lines[0].Ascent)
	}
}

// benchText returns about n words of running text in a language.
func benchText(lang string, n int) string {
	sample := map[string]string{
		"en": para,
		"ar": "الإنترنت جزء من نشأة أطفالنا، فيه يتعلمون ويلعبون ويكسبون أصدقاء ويعبرون عن أنفسهم، ومعظم ما يفعلونه هناك مفيد لهم.",
		"ur": "انٹرنیٹ بچوں کی پرورش کا حصہ ہے۔ بچے آن لائن پڑھتے، کھیلتے، دوست بناتے اور اپنی بات کہنا سیکھتے ہیں۔",
		"hi": "इंटरनेट बड़े होने का हिस्सा है। बच्चे ऑनलाइन सीखते हैं, खेलते हैं, दोस्त बनाते हैं और अपनी बात कहना सीखते हैं।",
		"bn": "ইন্টারনেট এখন বড় হয়ে ওঠার অংশ। শিশুরা অনলাইনে শেখে, খেলে, বন্ধু বানায় এবং নিজের কথা বলতে শেখে।",
		"pa": "ਇੰਟਰਨੈੱਟ ਵੱਡੇ ਹੋਣ ਦਾ ਹਿੱਸਾ ਹੈ। ਬੱਚੇ ਔਨਲਾਈਨ ਸਿੱਖਦੇ, ਖੇਡਦੇ, ਦੋਸਤ ਬਣਾਉਂਦੇ ਅਤੇ ਆਪਣੀ ਗੱਲ ਕਹਿਣੀ ਸਿੱਖਦੇ ਹਨ।",
	}[lang]
	words := strings.Fields(sample)
	var out []string
	for len(out) < n {
		out = append(out, words...)
	}
	return strings.Join(out[:n], " ")
}

// BenchmarkSet sets 1,000 words per script into a column 240pt wide and reports the cost per word:
// a new Typesetter each time, so that the text is shaped each time (a Typesetter keeps what it
// shaped, for fitting).
func BenchmarkSet(b *testing.B) {
	for _, s := range []struct {
		lang string
		rtl  bool
	}{{"en", false}, {"ar", true}, {"ur", true}, {"hi", false}, {"bn", false}, {"pa", false}} {
		b.Run(s.lang, func(b *testing.B) {
			text := benchText(s.lang, 1000)
			newTypesetter(b, s.lang, s.rtl) // fonts loaded
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for b.Loop() {
				ts := newTypesetter(b, s.lang, s.rtl)
				if _, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 10.5}}}, 240, math.Inf(1)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/word")
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/1000, "allocs/word")
		})
	}
}
