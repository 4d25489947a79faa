package leaflet

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/internal/pdftext"
)

// pdftotext returns the text poppler reads from a PDF, or skips the test without poppler.
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: install Debian's poppler-utils (.ci/run does) to read the PDFs back")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var (
	invisible = regexp.MustCompile("[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
	spaces    = regexp.MustCompile(`[\s\x{00a0}\x{202f}]+`)
)

// normal is text as compared: NFC, no marks of direction, every run of spaces one space.
func normal(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(norm.NFC.String(invisible.ReplaceAllString(s, "")), " "))
}

// frameArea returns pdftotext's arguments that read one frame of the design alone: its page
// and its rectangle where the locale's layout puts it, with a point to spare on each side.
func frameArea(t *testing.T, p *Printer, tag string, o Options, name string) []string {
	t.Helper()
	r, err := p.start(tag, o)
	if err != nil {
		t.Fatal(err)
	}
	r.ctx = t.Context()
	for i, page := range r.design.Pages {
		pl, err := r.place(page)
		if err != nil {
			t.Fatal(err)
		}
		for k, f := range page.Frames {
			if f.Name != name {
				continue
			}
			rc, b := pl.frames[k], r.design.Bleed
			n := strconv.Itoa(i + 1)
			return []string{"-f", n, "-l", n,
				"-x", strconv.Itoa(int(rc.X + b - 2)), "-y", strconv.Itoa(int(rc.Y + b - 2)),
				"-W", strconv.Itoa(int(rc.W + 4)), "-H", strconv.Itoa(int(rc.H + 4))}
		}
	}
	t.Fatalf("no frame %s", name)
	return nil
}

func loadEdition(t *testing.T, name string) *editions.Edition {
	t.Helper()
	e, err := editions.Load(os.DirFS("testdata/editions"), name)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestEditionPrinted prints a partner's edition (two help lines, no e-mail address, emergency
// 999) and reads every line of its help box back with poppler, numbers whole and in order, and
// nothing of ECPAT Belgium's.
func TestEditionPrinted(t *testing.T) {
	ed := loadEdition(t, "two-helplines.toml")
	p, err := defaultPrinter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range ed.Locales {
		t.Run(tag, func(t *testing.T) {
			o := Options{Edition: ed, Strict: true}
			paras, err := p.Text(tag, o)
			if err != nil {
				t.Fatal(err)
			}
			var help []string
			for _, para := range paras {
				if para.Frame == "back/help-body" {
					help = append(help, para.Text)
				}
			}
			if n := len(help); n != 6 { // intro, contact, website, two help lines, emergency: no e-mail
				t.Fatalf("help box %q: %d paragraphs, want 6", help, n)
			}
			var buf bytes.Buffer
			rep, err := p.Render(t.Context(), &buf, tag, o)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Warnings) != 0 {
				t.Errorf("warnings: %v", rep.Warnings)
			}
			// The help box alone, so that the order of its lines is the reader's, not the page
			// layout's (poppler reads a line of digits alone after the box's next line).
			text := pdftotext(t, buf.Bytes(), frameArea(t, p, tag, o, "back/help-body")...)
			got := normal(text)
			for _, line := range help {
				if miss := pdftext.Missing(pdftext.Words(line), pdftext.Words(text)); len(miss) > 0 {
					t.Errorf("help line %q: words %q not read back in order", line, miss)
				}
			}
			at := -1
			for _, number := range []string{"0800 1111", "0808 000 4321", "999"} {
				i := strings.Index(got, number)
				if i < 0 {
					t.Errorf("%q not read back whole: %q", number, got)
				} else if i < at {
					t.Errorf("%q read back before the number printed above it", number)
				}
				at = i
			}
			for _, belgian := range []string{"ECPAT Belgium", "ecpat.be", "Child Focus", "116 000", "116000", "112", "info@"} {
				if strings.Contains(got, belgian) {
					t.Errorf("%q printed: ECPAT Belgium's edition, not the partner's", belgian)
				}
			}
		})
	}
}

