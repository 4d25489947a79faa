package leaflet

import (
	"bytes"
	"context"
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

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/internal/typography"
	"github.com/ecpat/makeitsafe/locales"
)

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
		rep, err := Render(context.Background(), &buf, t.String(), Options{})
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

// embeddedTags are the locales of the catalogue files in locales/, whatever they are.
func embeddedTags(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(locales.FS(), "*.toml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no catalogue in locales/: %v", err)
	}
	var tags []string
	for _, n := range names {
		parts := strings.Split(strings.TrimSuffix(n, ".toml"), ".")
		tags = append(tags, language.Make(parts[len(parts)-1]).String())
	}
	return tags
}

func TestLocales(t *testing.T) {
	tags, err := Locales()
	if err != nil {
		t.Fatal(err)
	}
	got := tagStrings(tags)
	if got[0] != "en" {
		t.Errorf("Locales() = %v, want English first", got)
	}
	want := embeddedTags(t)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Locales() = %v, want the catalogues of locales/: %v", got, want)
	}
}

func tagStrings(tags []language.Tag) []string {
	s := make([]string, len(tags))
	for i, t := range tags {
		s[i] = t.String()
	}
	return s
}

var (
	pageObjectRe = regexp.MustCompile(`/Type /Page[^s]`)
	baseFontRe   = regexp.MustCompile(`/BaseFont /\S+`)
	subsetFontRe = regexp.MustCompile(`/BaseFont /[A-Z]{6}\+Noto`)
)

// trimBox is the design's trimmed page inside its bleed, as the PDF writes it.
func trimBox(t *testing.T) string {
	d, err := design.Leaflet()
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/TrimBox [%.2f %.2f %.2f %.2f]", d.Bleed, d.Bleed, d.Width+d.Bleed, d.Height+d.Bleed)
}

