// Package typography applies a locale's typographic conventions to its text before the text is
// set: the spaces French puts before ; : ! ? and inside « », the no-break space of "38 %", the
// one-letter words Polish never leaves at a line's end, and, when asked, native digits. The
// conventions are data (rules.toml beside this file), so a locale's rules change without Go.
//
// Only spaces the text already has are changed, never added where it has none, so addresses
// such as "https://example.org" are never touched.
package typography

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/datafile"
)

const (
	nbsp   = '\u00a0' // NO-BREAK SPACE
	nnbsp  = '\u202f' // NARROW NO-BREAK SPACE
	spaces = " \u00a0\u202f"
)

// Rules are one locale's conventions. The zero Rules change nothing.
type Rules struct {
	NarrowSpaceBefore string  // characters the preceding space of which becomes U+202F
	SpaceBefore       string  // characters the preceding space of which becomes U+00A0
	Guillemets        bool    // U+202F inside « »
	PercentSpace      bool    // U+00A0 between a number and %
	BindSingleLetters bool    // the space after a one-letter word becomes U+00A0
	Digits            []rune  // the locale's own digits, 0 to 9; nil when it has none
	Percent           rune    // the percent sign used with native digits; 0: %
	MinSize           float64 // no text is set smaller than this to fit (points); 0: the design's
	Leading           float64 // line pitch as a multiple of the design's; 0 means 1
}

//go:embed rules.toml
var rulesFile []byte

// table is the rules of rules.toml by tag, read once.
var table = func() map[language.Tag]Rules {
	m, err := Parse(rulesFile, "rules.toml")
	if err != nil {
		panic(err) // the embedded file is checked by the package's tests
	}
	return m
}()

// For returns the rules of a locale: those of its exact tag, else of its language in the same
// script, else none.
func For(locale language.Tag) Rules {
	if r, ok := table[locale]; ok {
		return r
	}
	base, _ := locale.Base()
	script, _ := locale.Script()
	for t, r := range table {
		b, _ := t.Base()
		s, _ := t.Script()
		if b == base && s == script {
			return r
		}
	}
	return Rules{}
}

// Parse reads a rules file: one table per BCP 47 tag.
func Parse(data []byte, name string) (map[language.Tag]Rules, error) {
	f, top, err := datafile.Parse(data, name, 1<<20)
	if err != nil {
		return nil, err
	}
	out := map[language.Tag]Rules{}
	for _, key := range top.Keys() {
		tag, err := language.Parse(key)
		if err != nil {
			top.Problemf(key, "%q is not a BCP 47 language tag", key)
		}
		out[tag] = rules(top.Table(key))
	}
	top.Done()
	return out, f.Err()
}

func rules(t datafile.Table) Rules {
	r := Rules{
		NarrowSpaceBefore: t.String("narrow_space_before", ""),
		SpaceBefore:       t.String("space_before", ""),
		Guillemets:        t.Bool("guillemets", false),
		PercentSpace:      t.Bool("percent_space", false),
		BindSingleLetters: t.Bool("bind_single_letters", false),
		MinSize:           t.Number("min_size", 0),
		Leading:           t.Number("leading", 0),
	}
	if r.Leading < 0 || r.Leading > 3 {
		t.Problemf("leading", "want a multiple of the design's line pitch, from 0 to 3")
	}
	if r.MinSize < 0 {
		t.Problemf("min_size", "must not be negative")
	}
	if d := t.String("digits", ""); d != "" {
		r.Digits = []rune(d)
		if len(r.Digits) != 10 {
			t.Problemf("digits", "want the ten digits 0 to 9 of the locale, not %d characters", len(r.Digits))
			r.Digits = nil
		}
	}
	if p := t.String("percent", ""); p != "" {
		if utf8.RuneCountInString(p) != 1 {
			t.Problemf("percent", "want one character")
		}
		r.Percent, _ = utf8.DecodeRuneInString(p)
	}
	t.Done()
	return r
}

// Apply returns text with the rules' spaces.
func (r Rules) Apply(text string) string {
	rs := []rune(text)
	for i, c := range rs {
		switch {
		case i > 0 && strings.ContainsRune(r.NarrowSpaceBefore, c):
			setSpace(rs, i-1, nnbsp)
		case i > 0 && strings.ContainsRune(r.SpaceBefore, c):
			setSpace(rs, i-1, nbsp)
		case r.BindSingleLetters && isSpace(c) && i > 0 && unicode.IsLetter(rs[i-1]) && (i == 1 || isSpace(rs[i-2])):
			rs[i] = nbsp
		case r.Guillemets && c == '«' && i+1 < len(rs):
			setSpace(rs, i+1, nnbsp)
		case r.Guillemets && c == '»' && i > 0:
			setSpace(rs, i-1, nnbsp)
		}
	}
	out := string(rs)
	if r.PercentSpace {
		out = percentSpace(out)
	}
	return out
}

// percentSpace puts a no-break space between a number and the % after it: the space there
// becomes one, and one is added where there is none.
func percentSpace(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, c := range rs {
		switch {
		case c == '%' && i > 0 && unicode.IsDigit(rs[i-1]):
			b.WriteRune(nbsp)
		case isSpace(c) && i > 0 && i+1 < len(rs) && rs[i+1] == '%' && unicode.IsDigit(rs[i-1]):
			c = nbsp
		}
		b.WriteRune(c)
	}
	return b.String()
}

// setSpace makes rs[i] the space sp if it is a space.
func setSpace(rs []rune, i int, sp rune) {
	if i >= 0 && i < len(rs) && isSpace(rs[i]) {
		rs[i] = sp
	}
}

func isSpace(r rune) bool { return strings.ContainsRune(spaces, r) }

// NativeDigits returns text with the digits 0–9 written in the locale's own digits, and % in
// its percent sign; text unchanged when the locale has none.
func (r Rules) NativeDigits(text string) string {
	if r.Digits == nil {
		return text
	}
	return strings.Map(func(c rune) rune {
		switch {
		case c >= '0' && c <= '9':
			return r.Digits[c-'0']
		case c == '%' && r.Percent != 0:
			return r.Percent
		}
		return c
	}, text)
}

// HasDigits reports whether the locale has digits of its own.
func (r Rules) HasDigits() bool { return r.Digits != nil }