// TestNewLocales is a partner adding two locales, one in Arabic script and one in Latin, by a
// -catalogues folder of complete catalogues named the goi18n way: both print, complete, with
// their words read back.
func TestNewLocales(t *testing.T) {
	names, err := fs.Glob(os.DirFS("testdata/catalogues"), "*.toml")
	if err != nil || len(names) < 2 {
		t.Fatalf("testdata/catalogues: %v %v", names, err)
	}
	dir := t.TempDir()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata/catalogues", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := newPrinter(t, Config{Catalogues: os.DirFS(dir)})
	ed := loadEdition(t, "new-locales.toml")
	for _, n := range names {
		tag := strings.TrimSuffix(strings.TrimPrefix(n, "active."), ".toml")
		t.Run(tag, func(t *testing.T) {
			if !slices.ContainsFunc(p.Locales(), func(l language.Tag) bool { return l.String() == tag }) {
				t.Fatalf("Locales() = %v: no %s", p.Locales(), tag)
			}
			problems, err := p.Check(t.Context(), tag, Options{Edition: ed})
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range problems {
				if !pr.Warning || pr.Kind != KindShrunk {
					t.Errorf("Check: %s", pr)
				}
			}
			var buf bytes.Buffer
			rep, err := p.Render(t.Context(), &buf, tag, Options{Edition: ed, Strict: true})
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if rep.Locale.String() != tag || rep.Pages != len(p.Design().Pages) || len(rep.Warnings) != 0 {
				t.Errorf("report %+v", rep)
			}
			paras, err := p.Text(tag, Options{Edition: ed})
			if err != nil {
				t.Fatal(err)
			}
			// Every word back; not in order: poppler interleaves the lines of two right-to-left
			// columns.
			var want []string
			for _, para := range paras {
				want = append(want, pdftext.Words(para.Text)...)
			}
			if miss := pdftext.Lost(want, pdftext.Words(pdftotext(t, buf.Bytes()))); len(miss) > 0 {
				t.Errorf("%d of %d words not read back: %q", len(miss), len(want), miss[:min(8, len(miss))])
			}
		})
	}
}

// TestBadCatalogue gives a partner's folder with one mistake in the French catalogue and
// expects one precise problem from Check, and a rendering that fails naming locale, file, line
// and message, or prints with a warning.
func TestBadCatalogue(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		kind                Kind
		message             string
		line                int
		prints              bool
	}{
		{"misspelt placeholder", "fr.toml", "\nHelpContact = \"Une question ? Contactez {{.Organization}}.\"\n", KindPlaceholders, "HelpContact", 2, false},
		{"missing placeholder", "fr.toml", "HelpContact = \"Une question ? Contactez-nous.\"\n", KindPlaceholders, "HelpContact", 1, false},
		{"template action", "active.fr.toml", "\n\nHelpWebsite = \"Site web : {{len .Website}}\"\n", KindAction, "HelpWebsite", 3, false},
		{"stale", "fr.toml", "[Intro]\nhash = \"sha1-0000000000000000000000000000000000000000\"\nother = \"Internet fait partie de la vie.\"\n", KindStale, "Intro", 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPrinter(t, Config{Catalogues: overlay(tc.file, tc.content)})
			problems, err := p.Check(t.Context(), "fr", Options{})
			if err != nil {
				t.Fatal(err)
			}
			problems = slices.DeleteFunc(problems, func(p Problem) bool { return p.Kind == KindShrunk })
			if len(problems) != 1 {
				t.Fatalf("Check(fr): %d problems, want 1: %v", len(problems), problems)
			}
			pr := problems[0]
			if pr.Kind != tc.kind || pr.File != tc.file || pr.Line != tc.line || pr.Message != tc.message || pr.Locale.String() != "fr" || pr.Warning != tc.prints {
				t.Errorf("problem %+v; want kind %s, %s line %d, message %s, warning %v", pr, tc.kind, tc.file, tc.line, tc.message, tc.prints)
			}
			var buf bytes.Buffer
			_, err = p.Render(t.Context(), &buf, "fr", Options{})
			if tc.prints {
				if err != nil {
					t.Errorf("Render: %v", err)
				}
				return
			}
			var me *MessageError
			if !errors.As(err, &me) {
				t.Fatalf("Render: %v, want a *MessageError", err)
			}
			for _, want := range []string{"fr", tc.file, tc.message} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not name %s", err, want)
				}
			}
			if me.Line != tc.line || buf.Len() != 0 || strings.Count(err.Error(), "leaflet:") != 1 {
				t.Errorf("error %q: line %d, %d bytes written; want line %d, nothing written, one prefix", err, me.Line, buf.Len(), tc.line)
			}
		})
	}
	t.Run("file name", func(t *testing.T) {
		p := newPrinter(t, Config{Catalogues: fstest.MapFS{
			"notes.toml":     {Data: []byte("Intro = \"x\"\n")},
			"active.fr.toml": {Data: []byte(messages("HelpIntro", "Une phrase du partenaire."))},
		}})
		problems := p.Problems()
		if len(problems) != 1 || problems[0].Kind != KindFileName || problems[0].File != "notes.toml" {
			t.Errorf("Problems() = %v, want one: notes.toml, file-name", problems)
		}
		if _, err := p.Render(t.Context(), &bytes.Buffer{}, "fr", Options{}); err != nil {
			t.Errorf("Render(fr) beside a file named notes.toml: %v", err)
		}
	})
}

