package catalog_test

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/leaflet/internal/untrusted"
)

// A small English source and a German translation of it that has no problem.
const (
	enTOML = `# English source
[Intro]
description = "The opening paragraph."
other = "Hello."

[HelpContact]
description = "Help box line; {{.Organisation}} is the group's name."
other = "Questions? Contact {{.Organisation}}."

[HelpWebsite]
other = "Website: {{.Website}}"

[ChecklistCount]
description = "The number of points."
one = "{{.Count}} agreement"
other = "{{.Count}} agreements"
`
	deTOML = `# German
HelpWebsite = "Website: {{.Website}}"

[Intro]
hash = "HASH(Intro)"
other = "Hallo."

[HelpContact]
hash = "HASH(HelpContact)"
other = "Fragen? Kontakt: {{.Organisation}}."

[ChecklistCount]
one = "{{.Count}} Vereinbarung"
other = "{{.Count}} Vereinbarungen"
`
)

// plTOML is a Polish translation with no problem.
const plTOML = `# Polish
HelpWebsite = "Strona: {{.Website}}"

[Intro]
hash = "HASH(Intro)"
other = "Cześć."

[HelpContact]
other = "Pytania? Kontakt: {{.Organisation}}."

[ChecklistCount]
one = "{{.Count}} umowa"
few = "{{.Count}} umowy"
many = "{{.Count}} umów"
other = "{{.Count}} umowy"
`

// goi18nHash is the hash goi18n merge gives an English message: sha1 of its description and
// its other form.
func goi18nHash(description, other string) string {
	return fmt.Sprintf("sha1-%x", sha1.Sum([]byte(description+other)))
}

// withHashes replaces HASH(ID) with the current hash of the English message.
func withHashes(s string) string {
	return strings.NewReplacer(
		"HASH(Intro)", goi18nHash("The opening paragraph.", "Hello."),
		"HASH(HelpContact)", goi18nHash("Help box line; {{.Organisation}} is the group's name.", "Questions? Contact {{.Organisation}}."),
	).Replace(s)
}

// lineOf returns the line (from 1) of the first occurrence of substr in s; the test fails
// without one.
func lineOf(t *testing.T, s, substr string) int {
	t.Helper()
	i := strings.Index(s, substr)
	if i < 0 {
		t.Fatalf("fixture lacks %q", substr)
	}
	return strings.Count(s[:i], "\n") + 1
}

