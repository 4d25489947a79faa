// Package editions reads a partner's edition of a leaflet from a TOML file: the group that
// hands it out, where parents get help (its help lines, each described in the families'
// languages, and the emergency number), and the locales it prints. It is data, not
// translation: the leaflet prints it as written, inside the catalogue's sentences.
//
// The file's schema is documented in README.md beside this file. ECPAT Belgium's edition,
// ecpat-belgium.toml, is embedded and is the default.
package editions

import (
	"embed"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/datafile"
)

// Edition is one partner's edition.
type Edition struct {
	File         string // the file it was read from, for messages
	Organisation string // "ECPAT Belgium"
	Website      string // "www.ecpat.be"; empty leaves its line out
	Email        string // empty leaves its line out
	Emergency    string // the emergency phone number; empty leaves its line out
	Locales      []string
	Helplines    []Helpline
}

// Helpline is a phone line where parents or children get help.
type Helpline struct {
	Name         string            // "Child Focus"
	Number       string            // "116 000"
	Descriptions map[string]string // what the line is for, by BCP 47 tag; "en" is required
	Line         int               // where the file defines it, for messages
}

// Source is the language every help line must be described in, which other locales fall
// back to.
const Source = "en"

// Error lists every problem of an edition file, each naming the file, the line and the key.
type Error = datafile.Error

// Problem is one problem of an edition file.
type Problem = datafile.Problem

//go:embed ecpat-belgium.toml
var embedded embed.FS

// Default returns ECPAT Belgium's edition, the one printed when none is given. Each call
// returns a new copy.
func Default() (*Edition, error) { return Load(embedded, "ecpat-belgium.toml") }

// Load reads and checks the edition file name of fsys.
func Load(fsys fs.FS, name string) (*Edition, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return Parse(data, name)
}

// Parse reads and checks an edition file's contents; name is the file's name, for messages.
// Every problem is reported at once in an *Error.
func Parse(data []byte, name string) (*Edition, error) {
	f, t, err := datafile.Parse(data, name)
	if err != nil {
		return nil, err
	}
	e := &Edition{
		File:         name,
		Organisation: field(t, "organisation", true),
		Website:      field(t, "website", false),
		Email:        field(t, "email", false),
		Emergency:    field(t, "emergency", false),
	}
	for i, tag := range t.Strings("locales") {
		if _, err := language.Parse(tag); err != nil {
			t.Problemf("locales", "item %d, %q, is not a BCP 47 language tag (like \"ur\" or \"pa-IN\")", i+1, tag)
			continue
		}
		e.Locales = append(e.Locales, tag)
	}
	for _, h := range t.Tables("helpline") {
		e.Helplines = append(e.Helplines, helpline(h))
	}
	t.Done()
	if err := f.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

// field reads a one-line text field.
func field(t datafile.Table, key string, required bool) string {
	s := strings.TrimSpace(t.String(key, ""))
	if s == "" && required {
		t.Problemf(key, "missing: it is printed on the leaflet")
	}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		t.Problemf(key, "holds the control character U+%04X (a line break or tab?): write it on one line", []rune(s[i:])[0])
	}
	return s
}

func helpline(t datafile.Table) Helpline {
	h := Helpline{Name: field(t, "name", true), Number: field(t, "number", true), Line: t.Line(""), Descriptions: map[string]string{}}
	d := t.Table("description")
	for _, tag := range d.Keys() {
		if _, err := language.Parse(tag); err != nil {
			d.Problemf(tag, "%q is not a BCP 47 language tag (like \"ur\" or \"pa-IN\")", tag)
		}
		if s := field(d, tag, true); s != "" {
			h.Descriptions[tag] = s
		}
	}
	if !slices.Contains(d.Keys(), Source) {
		t.Problemf("description", "no English description (en = \"…\"): every locale without its own falls back to it")
	}
	d.Done()
	t.Done()
	return h
}

// Description returns what a help line is for in the language of locale: the description
// written for the locale, or for its language in the same script ("de" serves "de-AT", "sr"
// does not serve "sr-Latn"), else the English one, and whether it fell back to English.
func (h Helpline) Description(locale language.Tag) (text string, english bool) {
	if s, ok := h.Descriptions[locale.String()]; ok {
		return s, false
	}
	base, _ := locale.Base()
	script, _ := locale.Script()
	for _, tag := range slices.Sorted(maps.Keys(h.Descriptions)) {
		t, err := language.Parse(tag)
		if err != nil {
			continue
		}
		b, _ := t.Base()
		s, _ := t.Script()
		if b == base && s == script {
			return h.Descriptions[tag], false
		}
	}
	return h.Descriptions[Source], locale.String() != Source
}