// TestTooManyHelplines gives an edition more help lines than the help box holds and expects an
// error that says how many fit: in the leaflet, whose help box is in a flow, and in the poster,
// whose help box is a fixed frame.
func TestTooManyHelplines(t *testing.T) {
	src := "organisation = \"ECPAT UK\"\nemergency = \"999\"\n"
	for range 12 {
		src += "[[helpline]]\nname = \"A help line with a long name\"\nnumber = \"0800 000 000\"\n[helpline.description]\nen = \"for children and young people, their parents, carers and teachers, day and night\"\n"
	}
	poster, err := design.Load(os.DirFS("../examples/poster"), "poster.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		d     *design.Design
		frame string
	}{
		{"leaflet", nil, "back/help-body"},
		{"poster", poster, "poster/help-body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed, err := editions.Parse([]byte(src), "many.toml")
			if err != nil {
				t.Fatal(err)
			}
			p := newPrinter(t, Config{Design: tc.d})
			_, err = p.Render(t.Context(), &bytes.Buffer{}, "en", Options{Edition: ed})
			var he *HelplinesError
			if !errors.As(err, &he) {
				t.Fatalf("Render: %v, want a *HelplinesError", err)
			}
			if he.Have != 12 || he.Fit < 1 || he.Fit >= 12 || he.File != "many.toml" || he.Frame != tc.frame {
				t.Errorf("HelplinesError %+v", he)
			}
			ed.Helplines = ed.Helplines[:he.Fit]
			if _, err := p.Render(t.Context(), &bytes.Buffer{}, "en", Options{Edition: ed}); err != nil {
				t.Errorf("with the %d help lines said to fit: %v", he.Fit, err)
			}
		})
	}
}

// TestNoFontForScript is a partner adding a Tamil catalogue without a Tamil font: one error
// naming the script, not one per frame.
func TestNoFontForScript(t *testing.T) {
	p := newPrinter(t, Config{Catalogues: overlay("active.ta.toml", messages("Subtitle", "பெற்றோருக்கான குறிப்புகள்"))})
	_, err := p.Render(t.Context(), &bytes.Buffer{}, "ta", Options{})
	var se *ScriptError
	if !errors.As(err, &se) || se.Script != "Taml" {
		t.Fatalf("Render(ta): %v, want a *ScriptError for Taml", err)
	}
	problems, err := p.Check(t.Context(), "ta", Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, pr := range problems {
		if pr.Kind == KindScript {
			n++
		}
	}
	if n != 1 || !strings.Contains(problems[0].Text, "Tamil") {
		t.Errorf("Check(ta) = %v, want one problem naming Tamil", problems)
	}
}