func mapFS(files ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		fsys[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return fsys
}

func load(t *testing.T, layers ...fstest.MapFS) *catalog.Catalog {
	t.Helper()
	fss := make([]fs.FS, len(layers))
	for i, l := range layers {
		fss[i] = l
	}
	c, err := catalog.Load(fss...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestGoodTranslationHasNoProblem(t *testing.T) {
	c := load(t, mapFS("en.toml", enTOML, "de.toml", withHashes(deTOML)))
	for _, tag := range c.Tags() {
		for _, p := range c.Check(tag) {
			t.Errorf("Check(%s): %s", tag, p)
		}
	}
}

// TestOneProblem changes the good German catalogue in one place and expects exactly that one
// problem, with its kind, locale, file, line and message.
func TestOneProblem(t *testing.T) {
	de := withHashes(deTOML)
	tests := []struct {
		name    string
		old     string // in the German catalogue
		new     string
		kind    catalog.Kind
		message string
		at      string   // the problem's line holds this; "" for line 0
		says    []string // the problem's text says these
	}{
		{"misspelt placeholder", "Kontakt: {{.Organisation}}", "Kontakt: {{.Organization}}",
			catalog.KindPlaceholders, "HelpContact", "[HelpContact]", []string{"{{.Organization}}", "{{.Organisation}}"}},
		{"missing placeholder", `"Website: {{.Website}}"`, `"Website"`,
			catalog.KindPlaceholders, "HelpWebsite", "HelpWebsite =", []string{"no placeholder", "{{.Website}}"}},
		{"extra placeholder", `"Hallo."`, `"Hallo {{.Name}}."`,
			catalog.KindPlaceholders, "Intro", "[Intro]", []string{"{{.Name}}", "none"}},
		{"function", "{{.Website}}", "{{len .Website}}",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"{{len .Website}}"}},
		{"range", `"Hallo."`, `"{{range 100000}}x{{end}}"`,
			catalog.KindAction, "Intro", `other = "{{range`, []string{"{{range 100000}}x{{end}}"}},
		{"if", "{{.Website}}", "{{if .Website}}{{.Website}}{{end}}",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"{{if .Website}}"}},
		{"pipeline", "{{.Website}}", "{{.Website | html}}",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"{{.Website | html}}"}},
		{"variable", "{{.Website}}", "{{$w := .Website}}{{$w}}",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"$w"}},
		{"comment", "{{.Website}}", "{{.Website}}{{/* URL */}}",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"/* URL */"}},
		{"field of a field", "{{.Website}}", "{{.Website.Host}}",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"{{.Website.Host}}"}},
		{"dot", "{{.Website}}", "{{.}}",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"{{.}}"}},
		{"template that does not parse", "{{.Website}}", "{{.Website",
			catalog.KindAction, "HelpWebsite", "HelpWebsite =", []string{"does not parse"}},
		{"custom delimiters", "[Intro]\n", "[Intro]\nleftdelim = \"<<\"\nrightdelim = \">>\"\n",
			catalog.KindAction, "Intro", "[Intro]", []string{"leftdelim"}},
		{"stale hash", goi18nHash("The opening paragraph.", "Hello."), "sha1-0123456789abcdef0123456789abcdef01234567",
			catalog.KindStale, "Intro", `hash = "sha1-0123`, []string{"English changed", "review", `hash = "` + goi18nHash("The opening paragraph.", "Hello.") + `"`}},
		{"missing message", "HelpWebsite = \"Website: {{.Website}}\"\n", "",
			catalog.KindMissing, "HelpWebsite", "", []string{"missing", "English"}},
		{"empty message", `"Website: {{.Website}}"`, `""`,
			catalog.KindMissing, "HelpWebsite", "HelpWebsite =", []string{"no text"}},
		{"unknown message", "# German\n", "# German\nExtra = \"Nicht im Englischen.\"\n",
			catalog.KindUnknown, "Extra", "Extra =", []string{"not in the English"}},
		{"misspelt form", "one = \"{{.Count}} Vereinbarung\"", "onne = \"{{.Count}} Vereinbarung\"",
			catalog.KindParse, "", "[ChecklistCount]", []string{"onne"}},
		{"missing plural form", "one = \"{{.Count}} Vereinbarung\"\n", "",
			catalog.KindPlural, "ChecklistCount", "[ChecklistCount]", []string{`"one"`}},
		{"no other form", `HelpWebsite = "Website: {{.Website}}"`, "[HelpWebsite]\none = \"Website: {{.Website}}\"",
			catalog.KindPlural, "HelpWebsite", "[HelpWebsite]", []string{`"other"`}},
		{"bidi control", "Hallo.", "\u202BHallo.\u202C",
			catalog.KindBidi, "Intro", `other = "` + "\u202B", []string{"U+202B", "U+202C"}},
		// Issue 10: loops, marks that reorder numbers, characters nobody sees, sizes.
		{"nested range", `"Hallo."`, `"{{range 100000}}{{range 100000}}x{{end}}{{end}}"`,
			catalog.KindAction, "Intro", `other = "{{range`, []string{"{{range 100000}}"}},
		{"right-to-left mark", `"Hallo."`, "\"12 34\u200f 56\"",
			catalog.KindBidi, "Intro", `other = "12`, []string{"U+200F RIGHT-TO-LEFT MARK"}},
		{"Arabic letter mark", `"Hallo."`, "\"Hal\u061clo.\"",
			catalog.KindBidi, "Intro", `other = "Hal`, []string{"U+061C"}},
		{"isolate", `"Hallo."`, "\"\u2067Hallo.\u2069\"",
			catalog.KindBidi, "Intro", `other = "`, []string{"U+2067", "U+2069"}},
		{"zero-width space", `"Hallo."`, "\"Hal\u200blo.\"",
			catalog.KindInvisible, "Intro", `other = "Hal`, []string{"U+200B ZERO WIDTH SPACE"}},
		{"byte order mark and word joiner", "Kontakt:", "Kon\ufefftakt\u2060:",
			catalog.KindInvisible, "HelpContact", "other = \"Fragen", []string{"U+FEFF", "U+2060"}},
		{"control character", `"Hallo."`, `"Hallo.\u0007"`, // a TOML escape
			catalog.KindInvisible, "Intro", `other = "Hallo.`, []string{"U+0007"}},
		{"white space only", `"Website: {{.Website}}"`, `"    "`,
			catalog.KindMissing, "HelpWebsite", "HelpWebsite =", []string{"no text"}},
		{"too long", `"Hallo."`, `"` + strings.Repeat("Hallo. ", 600) + `"`,
			catalog.KindLength, "Intro", `other = "Hallo. Hallo.`, []string{"4200 characters", "4000"}},
		{"nested too deep", "# German\n", "# German\n" + strings.Repeat("a.", 20) + "a = \"x\"\n",
			catalog.KindParse, "", "a.a.a", []string{"nested more than 16 deep"}},
		{"not TOML", `other = "Hallo."`, `other = "Hallo.`,
			catalog.KindParse, "", `other = "Hallo.`, []string{"TOML"}},
		{"number", `HelpWebsite = "Website: {{.Website}}"`, `HelpWebsite = 3`,
			catalog.KindParse, "", "HelpWebsite = 3", []string{"HelpWebsite", "a number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(de, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			src := strings.Replace(de, tt.old, tt.new, 1)
			c := load(t, mapFS("en.toml", enTOML, "de.toml", src))
			got := c.Check(language.German)
			if len(got) != 1 {
				t.Fatalf("Check(de) = %d problems, want 1:\n%s", len(got), lines(got))
			}
			p := got[0]
			want := catalog.Problem{Locale: language.German, File: "de.toml", Message: tt.message, Kind: tt.kind, Text: p.Text}
			if tt.at != "" {
				want.Line = lineOf(t, src, tt.at)
			}
			if p != want {
				t.Errorf("got  %+v\nwant %+v", p, want)
			}
			for _, s := range tt.says {
				if !strings.Contains(p.Text, s) {
					t.Errorf("%s: the text does not say %q", p, s)
				}
			}
			if en := c.Check(language.English); len(en) != 0 {
				t.Errorf("Check(en) = %v", en)
			}
			if ferr := c.Err(language.German); (ferr != nil) != (tt.kind == catalog.KindParse) {
				t.Errorf("Err(de) = %v", ferr)
			}
		})
	}
}

