package fontset

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	xlanguage "golang.org/x/text/language"
	"golang.org/x/text/unicode/bidi"
)

// minCoverage is the share of a script's letters, in its home page, that each file of a family
// must map for the family to cover the script. Fonts made for a script map most of them, fonts
// that carry a script's letters as a by-product far fewer. Of the 190 regular fonts of Debian 12's
// fonts-noto-core, each font made for a script maps 70% or more of it (the least: Noto Nastaliq
// Urdu, 70% of the Arabic page: the letters of Urdu and its neighbours, not of every
// Arabic-script language; Noto Sans Lao 75%), and no other share reaches 50% (the most: Noto
// Sans Math, 49% of the Greek page; 45% of the Latin page, the 52 ASCII letters, in Noto Sans
// Math and Noto Sans Symbols). 60% lies between with about ten points on either side.
// fonts/README.md lists the figures.
const minCoverage = 0.6

// ScriptError reports a locale written in a script that no font of the set covers. It is returned
// by Set.Supports before any text is set, so that a new locale without its font fails with one
// clear message instead of one missing character after another.
type ScriptError struct {
	Locale string // the tag asked about: "ta"
	Script string // the script's ISO 15924 code: "Taml"; "Zzzz" when it cannot be told
	Name   string // the script's Unicode name: "Tamil"
}

func (e *ScriptError) Error() string {
	if e.Script == language.Unknown.String() {
		return fmt.Sprintf("cannot tell which script locale %q is written in: name it in the tag (%s-Latn, %s-Arab…)",
			e.Locale, e.Locale, e.Locale)
	}
	return fmt.Sprintf("locale %q is written in %s (%s), which no font covers: add a font for %s (%s) to fonts/: README, Adding a locale (steps in fonts/README.md, Adding a script)",
		e.Locale, e.Name, e.Script, e.Name, e.Script)
}

// Supports returns nil when the set has a font for every script text in locale tag is written in
// (see LocaleScripts), and a *ScriptError naming the first script no family covers otherwise. It
// says nothing of single characters: a character no font has is still reported when it is set.
// Call it once per rendering, before setting any text.
func (s *Set) Supports(tag string) error {
	scripts, err := LocaleScripts(tag)
	if err != nil {
		return err
	}
	for _, sc := range scripts {
		if len(s.covering[sc]) == 0 {
			return &ScriptError{Locale: tag, Script: sc.String(), Name: scriptName(sc)}
		}
	}
	return nil
}

// composite lists the ISO 15924 codes that stand for several scripts of Unicode, as
// golang.org/x/text gives them for some languages (ja → Jpan), with the scripts text in them is
// made of, the main one first. ISO 15924 defines them; they are no choice of this package.
var composite = map[string][]string{
	"Hans": {"Hani"},                 // Han, simplified
	"Hant": {"Hani"},                 // Han, traditional
	"Hrkt": {"Hira", "Kana"},         // Japanese syllabaries
	"Jpan": {"Hani", "Hira", "Kana"}, // Japanese
	"Kore": {"Hang", "Hani"},         // Korean
	"Aran": {"Arab"},                 // Arabic, Nastaliq style
	"Latf": {"Latn"},                 // Latin, Fraktur
	"Latg": {"Latn"},                 // Latin, Gaelic
	"Cyrs": {"Cyrl"},                 // Cyrillic, Old Church Slavonic
	"Syre": {"Syrc"},                 // Syriac, Estrangelo
	"Syrj": {"Syrc"},                 // Syriac, Western
	"Syrn": {"Syrc"},                 // Syriac, Eastern
}

