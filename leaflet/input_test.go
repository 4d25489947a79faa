package leaflet

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

func TestRenderNilWriter(t *testing.T) {
	rep, err := Render(t.Context(), nil, "fr", Options{})
	if err == nil || rep != nil {
		t.Fatalf("Render(nil writer) = %v, %v; want an error", rep, err)
	}
}

func TestRenderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var buf bytes.Buffer
	if _, err := Render(ctx, &buf, "ar", Options{}); !errors.Is(err, context.Canceled) || buf.Len() > 0 {
		t.Errorf("Render with a cancelled context: %v, %d bytes written; want context.Canceled and nothing", err, buf.Len())
	}
	p, err := defaultPrinter()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Check(ctx, "ar", Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Check with a cancelled context: %v, want context.Canceled", err)
	}
}

// TestCheckUnknownLocale: "-check -lang so" said "no problems" and printed English (issue 10).
func TestCheckUnknownLocale(t *testing.T) {
	p, err := defaultPrinter()
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"so", "az", "ku", "ckb", "mr", "br", "sr-Cyrl", "pa-PK"} {
		var unknown *UnknownLocaleError
		if _, err := p.Check(t.Context(), tag, Options{}); !errors.As(err, &unknown) {
			t.Errorf("Check(%s): %v, want an *UnknownLocaleError", tag, err)
		}
	}
}

