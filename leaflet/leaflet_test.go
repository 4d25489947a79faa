package leaflet

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/catalog"
	"github.com/ecpat/makeitsafe/leaflet/template"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
	"github.com/ecpat/makeitsafe/locales"
)

// embeddedTags are the locales the leaflet ships, English first, then in file-name order.
var embeddedTags = []string{"en", "ar", "bn", "de", "fr", "hi", "nl", "pa", "ro", "ru", "sr-Latn", "tr", "ur", "vi"}

// rendering is one locale rendered by the default printer.
type rendering struct {
	tag    string
	pdf    []byte
	report *Report
	err    error
}

// renderEmbedded renders every embedded locale once, sequentially, with the default printer; the
// tests that need these renderings share them.
var renderEmbedded = sync.OnceValue(func() []rendering {
	tags, err := Locales()
	if err != nil {
		return []rendering{{err: err}}
	}
	var out []rendering
	for _, t := range tags {
		var buf bytes.Buffer
		rep, err := Render(&buf, t.String(), Options{})
		out = append(out, rendering{tag: t.String(), pdf: buf.Bytes(), report: rep, err: err})
	}
	return out
})

func embeddedRenderings(t *testing.T) []rendering {
	t.Helper()
	rs := renderEmbedded()
	if len(rs) == 1 && rs[0].tag == "" {
		t.Fatalf("Locales: %v", rs[0].err)
	}
	return rs
}

func tagStrings(tags []language.Tag) []string {
	s := make([]string, len(tags))
	for i, t := range tags {
		s[i] = t.String()
	}
	return s
}

func TestLocales(t *testing.T) {
	tags, err := Locales()
	if err != nil {
		t.Fatal(err)
	}
	if got := tagStrings(tags); !slices.Equal(got, embeddedTags) {
		t.Fatalf("Locales() = %v, want %v", got, embeddedTags)
	}
}

var (
	pageObjectRe = regexp.MustCompile(`/Type /Page[^s]`)
	baseFontRe   = regexp.MustCompile(`/BaseFont /\S+`)
	subsetFontRe = regexp.MustCompile(`/BaseFont /[A-Z]{6}\+Noto`)
)

// trimBox is the A4 page (595.28 × 841.89 pt) inside a 3 mm (8.50 pt) bleed on every side.
const trimBox = "/TrimBox [8.50 8.50 603.78 850.39]"

func TestRenderEveryLocale(t *testing.T) {
	for _, r := range embeddedRenderings(t) {
		t.Run(r.tag, func(t *testing.T) {
			if r.err != nil {
				t.Fatalf("Render: %v", r.err)
			}
			rep, pdf := r.report, r.pdf
			if got := rep.Locale.String(); got != r.tag {
				t.Errorf("Locale = %s, want %s", got, r.tag)
			}
			if rep.Pages != 2 {
				t.Errorf("Pages = %d, want 2", rep.Pages)
			}
			if rep.Bytes != len(pdf) {
				t.Errorf("Bytes = %d, but %d bytes were written", rep.Bytes, len(pdf))
			}
			if len(rep.Warnings) != 0 {
				t.Errorf("Warnings = %q, want none for a complete catalogue", rep.Warnings)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Errorf("output starts %q, want %%PDF-", pdf[:min(len(pdf), 16)])
			}
			if !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
				t.Errorf("output ends %q, want %%%%EOF\\n", pdf[max(0, len(pdf)-16):])
			}
			if n := len(pageObjectRe.FindAll(pdf, -1)); n != 2 {
				t.Errorf("%d page objects (/Type /Page), want 2", n)
			}
			if want := "/Lang (" + r.tag + ")"; !bytes.Contains(pdf, []byte(want)) {
				t.Errorf("no %s", want)
			}
			if n := bytes.Count(pdf, []byte(trimBox)); n != 2 {
				t.Errorf("%d × %s, want one for each page", n, trimBox)
			}
			fonts := baseFontRe.FindAll(pdf, -1)
			if len(fonts) == 0 {
				t.Error("no /BaseFont: no font embedded")
			}
			for _, f := range fonts {
				if !subsetFontRe.Match(f) {
					t.Errorf("%s: no subset tag (want /BaseFont /ABCDEF+Noto…)", f)
				}
			}
		})
	}
}

