package catalog

import (
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// plurals chooses the plural form of a count by go-i18n's CLDR rules. go-i18n keeps its rules to
// itself, so plurals asks it for a message whose forms are their own names.
type plurals struct {
	loc    *i18n.Localizer // nil when go-i18n has no rules for the language
	needed []string        // the forms some whole count chooses, in CLDR order
}

const formProbe = "form"

// counts meet every integer plural category of every language in CLDR: the rules look at the
// last digits and at the millions (French "many").
var counts = func() []int {
	var n []int
	for i := 0; i <= 200; i++ {
		n = append(n, i)
	}
	return append(n, 1000, 10000, 100000, 1000000, 2000000)
}()

func newPlurals(tag language.Tag) plurals {
	b := i18n.NewBundle(tag)
	probe := &i18n.Message{ID: formProbe}
	probe.Zero, probe.One, probe.Two, probe.Few, probe.Many, probe.Other =
		formNames[0], formNames[1], formNames[2], formNames[3], formNames[4], formNames[5]
	if err := b.AddMessages(tag, probe); err != nil {
		return plurals{} // no plural rules for the language
	}
	p := plurals{loc: i18n.NewLocalizer(b, tag.String())}
	seen := map[string]bool{}
	for _, n := range counts {
		if f, ok := p.form(n); ok {
			seen[f] = true
		}
	}
	for _, f := range formNames {
		if seen[f] {
			p.needed = append(p.needed, f)
		}
	}
	return p
}

// form returns the plural form that count n chooses; false when the language has no rules.
func (p plurals) form(n int) (string, bool) {
	if p.loc == nil {
		return "", false
	}
	f, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: formProbe, PluralCount: n})
	if err != nil {
		return "", false
	}
	return f, true
}