// TestUntrustedCatalogue gives a partner's French catalogue one message a careless or hostile
// volunteer might write (issue 10) and expects one precise problem from Check, and a rendering
// that fails with a *MessageError naming file, line and message, each in well under a second.
func TestUntrustedCatalogue(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		kind          Kind
		says          string
	}{
		{"nested range", `HelpIntro = "{{range 100000}}{{range 100000}}x{{end}}{{end}}"`, KindAction, "{{range 100000}}"},
		{"function", `HelpWebsite = "Site : {{len .Website}}"`, KindAction, "{{len .Website}}"},
		{"RLM in a number", "HelpIntro = \"Appelez le 12 34\u200f 56.\"", KindBidi, "U+200F"},
		{"ALM", "HelpIntro = \"Appelez\u061c le 116 000.\"", KindBidi, "U+061C"},
		{"zero-width space", "HelpIntro = \"Appelez\u200b le 116 000.\"", KindInvisible, "U+200B"},
		{"control character", `HelpIntro = "Appelez\u001b le 116 000."`, KindInvisible, "U+001B"},
		{"long message", `HelpIntro = "` + strings.Repeat("Appelez le 116 000. ", 250) + `"`, KindLength, "more than the 4000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			p := newPrinter(t, Config{Catalogues: overlay("fr.toml", "\n"+tc.content+"\n")})
			problems, err := p.Check(t.Context(), "fr", Options{})
			if err != nil {
				t.Fatal(err)
			}
			var found *Problem
			for i, pr := range problems {
				if pr.Kind == tc.kind {
					found = &problems[i]
				}
			}
			if found == nil || found.File != "fr.toml" || found.Line != 2 || found.Warning || !strings.Contains(found.Text, tc.says) {
				t.Fatalf("Check(fr) = %v; want an error of kind %s in fr.toml:2 saying %q", problems, tc.kind, tc.says)
			}
			var buf bytes.Buffer
			_, err = p.Render(t.Context(), &buf, "fr", Options{})
			var me *MessageError
			if !errors.As(err, &me) || me.File != "fr.toml" || me.Line != 2 || me.ID != found.Message || buf.Len() != 0 {
				t.Errorf("Render: %v, %d bytes; want a *MessageError for fr.toml:2 %s and nothing written", err, buf.Len(), found.Message)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestUntrustedCatalogueFiles: a catalogue too large, or nested too deep, is a problem of its
// file; its locale cannot be printed, the others can.
func TestUntrustedCatalogueFiles(t *testing.T) {
	for name, content := range map[string]string{
		"too large":  "Intro = \"" + strings.Repeat("x", MaxCatalogueSize) + "\"\n",
		"too deep":   "Intro = " + strings.Repeat("{a=", 50000) + strings.Repeat("}", 50000) + "\n",
		"dotted key": strings.Repeat("a.", 100000) + "a = \"x\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			p := newPrinter(t, Config{Catalogues: overlay("fr.toml", content)})
			for _, run := range []func() error{
				func() error { _, err := p.Check(t.Context(), "fr", Options{}); return err },
				func() error { _, err := p.Render(t.Context(), &bytes.Buffer{}, "fr", Options{}); return err },
			} {
				var fe *FileError
				if err := run(); !errors.As(err, &fe) || fe.File != "fr.toml" {
					t.Errorf("%v, want a *FileError for fr.toml", err)
				}
			}
			if _, err := p.Render(t.Context(), &bytes.Buffer{}, "de", Options{}); err != nil {
				t.Errorf("Render(de): %v", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestBlankMessage: a message of nothing but white space is missing: English is printed, with
// a warning (issue 10: empty input printed a blank page).
func TestBlankMessage(t *testing.T) {
	p := newPrinter(t, Config{Catalogues: overlay("fr.toml", "HelpIntro = \"  \\u00a0 \"\n")})
	paras, err := p.Text("fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	en, err := p.Text("en", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paragraphOf(paras, "HelpIntro"), paragraphOf(en, "HelpIntro"); got != want {
		t.Errorf("HelpIntro printed %q, want the English %q", got, want)
	}
	if _, err := p.Render(t.Context(), &bytes.Buffer{}, "fr", Options{Strict: true}); !errors.As(err, new(*MessageError)) {
		t.Errorf("strict: %v, want a *MessageError", err)
	}
}

func paragraphOf(paras []Paragraph, id string) string {
	for _, p := range paras {
		if p.Message == id {
			return p.Text
		}
	}
	return ""
}

// TestNumbersInEveryDirection prints help lines with every separator partners use and checks
// that each number reads in its own order, from left to right, in Arabic, Urdu and English
// (issue 10: "0800-123-456" printed "456-123-0800", "+32 2 522 63 23" "32 2 522 63 23+").
func TestNumbersInEveryDirection(t *testing.T) {
	p, err := defaultPrinter()
	if err != nil {
		t.Fatal(err)
	}
	numbers := []string{"0800-123-456", "116 000", "116\u2009000", "116\u00a0000", "+32 2 522 63 23",
		"+44 (0)20 7946 0000", "02/512.12.12", "112"}
	for _, tag := range []string{"ar", "ur", "en", "hi"} {
		rtl, err := fontset.RightToLeft(tag)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range numbers {
			ed := &editions.Edition{Organisation: "ECPAT", Emergency: n,
				Helplines: []editions.Helpline{{Name: "Child Focus", Number: n, Descriptions: map[string]string{"en": "for children"}}}}
			paras, err := p.Text(tag, Options{Edition: ed})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"HelpLine", "HelpEmergency"} {
				text := paragraphOf(paras, id)
				b, err := typeset.New(p.fonts.NewFaces(), tag, rtl).Set([]typeset.Paragraph{{Text: text, Style: typeset.Style{Size: 10}}}, 1e4, 1e4)
				if err != nil {
					t.Fatal(err)
				}
				if got := plainSpaces(visualText(b.Lines[0])); !strings.Contains(got, plainSpaces(n)) {
					t.Errorf("%s %s: %q reads %q from left to right", tag, id, n, got)
				}
			}
		}
	}
}

// visualText returns a line's text as it reads from left to right: each glyph's text, in the
// order the glyphs are drawn.
func visualText(l typeset.Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		for _, g := range r.Glyphs {
			b.WriteString(string(g.Text))
		}
	}
	return strings.NewReplacer("\u200e", "", "\u200f", "").Replace(b.String())
}

func plainSpaces(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u2009", " ", "\u202f", " ").Replace(s)
}

// TestEditionMadeInGo: an edition built in Go is checked as a file is.
func TestEditionMadeInGo(t *testing.T) {
	ed := &editions.Edition{Organisation: "ECPAT", Emergency: "11\u200f2"}
	var ee *editions.Error
	if _, err := Render(t.Context(), &bytes.Buffer{}, "ar", Options{Edition: ed}); !errors.As(err, &ee) {
		t.Errorf("Render with a mark in the emergency number: %v, want an *editions.Error", err)
	}
}

// TestNoExportedVariables: no package of the library exports a variable a program could change
// under another (issue 10): defaults are values or functions returning copies.
func TestNoExportedVariables(t *testing.T) {
	for _, dir := range []string{".", "../fonts", "../locales"} {
		noExportedVariables(t, dir)
	}
}

func noExportedVariables(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				for _, name := range spec.(*ast.ValueSpec).Names {
					if name.IsExported() {
						t.Errorf("%s: exported variable %s", path, name.Name)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