func TestRenderDeterministic(t *testing.T) {
	render := func() []byte {
		var buf bytes.Buffer
		if _, err := Render(&buf, "ar", Options{}); err != nil {
			t.Fatalf("Render(ar): %v", err)
		}
		return buf.Bytes()
	}
	a, b := render(), render()
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of ar differ (%d and %d bytes, first difference at byte %d)", len(a), len(b), firstDiff(a, b))
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestRenderConcurrent renders every locale at once from one new Printer and expects the bytes of
// the sequential renderings of the default printer. Run it with -race.
func TestRenderConcurrent(t *testing.T) {
	seq := embeddedRenderings(t)
	p, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]rendering, len(seq))
	var wg sync.WaitGroup
	for i, r := range seq {
		wg.Go(func() {
			var buf bytes.Buffer
			rep, err := p.Render(&buf, r.tag, Options{})
			got[i] = rendering{tag: r.tag, pdf: buf.Bytes(), report: rep, err: err}
		})
	}
	wg.Wait()
	for i, r := range got {
		if r.err != nil || seq[i].err != nil {
			t.Errorf("%s: concurrent: %v; sequential: %v", r.tag, r.err, seq[i].err)
			continue
		}
		if !bytes.Equal(r.pdf, seq[i].pdf) {
			t.Errorf("%s: concurrent rendering differs from sequential (%d and %d bytes, first difference at byte %d)",
				r.tag, len(r.pdf), len(seq[i].pdf), firstDiff(r.pdf, seq[i].pdf))
		}
	}
}

func TestRenderMatch(t *testing.T) {
	for _, tc := range []struct {
		requested, want string
		warning         bool // served by another script of the language
	}{
		{"pa-IN", "pa", false},
		{"sh", "sr-Latn", false},
		{"de-AT", "de", false},
		{"sr-Cyrl", "sr-Latn", true},
	} {
		t.Run(tc.requested, func(t *testing.T) {
			var buf bytes.Buffer
			rep, err := Render(&buf, tc.requested, Options{})
			if err != nil {
				t.Fatalf("Render(%q): %v", tc.requested, err)
			}
			if got := rep.Locale.String(); got != tc.want {
				t.Errorf("Render(%q): Locale = %s, want %s", tc.requested, got, tc.want)
			}
			if got := len(rep.Warnings) != 0; got != tc.warning {
				t.Errorf("Render(%q): Warnings = %q, want a warning: %v", tc.requested, rep.Warnings, tc.warning)
			}
			if rep.Bytes != buf.Len() || buf.Len() == 0 {
				t.Errorf("Render(%q): Bytes = %d, written %d", tc.requested, rep.Bytes, buf.Len())
			}
			if want := "/Lang (" + tc.want + ")"; !bytes.Contains(buf.Bytes(), []byte(want)) {
				t.Errorf("Render(%q): no %s", tc.requested, want)
			}
		})
	}
}