func lines(ps []catalog.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\t%s (%s)\n", p, p.Kind)
	}
	return b.String()
}

func TestParseError(t *testing.T) {
	bad := "[Intro]\nother = \"Hallo.\"\n\nHelpContact = \"unclosed\nHelpWebsite = \"x\"\n"
	c := load(t, mapFS("en.toml", enTOML, "de.toml", bad))
	if tags := c.Tags(); len(tags) != 2 || tags[1] != language.German {
		t.Errorf("Tags() = %v, want [en de]: a locale that does not parse is still listed", tags)
	}
	line := lineOf(t, bad, "HelpContact")
	err := c.Err(language.German)
	var ferr *catalog.FileError
	if !errors.As(err, &ferr) {
		t.Fatalf("Err(de) = %v, want a *FileError", err)
	}
	if ferr.Locale != language.German || ferr.File != "de.toml" || ferr.Line != line {
		t.Errorf("FileError %+v, want de, de.toml, line %d", ferr, line)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, fmt.Sprintf("de.toml:%d: de: ", line)) || strings.Contains(msg, "toml: line") {
		t.Errorf("Error() = %q: want one position, de.toml:%d", msg, line)
	}
	if c.Err(language.English) != nil {
		t.Errorf("Err(en) = %v", c.Err(language.English))
	}
	// The locale cannot be printed.
	_, terr := c.Messages(language.German, false).Text("Intro", nil, nil)
	var merr *catalog.MessageError
	if !errors.As(terr, &merr) || merr.Kind != catalog.KindParse || !errors.As(terr, &ferr) {
		t.Errorf("Text in a locale whose file does not parse: %v, want a *MessageError of kind parse wrapping the *FileError", terr)
	}
}