func TestRenderEveryLocale(t *testing.T) {
	box := trimBox(t)
	d, _ := design.Leaflet()
	for _, r := range embeddedRenderings(t) {
		t.Run(r.tag, func(t *testing.T) {
			if r.err != nil {
				t.Fatalf("Render: %v", r.err)
			}
			rep, pdf := r.report, r.pdf
			if got := rep.Locale.String(); got != r.tag {
				t.Errorf("Locale = %s, want %s", got, r.tag)
			}
			if rep.Pages != len(d.Pages) {
				t.Errorf("Pages = %d, want %d", rep.Pages, len(d.Pages))
			}
			if rep.Bytes != len(pdf) {
				t.Errorf("Bytes = %d, but %d bytes were written", rep.Bytes, len(pdf))
			}
			for _, w := range rep.Warnings {
				if w.Kind != KindDescription { // a new locale's help line not yet described in it
					t.Errorf("warning %s, want none for a complete catalogue", w)
				}
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
				t.Errorf("output is not a whole PDF: starts %q, ends %q", pdf[:min(len(pdf), 16)], pdf[max(0, len(pdf)-16):])
			}
			if n := len(pageObjectRe.FindAll(pdf, -1)); n != len(d.Pages) {
				t.Errorf("%d page objects (/Type /Page), want %d", n, len(d.Pages))
			}
			if want := "/Lang (" + r.tag + ")"; !bytes.Contains(pdf, []byte(want)) {
				t.Errorf("no %s", want)
			}
			if n := bytes.Count(pdf, []byte(box)); n != len(d.Pages) {
				t.Errorf("%d × %s, want one for each page", n, box)
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
		if _, err := Render(t.Context(), &buf, "ar", Options{}); err != nil {
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
			rep, err := p.Render(t.Context(), &buf, r.tag, Options{})
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
		{"sr", "sr-Latn", true},
	} {
		t.Run(tc.requested, func(t *testing.T) {
			var buf bytes.Buffer
			rep, err := Render(t.Context(), &buf, tc.requested, Options{})
			if err != nil {
				t.Fatalf("Render(%q): %v", tc.requested, err)
			}
			if got := rep.Locale.String(); got != tc.want {
				t.Errorf("Render(%q): Locale = %s, want %s", tc.requested, got, tc.want)
			}
			if got := len(rep.Warnings) != 0; got != tc.warning {
				t.Errorf("Render(%q): Warnings = %q, want a warning: %v", tc.requested, rep.Warnings, tc.warning)
			}
			if want := "/Lang (" + tc.want + ")"; !bytes.Contains(buf.Bytes(), []byte(want)) {
				t.Errorf("Render(%q): no %s", tc.requested, want)
			}
		})
	}
}

func TestRenderUnknownLocale(t *testing.T) {
	for _, requested := range []string{"xx", "zh", "not a tag", "sr-Cyrl", "so", "az", "ku", "ckb", "mr", "br"} {
		t.Run(requested, func(t *testing.T) {
			var buf bytes.Buffer
			rep, err := Render(t.Context(), &buf, requested, Options{})
			var unknown *UnknownLocaleError
			if !errors.As(err, &unknown) {
				t.Fatalf("Render(%q) = %v, %v; want an *UnknownLocaleError", requested, rep, err)
			}
			if rep != nil || buf.Len() != 0 {
				t.Errorf("Render(%q): report %+v and %d bytes with the error", requested, rep, buf.Len())
			}
			words := strings.Fields(err.Error())
			for _, tag := range embeddedTags(t) {
				if !slices.Contains(words, tag) {
					t.Errorf("error %q does not list %s", err, tag)
				}
			}
			if strings.Count(err.Error(), "leaflet:") != 1 {
				t.Errorf("error %q: want one \"leaflet:\" prefix", err)
			}
		})
	}
}

// messageOf returns a message of an embedded catalogue (its "other" form).
func messageOf(t *testing.T, tag, id string) string {
	t.Helper()
	data, err := fs.ReadFile(locales.FS(), tag+".toml")
	if err != nil {
		t.Fatal(err)
	}
	var msgs map[string]any
	if err := toml.Unmarshal(data, &msgs); err != nil {
		t.Fatalf("%s.toml: %v", tag, err)
	}
	switch m := msgs[id].(type) {
	case string:
		return m
	case map[string]any:
		if s, ok := m["other"].(string); ok {
			return s
		}
	}
	t.Fatalf("%s.toml: no message %s", tag, id)
	return ""
}

// overlay is a -catalogues folder holding one file.
func overlay(name, content string) fstest.MapFS {
	return fstest.MapFS{name: {Data: []byte(content)}}
}

// messages writes messages as a catalogue file.
func messages(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		fmt.Fprintf(&b, "%s = %s\n", kv[i], strconv.Quote(kv[i+1]))
	}
	return b.String()
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

func newPrinter(t *testing.T, c Config) *Printer {
	t.Helper()
	p, err := New(c)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

// TestOverlay checks that a -catalogues folder changes the messages it holds and keeps the rest.
func TestOverlay(t *testing.T) {
	p := newPrinter(t, Config{Catalogues: overlay("active.fr.toml", messages("HelpIntro", "Une phrase du partenaire."))})
	paras, err := p.Text("fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, para := range paras {
		got[para.Message] = para.Text
	}
	if got["HelpIntro"] != "Une phrase du partenaire." {
		t.Errorf("HelpIntro = %q, want the overlay's", got["HelpIntro"])
	}
	if want := typography.For(language.French).Apply(messageOf(t, "fr", "TalkBody")); got["TalkBody"] != want {
		t.Errorf("TalkBody = %q, want the embedded French %q", got["TalkBody"], want)
	}
}

// newTag returns a locale that the embedded catalogues do not have, for a partner's new one.
func newTag(t *testing.T) string {
	t.Helper()
	have := embeddedTags(t)
	for _, tag := range []string{"pl", "fi", "sv", "da", "et", "lt", "lv", "sk", "sl", "hu"} {
		if !slices.Contains(have, tag) {
			return tag
		}
	}
	t.Fatal("every candidate locale is embedded")
	return ""
}

func TestFallbackAndStrict(t *testing.T) {
	// A partner's partial catalogue for a new locale: what it lacks is printed in English.
	tag := newTag(t)
	p := newPrinter(t, Config{Catalogues: overlay("active."+tag+".toml", messages("Subtitle", "Wskazówki dla rodziców"))})
	noHelplines, err := editions.Parse([]byte(`organisation = "X"`), "x.toml")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Edition: noHelplines}
	var buf bytes.Buffer
	rep, err := p.Render(t.Context(), &buf, tag, o)
	if err != nil {
		t.Fatalf("non-strict Render: %v", err)
	}
	if !slices.ContainsFunc(rep.Warnings, func(w Problem) bool {
		return w.Kind == KindMissing && w.Message == "TalkBody" && w.Locale.String() == tag
	}) {
		t.Errorf("Warnings = %v, want one for %s TalkBody, missing", rep.Warnings, tag)
	}
	if rep.Pages == 0 || rep.Bytes != buf.Len() {
		t.Errorf("non-strict: Pages %d, Bytes %d, written %d", rep.Pages, rep.Bytes, buf.Len())
	}

	buf.Reset()
	o.Strict = true
	rep, err = p.Render(t.Context(), &buf, tag, o)
	var me *MessageError
	if !errors.As(err, &me) {
		t.Fatalf("strict Render = %+v, %v; want a *MessageError", rep, err)
	}
	if me.Locale.String() != tag {
		t.Errorf("MessageError for %s %s, want %s", me.Locale, me.ID, tag)
	}
	if rep != nil || buf.Len() != 0 {
		t.Errorf("strict: report %+v and %d bytes written despite the error", rep, buf.Len())
	}
}

// TestFlowGrowsBeforeItShrinks makes one text longer: it first takes room the page leaves
// empty, and only when the page is full is text set smaller: every frame of the page's flow by
// the same steps, none below its style's smallest size.
func TestFlowGrowsBeforeItShrinks(t *testing.T) {
	base := messageOf(t, "fr", "TalkBody")
	render := func(t *testing.T, factor float64) (*Printer, *Report) {
		t.Helper()
		p := newPrinter(t, Config{Catalogues: overlay("fr.toml", messages("TalkBody", longer(base, factor)))})
		rep, err := p.Render(context.Background(), &bytes.Buffer{}, "fr", Options{})
		if err != nil {
			t.Fatalf("Render with a TalkBody %g× as long: %v", factor, err)
		}
		return p, rep
	}
	t.Run("grows", func(t *testing.T) {
		p, rep := render(t, 1.25)
		if len(rep.Shrunk) != 0 {
			t.Errorf("Shrunk = %+v, want nothing: the page has room", rep.Shrunk)
		}
		d, err := defaultPrinter()
		if err != nil {
			t.Fatal(err)
		}
		before := placedRect(t, d, "fr", "front/talk-body")
		if got := placedRect(t, p, "fr", "front/talk-body"); got.H <= before.H+10 {
			t.Errorf("front/talk-body placed %+v, want taller than with the shorter text %+v", got, before)
		}
	})
	t.Run("shrinks", func(t *testing.T) {
		p, rep := render(t, 1.6)
		if !slices.ContainsFunc(rep.Shrunk, func(s Shrink) bool { return s.Frame == "front/talk-body" }) {
			t.Fatalf("Shrunk = %+v, want front/talk-body among them", rep.Shrunk)
		}
		steps := -1.0
		for _, s := range rep.Shrunk {
			f := frameNamed(t, p.Design(), s.Frame)
			if f.Row == "" || s.To < f.Style.MinSize || s.To >= s.From {
				t.Errorf("%+v: want a frame of the flow set smaller, down to %gpt at most", s, f.Style.MinSize)
			}
			if s.To > f.Style.MinSize { // not held at its smallest size: as many steps as the others
				if steps >= 0 && s.From-s.To != steps {
					t.Errorf("%+v: %gpt smaller, others %gpt", s, s.From-s.To, steps)
				}
				steps = s.From - s.To
			}
		}
	})
}

// placedRect returns where a locale's layout puts a frame.
func placedRect(t *testing.T, p *Printer, tag, name string) design.Rect {
	t.Helper()
	r, err := p.start(tag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.ctx = t.Context()
	for _, page := range r.design.Pages {
		for k, f := range page.Frames {
			if f.Name == name {
				pl, err := r.place(page)
				if err != nil {
					t.Fatal(err)
				}
				return pl.frames[k]
			}
		}
	}
	t.Fatalf("no frame %s", name)
	return design.Rect{}
}

func frameNamed(t *testing.T, d *design.Design, name string) design.Frame {
	t.Helper()
	for _, p := range d.Pages {
		for _, f := range p.Frames {
			if f.Name == name {
				return f
			}
		}
	}
	t.Fatalf("no frame %s in the design", name)
	return design.Frame{}
}

func TestFitError(t *testing.T) {
	p := newPrinter(t, Config{Catalogues: overlay("fr.toml", messages("TalkBody", longer(messageOf(t, "fr", "TalkBody"), 6)))})
	var buf bytes.Buffer
	rep, err := p.Render(t.Context(), &buf, "fr", Options{})
	var fe *FitError
	if !errors.As(err, &fe) {
		t.Fatalf("Render with a TalkBody 6× as long = %+v, %v; want a *FitError", rep, err)
	}
	if fe.Locale != language.French || fe.Frame != "front/talk-body" || !slices.Contains(fe.Messages, "TalkBody") || fe.Overflow <= 0 {
		t.Errorf("FitError = %+v, want locale fr, frame front/talk-body, message TalkBody, overflow > 0", fe)
	}
	if want := frameNamed(t, p.Design(), "front/talk-body").Style.MinSize; fe.MinSize != want {
		t.Errorf("MinSize = %g, want the body style's %g", fe.MinSize, want)
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
		for _, tag := range p.Locales() {
			problems, err := p.Check(t.Context(), tag.String(), Options{})
			if err != nil {
				t.Fatalf("Check(%s): %v", tag, err)
			}
			for _, pr := range problems {
				if !pr.Warning {
					t.Errorf("Check(%s): %s", tag, pr)
				}
			}
		}
		if _, err := p.Check(t.Context(), "xx", Options{}); !errors.As(err, new(*UnknownLocaleError)) {
			t.Errorf("Check(xx): %v, want an *UnknownLocaleError", err)
		}
	})
	t.Run("too long", func(t *testing.T) {
		p := newPrinter(t, Config{Catalogues: overlay("fr.toml", messages(
			"TalkBody", longer(messageOf(t, "fr", "TalkBody"), 6),
			"ImageBody", longer(messageOf(t, "fr", "ImageBody"), 6),
		))})
		problems, err := p.Check(t.Context(), "fr", Options{})
		if err != nil {
			t.Fatalf("Check(fr): %v", err)
		}
		var tooLong []string
		for _, pr := range problems {
			if pr.Kind == KindTooLong {
				tooLong = append(tooLong, pr.Frame+" "+pr.Message)
			}
		}
		if want := []string{"front/image-body ImageBody", "front/talk-body TalkBody"}; !slices.Equal(sorted(tooLong), want) {
			t.Errorf("too long: %q, want %q (all: %v)", tooLong, want, problems)
		}
	})
}

func sorted(s []string) []string { slices.Sort(s); return s }

func TestMissingGlyph(t *testing.T) {
	p := newPrinter(t, Config{Catalogues: overlay("fr.toml", messages("TalkBody", "Parlez-en : 漢."))})
	var buf bytes.Buffer
	rep, err := p.Render(t.Context(), &buf, "fr", Options{})
	var miss *MissingGlyphError
	if !errors.As(err, &miss) || miss.Rune != '漢' {
		t.Fatalf("Render with 漢 in TalkBody: %v, want a *MissingGlyphError for 漢", err)
	}
	for _, want := range []string{"U+6F22", "TalkBody", "fr", "front/talk-body"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if rep != nil || buf.Len() != 0 {
		t.Errorf("report %+v and %d bytes written despite the error", rep, buf.Len())
	}
}

func TestRenderUsesMirroredDesign(t *testing.T) {
	p, err := defaultPrinter()
	if err != nil {
		t.Fatal(err)
	}
	mirrored := p.design.Mirror()
	for _, tc := range []struct {
		tag  string
		want *design.Design
	}{
		{"ar", mirrored},
		{"ur", mirrored},
		{"en", p.design},
		{"bn", p.design},
	} {
		r, err := p.start(tc.tag, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, page := range r.design.Pages {
			for k, f := range page.Frames {
				if want := tc.want.Pages[i].Frames[k].Rect; f.Rect != want {
					t.Errorf("%s: page %d frame %s at %+v, want %+v", tc.tag, i, f.Name, f.Rect, want)
				}
			}
		}
	}
}

func TestMostShrunk(t *testing.T) {
	var r Report
	if _, ok := r.MostShrunk(); ok {
		t.Error("MostShrunk of an empty report: ok")
	}
	r.Shrunk = []Shrink{{Frame: "a", From: 10, To: 9}, {Frame: "b", From: 20, To: 15}, {Frame: "c", From: 11, To: 10}}
	if s, ok := r.MostShrunk(); !ok || s.Frame != "b" {
		t.Errorf("MostShrunk() = %+v, %v; want b (75%%)", s, ok)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestRenderWriteError(t *testing.T) {
	werr := fmt.Errorf("disk full")
	rep, err := Render(t.Context(), failingWriter{werr}, "nl", Options{})
	if !errors.Is(err, werr) {
		t.Fatalf("Render to a failing writer = %+v, %v; want the writer's error", rep, err)
	}
	if !strings.Contains(err.Error(), "nl") {
		t.Errorf("error %q does not name the locale", err)
	}
}

func TestDesignChecked(t *testing.T) {
	d, err := design.Leaflet()
	if err != nil {
		t.Fatal(err)
	}
	d.Pages[0].Frames[0].Messages = []string{"NoSuchMessage"}
	_, err = New(Config{Design: d})
	var de *design.Error
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "NoSuchMessage") || !strings.Contains(err.Error(), "leaflet.toml:") {
		t.Errorf("New with a design naming an unknown message: %v, want a *design.Error naming it, the file and the line", err)
	}
}