func TestRenderUnknownLocale(t *testing.T) {
	for _, requested := range []string{"xx", "zh", "not a tag"} {
		t.Run(requested, func(t *testing.T) {
			var buf bytes.Buffer
			rep, err := Render(&buf, requested, Options{})
			var unknown *catalog.UnknownLocaleError
			if !errors.As(err, &unknown) {
				t.Fatalf("Render(%q) = %v, %v; want an *catalog.UnknownLocaleError", requested, rep, err)
			}
			if rep != nil {
				t.Errorf("Render(%q): report %+v with the error", requested, rep)
			}
			if unknown.Requested != requested {
				t.Errorf("Requested = %q, want %q", unknown.Requested, requested)
			}
			words := strings.Fields(err.Error())
			for _, tag := range embeddedTags {
				if !slices.Contains(words, tag) {
					t.Errorf("error %q does not list %s", err, tag)
				}
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

// embeddedMessages returns the messages of an embedded catalogue by ID (plural messages as maps).
func embeddedMessages(t *testing.T, name string) (string, map[string]any) {
	t.Helper()
	data, err := fs.ReadFile(locales.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	msgs := map[string]any{}
	if err := toml.Unmarshal(data, &msgs); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(data), msgs
}

// catalogues returns a folder holding the embedded en.toml and the embedded fr.toml with some
// messages changed: a message set to "" is deleted.
func catalogues(t *testing.T, fr map[string]string) fstest.MapFS {
	t.Helper()
	en, err := fs.ReadFile(locales.FS, "en.toml")
	if err != nil {
		t.Fatal(err)
	}
	src, _ := embeddedMessages(t, "fr.toml")
	for id, text := range fr {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(id) + ` = ".*"\n`)
		if !re.MatchString(src) {
			t.Fatalf("fr.toml has no line %s = \"…\"", id)
		}
		repl := ""
		if text != "" {
			repl = id + " = " + strconv.Quote(text) + "\n"
		}
		src = re.ReplaceAllLiteralString(src, repl)
	}
	return fstest.MapFS{
		"en.toml": {Data: en},
		"fr.toml": {Data: []byte(src)},
	}
}

// frMessage returns a message of the embedded French catalogue.
func frMessage(t *testing.T, id string) string {
	t.Helper()
	_, msgs := embeddedMessages(t, "fr.toml")
	s, ok := msgs[id].(string)
	if !ok {
		t.Fatalf("fr.toml: no message %s", id)
	}
	return s
}

// longer returns s followed by its own first words, so that it is about factor times as long.
func longer(s string, factor float64) string {
	want := int(float64(len(s)) * factor)
	out := s
	for _, w := range slices.Repeat(strings.Fields(s), int(factor)+1) {
		if len(out) >= want {
			break
		}
		out += " " + w
	}
	return out
}

func newPrinter(t *testing.T, fsys fs.FS) *Printer {
	t.Helper()
	p, err := New(Config{Catalogues: fsys})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

func TestFallbackAndStrict(t *testing.T) {
	p := newPrinter(t, catalogues(t, map[string]string{"TalkBody": ""}))

	var buf bytes.Buffer
	rep, err := p.Render(&buf, "fr", Options{})
	if err != nil {
		t.Fatalf("non-strict Render: %v", err)
	}
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool {
		return strings.Contains(w, "fr") && strings.Contains(w, "TalkBody")
	}) {
		t.Errorf("Warnings = %q, want one naming fr and TalkBody", rep.Warnings)
	}
	if len(rep.Warnings) != 1 {
		t.Errorf("Warnings = %q, want exactly one", rep.Warnings)
	}
	if rep.Pages != 2 || rep.Bytes != buf.Len() || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
		t.Errorf("non-strict: Pages %d, Bytes %d, written %d", rep.Pages, rep.Bytes, buf.Len())
	}

	buf.Reset()
	rep, err = p.Render(&buf, "fr", Options{Strict: true})
	var me *catalog.MessageError
	if !errors.As(err, &me) {
		t.Fatalf("strict Render = %+v, %v; want a *catalog.MessageError", rep, err)
	}
	if me.Locale != language.French || me.ID != "TalkBody" {
		t.Errorf("MessageError for %s %s, want fr TalkBody", me.Locale, me.ID)
	}
	if rep != nil {
		t.Errorf("strict: report %+v with the error", rep)
	}
	if buf.Len() != 0 {
		t.Errorf("strict: %d bytes written despite the error", buf.Len())
	}
}

func TestFitShrinks(t *testing.T) {
	p := newPrinter(t, catalogues(t, map[string]string{"TalkBody": longer(frMessage(t, "TalkBody"), 1.6)}))
	var buf bytes.Buffer
	rep, err := p.Render(&buf, "fr", Options{})
	if err != nil {
		t.Fatalf("Render with a TalkBody 1.6× as long: %v", err)
	}
	body := template.Leaflet.Styles["body"]
	i := slices.IndexFunc(rep.Shrunk, func(s Shrink) bool { return s.Frame == "front/talk-body" })
	if i < 0 {
		t.Fatalf("Shrunk = %+v, want front/talk-body", rep.Shrunk)
	}
	s := rep.Shrunk[i]
	if s.From != body.Size || s.To >= s.From || s.To < body.MinSize {
		t.Errorf("front/talk-body shrunk from %g to %g, want from %g to a size in [%g, %g)", s.From, s.To, body.Size, body.MinSize, body.Size)
	}
	if most, ok := rep.MostShrunk(); !ok || most.To/most.From > s.To/s.From {
		t.Errorf("MostShrunk() = %+v, %v; want at least as shrunk as %+v", most, ok, s)
	}
	if rep.Bytes != buf.Len() || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
		t.Errorf("Bytes %d, written %d", rep.Bytes, buf.Len())
	}
	// The other frames are set as for the embedded French catalogue: only what was made longer
	// is shrunk more.
	var embedded []Shrink
	for _, r := range embeddedRenderings(t) {
		if r.tag == "fr" && r.report != nil {
			embedded = r.report.Shrunk
		}
	}
	others := slices.DeleteFunc(slices.Clone(rep.Shrunk), func(s Shrink) bool { return s.Frame == "front/talk-body" })
	if !slices.Equal(others, embedded) {
		t.Errorf("other frames shrunk: %+v, want as for the embedded catalogue: %+v", others, embedded)
	}
}

func TestFitError(t *testing.T) {
	p := newPrinter(t, catalogues(t, map[string]string{"TalkBody": longer(frMessage(t, "TalkBody"), 6)}))
	var buf bytes.Buffer
	rep, err := p.Render(&buf, "fr", Options{})
	var fe *FitError
	if !errors.As(err, &fe) {
		t.Fatalf("Render with a TalkBody 6× as long = %+v, %v; want a *FitError", rep, err)
	}
	if fe.Locale != language.French || fe.Frame != "front/talk-body" || !slices.Contains(fe.Messages, "TalkBody") || fe.Overflow <= 0 {
		t.Errorf("FitError = %+v, want locale fr, frame front/talk-body, message TalkBody, overflow > 0", fe)
	}
	if fe.MinSize != template.Leaflet.Styles["body"].MinSize {
		t.Errorf("MinSize = %g, want the body style's %g", fe.MinSize, template.Leaflet.Styles["body"].MinSize)
	}
	for _, want := range []string{"fr", "front/talk-body", "TalkBody"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if rep != nil || buf.Len() != 0 {
		t.Errorf("report %+v and %d bytes written despite the error", rep, buf.Len())
	}
}

func TestCheck(t *testing.T) {
	t.Run("embedded", func(t *testing.T) {
		p, err := defaultPrinter()
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"fr"} {
			problems, err := p.Check(tag)
			if err != nil || len(problems) != 0 {
				t.Errorf("Check(%s) = %q, %v; want no problem", tag, problems, err)
			}
		}
		if _, err := p.Check("xx"); !errors.As(err, new(*catalog.UnknownLocaleError)) {
			t.Errorf("Check(xx): %v, want an *catalog.UnknownLocaleError", err)
		}
	})
	t.Run("too long", func(t *testing.T) {
		p := newPrinter(t, catalogues(t, map[string]string{
			"TalkBody":  longer(frMessage(t, "TalkBody"), 6),
			"ImageBody": longer(frMessage(t, "ImageBody"), 6),
			"Check5":    "",
		}))
		problems, err := p.Check("fr")
		if err != nil {
			t.Fatalf("Check(fr): %v", err)
		}
		for _, want := range [][]string{
			{"Check5", "missing"},
			{"front/talk-body", "TalkBody"},
			{"front/image-body", "ImageBody"},
		} {
			if !slices.ContainsFunc(problems, func(p string) bool {
				return strings.Contains(p, want[0]) && strings.Contains(p, want[1])
			}) {
				t.Errorf("Check(fr) = %q, want a problem naming %s and %s", problems, want[0], want[1])
			}
		}
		if len(problems) != 3 {
			t.Errorf("Check(fr) = %q, want 3 problems", problems)
		}
	})
}

func TestMissingGlyph(t *testing.T) {
	p := newPrinter(t, catalogues(t, map[string]string{"TalkBody": "Parlez-en : 漢."}))
	var buf bytes.Buffer
	rep, err := p.Render(&buf, "fr", Options{})
	if err == nil {
		t.Fatalf("Render with 漢 in TalkBody: no error, report %+v", rep)
	}
	var miss *typeset.MissingGlyphError
	if !errors.As(err, &miss) || miss.Rune != '漢' {
		t.Errorf("error %v: want a *typeset.MissingGlyphError for 漢", err)
	}
	for _, want := range []string{"U+6F22", "TalkBody", "fr"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if rep != nil || buf.Len() != 0 {
		t.Errorf("report %+v and %d bytes written despite the error", rep, buf.Len())
	}
}

// helpParagraphs returns the texts of the back page's help box, as a rendering fills it in.
func helpParagraphs(t *testing.T, tag language.Tag, o Options) []string {
	t.Helper()
	p, err := defaultPrinter()
	if err != nil {
		t.Fatal(err)
	}
	r := p.newRender(tag, o)
	back := r.design.Pages[1]
	i := slices.IndexFunc(back.Frames, func(f template.Frame) bool { return f.Name == "back/help-body" })
	if i < 0 {
		t.Fatal("no frame back/help-body on the back page")
	}
	paras, err := r.paragraphs(back, back.Frames[i], typeset.Style{Size: 10})
	if err != nil {
		t.Fatalf("paragraphs: %v", err)
	}
	var out []string
	for _, p := range paras {
		out = append(out, p.Text)
	}
	return out
}

func TestPartner(t *testing.T) {
	t.Run("default", func(t *testing.T) {
		got := helpParagraphs(t, language.English, Options{})
		want := []string{
			"", // HelpIntro: any text
			"ECPAT Belgium",
			"www.ecpat.be",
			"info@ecpat.be",
			"Child Focus",
			"112",
		}
		if len(got) != len(want) {
			t.Fatalf("help box %q: %d paragraphs, want 6", got, len(got))
		}
		for i, w := range want {
			if !strings.Contains(got[i], w) {
				t.Errorf("paragraph %d %q lacks %q", i, got[i], w)
			}
		}
		if !strings.Contains(got[4], "116\u00a0000") {
			t.Errorf("hotline %q: want the number with a no-break space, 116\\u00a0000", got[4])
		}
		if strings.Contains(got[4], "116 000") {
			t.Errorf("hotline %q: the number's space can break, and bidi may reorder it", got[4])
		}
	})
	for _, tag := range []language.Tag{language.English, language.Arabic} {
		t.Run("website only/"+tag.String(), func(t *testing.T) {
			o := Options{Partner: &Partner{Organisation: "X", Website: "www.example.org"}}
			got := helpParagraphs(t, tag, o)
			if len(got) != 3 {
				t.Fatalf("help box %q: %d paragraphs, want 3 (intro, contact, website)", got, len(got))
			}
			all := strings.Join(got, "\n")
			for _, absent := range []string{"@", "info@ecpat.be", "Child Focus", "116", "112", "ECPAT Belgium"} {
				if strings.Contains(all, absent) {
					t.Errorf("help box %q contains %q", got, absent)
				}
			}
			if !strings.Contains(got[1], "X") || !strings.Contains(got[2], "www.example.org") {
				t.Errorf("help box %q: want the organisation X and www.example.org", got)
			}
		})
	}
	t.Run("render", func(t *testing.T) {
		var buf bytes.Buffer
		rep, err := Render(&buf, "de", Options{Partner: &Partner{Organisation: "X", Website: "www.example.org"}})
		if err != nil || rep.Pages != 2 {
			t.Fatalf("Render with a partner without e-mail nor phones: %+v, %v", rep, err)
		}
	})
}

func TestRightToLeft(t *testing.T) {
	for _, tag := range embeddedTags {
		want := tag == "ar" || tag == "ur"
		if got := rightToLeft(language.MustParse(tag)); got != want {
			t.Errorf("rightToLeft(%s) = %v, want %v", tag, got, want)
		}
	}
	for tag, want := range map[string]bool{"fa": true, "he": true, "ur-IN": true, "az-Arab": true, "az": false, "pa-Arab": true} {
		if got := rightToLeft(language.MustParse(tag)); got != want {
			t.Errorf("rightToLeft(%s) = %v, want %v", tag, got, want)
		}
	}
}

func TestRenderUsesMirroredDesign(t *testing.T) {
	p, err := defaultPrinter()
	if err != nil {
		t.Fatal(err)
	}
	mirrored := template.Leaflet.Mirror()
	for _, tc := range []struct {
		tag  language.Tag
		want template.Template
	}{
		{language.Arabic, mirrored},
		{language.Urdu, mirrored},
		{language.English, template.Leaflet},
		{language.Bengali, template.Leaflet},
	} {
		r := p.newRender(tc.tag, Options{})
		for i, page := range r.design.Pages {
			for k, f := range page.Frames {
				if want := tc.want.Pages[i].Frames[k].Rect; f.Rect != want {
					t.Errorf("%s: page %d frame %s at %+v, want %+v", tc.tag, i, f.Name, f.Rect, want)
				}
			}
		}
		if r.rtl != (tc.want.Pages[0].Frames[0].Rect != template.Leaflet.Pages[0].Frames[0].Rect) {
			t.Errorf("%s: rtl = %v", tc.tag, r.rtl)
		}
	}
	ar := p.newRender(language.Arabic, Options{})
	if got, want := ar.design.Pages[0].Frames[0].Rect.X, mirrored.Pages[0].Frames[0].Rect.X; got != want || got == template.Leaflet.Pages[0].Frames[0].Rect.X {
		t.Errorf("ar: first frame at x = %g, want the mirrored %g", got, want)
	}
}

func TestMostShrunk(t *testing.T) {
	var r Report
	if _, ok := r.MostShrunk(); ok {
		t.Error("MostShrunk of an empty report: ok")
	}
	r.Shrunk = []Shrink{{"a", 10, 9}, {"b", 20, 15}, {"c", 11, 10}}
	if s, ok := r.MostShrunk(); !ok || s.Frame != "b" {
		t.Errorf("MostShrunk() = %+v, %v; want b (75%%)", s, ok)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestRenderWriteError(t *testing.T) {
	werr := fmt.Errorf("disk full")
	rep, err := Render(failingWriter{werr}, "nl", Options{})
	if !errors.Is(err, werr) {
		t.Fatalf("Render to a failing writer = %+v, %v; want the writer's error", rep, err)
	}
	if !strings.Contains(err.Error(), "nl") {
		t.Errorf("error %q does not name the locale", err)
	}
}