func TestDuplicateInOneLayer(t *testing.T) {
	active := withHashes(deTOML)
	extra := "[Intro]\nother = \"Guten Tag.\"\n"
	c := load(t, mapFS("en.toml", enTOML, "active.de.toml", active, "de.toml", extra))
	got := c.Check(language.German)
	want := catalog.Problem{Locale: language.German, File: "active.de.toml", Line: lineOf(t, active, "[Intro]"), Message: "Intro", Kind: catalog.KindDuplicate}
	if len(got) != 1 {
		t.Fatalf("Check(de) = %d problems, want 1:\n%s", len(got), lines(got))
	}
	if want.Text = got[0].Text; got[0] != want || !strings.Contains(got[0].Text, "de.toml:1") {
		t.Errorf("got  %+v\nwant %+v, naming de.toml:1", got[0], want)
	}
	// The file whose name sorts last wins.
	if s, err := c.Messages(language.German, true).Text("Intro", nil, nil); s != "Guten Tag." || err != nil {
		t.Errorf("Text(Intro) = %q, %v; want de.toml's text", s, err)
	}
}

func TestFileNameNoTag(t *testing.T) {
	pl := withHashes(plTOML)
	for _, name := range []string{"notes.toml", "old.pl.toml", "active.toml", "und.toml", "pl-partner.toml"} {
		t.Run(name, func(t *testing.T) {
			c := load(t, mapFS("en.toml", enTOML, "active.pl.toml", pl, name, "Intro = \"x\"\n", "README.md", "not a catalogue"))
			want := catalog.Problem{Locale: language.Und, File: name, Kind: catalog.KindFileName}
			got := c.Problems()
			if len(got) != 1 {
				t.Fatalf("Problems() = %v, want one", got)
			}
			if want.Text = got[0].Text; got[0] != want || !strings.Contains(got[0].Text, "skipped") {
				t.Errorf("got  %+v\nwant %+v", got[0], want)
			}
			if s := got[0].String(); !strings.HasPrefix(s, name+": the file name") {
				t.Errorf("String() = %q", s)
			}
			if tags := c.Tags(); len(tags) != 2 || tags[1] != language.Polish {
				t.Errorf("Tags() = %v, want [en pl]", tags)
			}
			for _, tag := range c.Tags() {
				if ps := c.Check(tag); len(ps) != 0 {
					t.Errorf("Check(%s) = %v", tag, ps)
				}
			}
			if s, err := c.Messages(language.Polish, true).Text("Intro", nil, nil); s != "Cześć." || err != nil {
				t.Errorf("Text(pl, Intro) = %q, %v", s, err)
			}
		})
	}
}

func TestGoi18nFileNames(t *testing.T) {
	// goi18n merge writes what is translated to active.<tag>.toml and what is not yet to
	// translate.<tag>.toml; the source may be active.en.toml.
	de := withHashes(deTOML)
	i := strings.Index(de, "[ChecklistCount]")
	active, translate := de[:i], "# to translate\n"+de[i:]
	c := load(t, mapFS("active.en.toml", enTOML, "active.de.toml", active, "translate.de.toml", translate))
	if tags := c.Tags(); len(tags) != 2 || tags[0] != language.English || tags[1] != language.German {
		t.Fatalf("Tags() = %v, want [en de]", tags)
	}
	for _, tag := range c.Tags() {
		if ps := c.Check(tag); len(ps) != 0 {
			t.Errorf("Check(%s):\n%s", tag, lines(ps))
		}
	}
	m := c.Messages(language.German, true)
	n := 3
	if s, err := m.Text("ChecklistCount", nil, &n); s != "3 Vereinbarungen" || err != nil {
		t.Errorf("Text(ChecklistCount, 3) = %q, %v; want translate.de.toml's", s, err)
	}
	if s, err := m.Text("Intro", nil, nil); s != "Hallo." || err != nil {
		t.Errorf("Text(Intro) = %q, %v; want active.de.toml's", s, err)
	}
}

