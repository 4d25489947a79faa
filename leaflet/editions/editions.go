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
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/datafile"
	"github.com/ecpat/makeitsafe/leaflet/internal/untrusted"
)

// Edition is one partner's edition.
type Edition struct {
	File         string // the file it was read from, for messages
	Organisation string // "ECPAT Belgium"
	Website      string // "www.ecpat.be"; empty leaves its line out
	Email        string // empty leaves its line out
	Emergency    string // the emergency phone number; empty leaves its line out
	Locales      []string
	Digits       Digits // the digits numbers of the text are printed in
	Helplines    []Helpline
}

// Digits says which digits the numbers of a leaflet's text (its figures and counts, not the
// edition's phone numbers and addresses) are printed in.
type Digits string

const (
	Latin  Digits = ""       // 0–9, the default: diaspora readers in Europe read them most easily
	Native Digits = "native" // the locale's own, where it has them (Arabic-Indic, Bengali…)
)

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

// Limits of an edition file, far above what a partner needs: ECPAT Belgium's file is 1.6 KB,
// its longest description 52 characters.
const (
	MaxFileSize          = 256 << 10 // bytes of the file
	MaxFieldLength       = 200       // characters of a name, an address or a number
	MaxDescriptionLength = 500       // characters of a help line's description in one language
)

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
	data, err := datafile.Read(fsys, name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(data, name)
}

// Parse reads and checks an edition file's contents; name is the file's name, for messages.
// Every problem is reported at once in an *Error: among them a value longer than its limit, a
// character nobody sees (a bidi mark, a zero-width space), a phone number with anything but
// digits and separators.
func Parse(data []byte, name string) (*Edition, error) {
	f, t, err := datafile.Parse(data, name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	e := &Edition{
		File:         name,
		Organisation: field(t, "organisation", true, prose),
		Website:      field(t, "website", false, address),
		Email:        field(t, "email", false, address),
		Emergency:    field(t, "emergency", false, number),
	}
	switch d := t.String("digits", "latin"); d {
	case "latin":
	case "native":
		e.Digits = Native
	default:
		t.Problemf("digits", "%q: want \"latin\" (0–9, the default) or \"native\" (the locale's own digits)", d)
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

// kind is what a field holds, which says which characters it may hold.
type kind int

const (
	prose   kind = iota // names and descriptions: any visible text, ZWNJ and ZWJ for shaping
	address             // a website or an e-mail address: visible characters, no spaces
	number              // a phone number: digits and separators
)

// field reads a one-line text field and checks it for its kind.
func field(t datafile.Table, key string, required bool, k kind) string {
	s := strings.TrimSpace(t.String(key, ""))
	if msg := fieldProblem(s, required, k, limitOf(t.Path())); msg != "" {
		t.Problemf(key, "%s", msg)
	}
	return s
}

// limitOf is the length limit of the fields of the table at path.
func limitOf(path string) int {
	if strings.HasPrefix(path, "helpline[") && strings.HasSuffix(path, ".description") {
		return MaxDescriptionLength
	}
	return MaxFieldLength
}

// fieldProblem says what is wrong with a field's value, as a sentence, or "".
func fieldProblem(s string, required bool, k kind, limit int) string {
	if s == "" && required {
		return "missing: it is printed on the leaflet"
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Sprintf("%d characters, more than the %d it may have: shorten it", n, limit)
	}
	return check(s, k)
}

// Check checks an edition made in Go as Parse checks a file, so that a program cannot print
// what a file could not hold: every problem, in an *Error, each naming the field (and the help
// line's line in File, when it has one).
func (e *Edition) Check() error {
	var probs []Problem
	add := func(line int, key, value string, required bool, k kind, limit int) {
		if msg := fieldProblem(value, required, k, limit); msg != "" {
			probs = append(probs, Problem{File: e.File, Line: line, Key: key, Text: msg})
		}
	}
	add(0, "organisation", e.Organisation, true, prose, MaxFieldLength)
	add(0, "website", e.Website, false, address, MaxFieldLength)
	add(0, "email", e.Email, false, address, MaxFieldLength)
	add(0, "emergency", e.Emergency, false, number, MaxFieldLength)
	for i, h := range e.Helplines {
		key := fmt.Sprintf("helpline[%d]", i)
		add(h.Line, key+".name", h.Name, true, prose, MaxFieldLength)
		add(h.Line, key+".number", h.Number, true, number, MaxFieldLength)
		for _, tag := range slices.Sorted(maps.Keys(h.Descriptions)) {
			add(h.Line, key+".description."+tag, h.Descriptions[tag], true, prose, MaxDescriptionLength)
		}
	}
	if len(probs) > 0 {
		return &Error{Problems: probs}
	}
	return nil
}

// check returns what is wrong with a field's value, as a sentence, or "".
func check(s string, k kind) string {
	if s == "" {
		return ""
	}
	for _, r := range s {
		switch untrusted.Classify(r) {
		case untrusted.Visible:
		case untrusted.Joiner, untrusted.Soft:
			if k == prose {
				continue
			}
			fallthrough
		case untrusted.Explicit, untrusted.Mark, untrusted.ZeroWidth:
			return fmt.Sprintf("holds the invisible character %s, which can reorder or hide what is printed: delete it and type the value again", untrusted.Name(r))
		case untrusted.Control:
			return fmt.Sprintf("holds the control character U+%04X (a line break or tab?): write it on one line", r)
		}
		if r == '\t' || r == '\n' {
			return fmt.Sprintf("holds the control character U+%04X (a line break or tab?): write it on one line", r)
		}
	}
	switch k {
	case address:
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
			return fmt.Sprintf("holds a space (U+%04X): an address has none", []rune(s[i:])[0])
		}
	case number:
		return checkNumber(s)
	}
	return ""
}

// Phone numbers hold digits 0–9, separated by spaces (plain, no-break, thin or narrow
// no-break), hyphens, dots or slashes, with a leading "+" and brackets ("+44 (0)20 7946 0000").
// The leaflet keeps them in this order in every direction (see package leaflet).
const numberSeparators = " \u00a0\u2009\u202f-./()"

// checkNumber says what is wrong with a phone number, or "".
func checkNumber(s string) string {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(numberSeparators, r):
		default:
			return fmt.Sprintf("%q is not a phone number: write digits 0–9, separated by spaces, hyphens, dots or slashes, with a leading + if needed (%q is not one of them)", s, r)
		}
	}
	if digits == 0 {
		return fmt.Sprintf("%q is not a phone number: it has no digit", s)
	}
	return ""
}

func helpline(t datafile.Table) Helpline {
	h := Helpline{Name: field(t, "name", true, prose), Number: field(t, "number", true, number), Line: t.Line(""), Descriptions: map[string]string{}}
	d := t.Table("description")
	for _, tag := range d.Keys() {
		if _, err := language.Parse(tag); err != nil {
			d.Problemf(tag, "%q is not a BCP 47 language tag (like \"ur\" or \"pa-IN\")", tag)
		}
		if s := field(d, tag, true, prose); s != "" {
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