// LocaleScripts returns the scripts text in locale tag (BCP 47) is written in: the script the tag
// names or, when it names none, the likely one, as golang.org/x/text infers it (ur → Arab,
// pa → Guru, sr-Latn → Latn, sr → Cyrl), the scripts it stands for when that is a composite code
// (ja → Jpan: Hani, Hira, Kana), or Unknown (Zzzz) when it cannot be told.
func LocaleScripts(tag string) ([]language.Script, error) {
	t, err := xlanguage.Parse(tag)
	if err != nil {
		return nil, fmt.Errorf("fontset: locale %q: %w", tag, err)
	}
	sc, _ := t.Script()
	codes, ok := composite[sc.String()]
	if !ok {
		codes = []string{sc.String()}
	}
	var out []language.Script
	for _, c := range codes {
		s, err := language.ParseScript(c)
		if err != nil {
			return nil, fmt.Errorf("fontset: locale %q: script %q: %w", tag, c, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// RightToLeft reports whether text in locale tag (BCP 47) runs right to left: whether the
// letters of the script it is written in (see LocaleScripts) are right to left in
// golang.org/x/text's bidi tables (class R or AL): ar, ur, fa, he, ckb, dv and pa-Arab do, pa
// and sr-Latn do not. It is the one source of a locale's direction, as LocaleScripts is of its
// script.
func RightToLeft(tag string) (bool, error) {
	scripts, err := LocaleScripts(tag)
	if err != nil {
		return false, err
	}
	info, ok := scriptInfos()[scripts[0]]
	if !ok {
		return false, nil // Zzzz, or a script with no letters: left to right, as most are
	}
	p, _ := bidi.LookupRune(info.first)
	return p.Class() == bidi.R || p.Class() == bidi.AL, nil
}

// scriptInfo is what the coverage rule needs of a script, from Go's Unicode tables.
type scriptInfo struct {
	name    string              // Unicode's name, with spaces: "Old Italic"
	table   *unicode.RangeTable // its characters
	first   rune                // its first letter
	page    rune                // its home page: its first letter >> 8
	letters int                 // its letters in its home page
}

// scriptInfos holds every script of Unicode that has letters, by code.
var scriptInfos = sync.OnceValue(func() map[language.Script]scriptInfo {
	out := map[language.Script]scriptInfo{}
	for name, table := range unicode.Scripts {
		if name == "Common" || name == "Inherited" {
			continue
		}
		first, ok := firstLetter(table)
		if !ok {
			continue
		}
		info := scriptInfo{name: strings.ReplaceAll(name, "_", " "), table: table, first: first, page: first >> 8}
		for r := info.page << 8; r < (info.page+1)<<8; r++ {
			if info.has(r) {
				info.letters++
			}
		}
		out[language.LookupScript(first)] = info
	}
	return out
})

// has reports whether r is a letter of the script in its home page.
func (info scriptInfo) has(r rune) bool {
	return r>>8 == info.page && unicode.IsLetter(r) && unicode.Is(info.table, r)
}

func firstLetter(table *unicode.RangeTable) (rune, bool) {
	for _, rg := range table.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			if unicode.IsLetter(r) {
				return r, true
			}
		}
	}
	for _, rg := range table.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			if unicode.IsLetter(r) {
				return r, true
			}
		}
	}
	return 0, false
}

// scriptName returns the Unicode name of a script ("Tamil"), or its code when Go's Unicode
// tables do not know it.
func scriptName(sc language.Script) string {
	if sc == language.Unknown {
		return "Unknown"
	}
	if info, ok := scriptInfos()[sc]; ok {
		return info.name
	}
	return sc.String()
}

// coverage returns, for every script of which f maps a letter in the script's home page, the
// share of the script's letters there that f maps. The home page of a script is the 256 code
// points U+xx00–U+xxFF that hold its first letter: the basic letters of a script come first in
// Unicode (Basic Latin and Latin-1, the Arabic block, the Devanagari block…), where a later page
// (Latin Extended, Arabic Presentation Forms) would make the measure depend on letters that
// fonts for a script often leave out.
func coverage(f *font.Font) map[language.Script]float64 {
	infos := scriptInfos()
	hits := map[language.Script]int{}
	for it := f.Cmap.Iter(); it.Next(); {
		r, _ := it.Char()
		if !unicode.IsLetter(r) {
			continue
		}
		sc := language.LookupScript(r)
		if info, ok := infos[sc]; ok && info.has(r) {
			hits[sc]++
		}
	}
	out := map[language.Script]float64{}
	for sc, n := range hits {
		out[sc] = float64(n) / float64(infos[sc].letters)
	}
	return out
}

// sortedScripts returns the scripts of m in code order, for a result that does not depend on
// map order.
func sortedScripts(m map[language.Script]float64) []language.Script {
	out := make([]language.Script, 0, len(m))
	for sc := range m {
		out = append(out, sc)
	}
	slices.Sort(out)
	return out
}