func TestOverlay(t *testing.T) {
	base := mapFS("en.toml", enTOML, "de.toml", withHashes(deTOML))
	partner := mapFS(
		"de.toml", "[Intro]\nother = \"Willkommen.\"\n",
		"pl.toml", withHashes(plTOML),
	)
	c := load(t, base, partner)
	if tags := c.Tags(); len(tags) != 3 || tags[2] != language.Polish {
		t.Errorf("Tags() = %v, want [en de pl]: a later layer adds locales", tags)
	}
	m := c.Messages(language.German, true)
	for id, want := range map[string]string{"Intro": "Willkommen.", "HelpContact": "Fragen? Kontakt: X."} {
		if s, err := m.Text(id, map[string]string{"Organisation": "X"}, nil); s != want || err != nil {
			t.Errorf("Text(de, %s) = %q, %v; want %q", id, s, err, want)
		}
	}
	for _, tag := range c.Tags() {
		if ps := c.Check(tag); len(ps) != 0 {
			t.Errorf("Check(%s):\n%s", tag, lines(ps))
		}
	}

	// A partner that changes the English makes the translations of it stale.
	partner = mapFS("en.toml", "[Intro]\ndescription = \"The opening paragraph.\"\nother = \"Welcome.\"\n")
	c = load(t, base, partner)
	got := c.Check(language.German)
	if len(got) != 1 || got[0].Kind != catalog.KindStale || got[0].Message != "Intro" || got[0].File != "de.toml" {
		t.Errorf("Check(de) after the English changed:\n%s want one stale Intro in de.toml", lines(got))
	}
	if s, err := c.Messages(language.English, true).Text("HelpContact", map[string]string{"Organisation": "X"}, nil); s != "Questions? Contact X." || err != nil {
		t.Errorf("Text(en, HelpContact) = %q, %v; want the base's", s, err)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		layers []fs.FS
		want   string
	}{
		{"no English", []fs.FS{mapFS("de.toml", deTOML)}, "en.toml"},
		{"English in a file that is no tag", []fs.FS{mapFS("english.toml", enTOML)}, "en.toml"},
		{"empty folder", []fs.FS{fstest.MapFS{}}, "en.toml"},
		{"no layer", nil, "en.toml"},
		{"nil layer", []fs.FS{mapFS("en.toml", enTOML), nil}, "layer 1"},
		{"unreadable file", []fs.FS{errFS{mapFS("en.toml", enTOML, "de.toml", deTOML)}}, "de.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := catalog.Load(tt.layers...)
			if err == nil {
				t.Fatalf("Load succeeded with tags %v; want an error", c.Tags())
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestCheckUnknownLocale(t *testing.T) {
	c := load(t, mapFS("en.toml", enTOML))
	got := c.Check(language.Dutch)
	if len(got) != 1 || got[0].Locale != language.Dutch || got[0].Kind != catalog.KindMissing {
		t.Errorf("Check(nl) = %v, want one problem: no catalogue", got)
	}
	if c.Err(language.Dutch) != nil {
		t.Errorf("Err(nl) = %v, want nil", c.Err(language.Dutch))
	}
}

func TestCheckSorted(t *testing.T) {
	de := withHashes(deTOML)
	de = strings.Replace(de, "{{.Organisation}}", "{{.Org}}", 1)
	de = strings.Replace(de, "Hallo.", "{{len .X}}", 1)
	de = strings.Replace(de, "# German\n", "# German\nExtra = \"x\"\n", 1)
	de = strings.Replace(de, "HelpWebsite = \"Website: {{.Website}}\"\n", "", 1)
	c := load(t, mapFS("en.toml", enTOML, "de.toml", de))
	got := c.Check(language.German)
	var kinds []catalog.Kind
	for i, p := range got {
		kinds = append(kinds, p.Kind)
		if i > 0 && p.Line < got[i-1].Line {
			t.Errorf("not sorted by line:\n%s", lines(got))
		}
	}
	want := []catalog.Kind{catalog.KindMissing, catalog.KindUnknown, catalog.KindAction, catalog.KindPlaceholders}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("kinds %v, want %v:\n%s", kinds, want, lines(got))
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		tag, forms string
		lacks      []string // "" for no problem
	}{
		{"ru", "one few many other", nil},
		{"ru", "one many other", []string{`"few"`}},
		{"ar", "zero one few many other", []string{`"two"`}},
		{"fr", "one other", []string{`"many"`}},
		{"ja", "other", nil},
		{"tlh", "one other", []string{"no plural rules"}},
	}
	for _, tt := range tests {
		t.Run(tt.tag+" "+tt.forms, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("[ChecklistCount]\n")
			for _, f := range strings.Fields(tt.forms) {
				fmt.Fprintf(&b, "%s = \"{{.Count}} %s\"\n", f, f)
			}
			c := load(t, mapFS("en.toml", "[ChecklistCount]\none = \"{{.Count}} agreement\"\nother = \"{{.Count}} agreements\"\n", tt.tag+".toml", b.String()))
			got := c.Check(language.MustParse(tt.tag))
			if len(got) != min(1, len(tt.lacks)) {
				t.Fatalf("Check(%s):\n%s", tt.tag, lines(got))
			}
			for _, s := range tt.lacks {
				if got[0].Kind != catalog.KindPlural || got[0].Line != 1 || !strings.Contains(got[0].Text, s) {
					t.Errorf("%s (%s): want kind plural at line 1, saying %s", got[0], got[0].Kind, s)
				}
			}
		})
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    catalog.Problem
		want string
	}{
		{catalog.Problem{Locale: language.French, File: "fr.toml", Line: 40, Message: "HelpContact", Kind: catalog.KindPlaceholders, Text: "placeholders x"},
			"fr.toml:40: fr: HelpContact: placeholders x"},
		{catalog.Problem{Locale: language.French, File: "fr.toml", Message: "Intro", Kind: catalog.KindMissing, Text: "missing"},
			"fr.toml: fr: Intro: missing"},
		{catalog.Problem{Locale: language.French, File: "fr.toml", Line: 3, Kind: catalog.KindParse, Text: "not valid TOML"},
			"fr.toml:3: fr: not valid TOML"},
		{catalog.Problem{Locale: language.Und, File: "notes.toml", Kind: catalog.KindFileName, Text: "no tag"},
			"notes.toml: no tag"},
		{catalog.Problem{Locale: language.Dutch, Kind: catalog.KindMissing, Text: "no catalogue"},
			"nl: no catalogue"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// errFS is a folder whose de.toml cannot be read.
type errFS struct{ fstest.MapFS }

func (f errFS) ReadFile(name string) ([]byte, error) {
	if name == "de.toml" {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadFile(name)
}

// FuzzLoad loads any German catalogue beside the English one: Load, Check and Text must never
// panic, and Text must never print "<no value>", a character nobody sees that changes what is
// printed (bidi controls and marks, zero-width and control characters), or more than
// MaxMessageLength characters. The input, taken as a requested tag, is served by its own
// language or not at all. Seeds: testdata/fuzz/FuzzLoad (the inputs of issue 10) and below.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		withHashes(deTOML), "", "[", "Intro = 3", "[Intro]\nother = 1", "[Intro]\nfoo = \"x\"\nother = \"y\"",
		"Intro = [\"a\", \"b\"]", "[a.b]\nother = \"{{.X\"", "Intro = \"{{template \\\"x\\\"}}\"",
		"Intro = \"{{define \\\"x\\\"}}y{{end}}\"", "[[Intro]]\nother = \"x\"", "HelpContact = \"{{.Organisation.X}}\"",
		"[ChecklistCount]\nleftdelim = \"<\"\nother = \"<.Count>\"", "Intro = \"\u202E\"", "HelpWebsite = {other = \"x\"}",
		"so", "sr-Cyrl", "de-AT",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, de string) {
		c, err := catalog.Load(mapFS("en.toml", enTOML, "de.toml", de))
		if err != nil {
			t.Fatal(err)
		}
		if tag, _, err := c.Match(de); err == nil {
			want, _ := language.Make(de).Base()
			if got, _ := tag.Base(); got != want {
				t.Errorf("Match(%q) = %s: another language", de, tag)
			}
		}
		for _, tag := range c.Tags() {
			_ = c.Check(tag)
			_ = c.Err(tag)
			for _, strict := range []bool{false, true} {
				m := c.Messages(tag, strict)
				for _, id := range []string{"Intro", "HelpContact", "HelpWebsite", "ChecklistCount", "Other"} {
					data := map[string]string{"Organisation": "O", "Website": "W"}
					for _, count := range []*int{nil, ptr(1), ptr(3)} {
						s, err := m.Text(id, data, count)
						if strings.Contains(s, "<no value>") {
							t.Errorf("Text(%s) = %q", id, s)
						}
						if err != nil && s != "" {
							t.Errorf("Text(%s) = %q and error %v", id, s, err)
						}
						if n := utf8.RuneCountInString(s); n > catalog.MaxMessageLength {
							t.Errorf("Text(%s): %d characters printed", id, n)
						}
						for _, r := range s {
							if k := untrusted.Classify(r); r != '\r' && (k == untrusted.Explicit || k == untrusted.Mark || k == untrusted.ZeroWidth || k == untrusted.Control) {
								t.Errorf("Text(%s) = %q prints the hidden %s", id, s, untrusted.Name(r))
							}
						}
					}
				}
			}
		}
	})
}
