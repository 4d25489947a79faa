package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Problem is one thing wrong with a catalogue.
type Problem struct {
	Locale  language.Tag
	File    string
	Message string // message ID; empty for the file as a whole
	What    string
}

func (p Problem) String() string {
	if p.Message == "" {
		return fmt.Sprintf("%s (%s): %s", p.Locale, p.File, p.What)
	}
	return fmt.Sprintf("%s (%s): %s: %s", p.Locale, p.File, p.Message, p.What)
}

// Check compares a locale's catalogue with the English source and lists every problem: messages
// missing or unknown, template placeholders that differ, plural forms that the language needs
// (CLDR) but the message lacks, and explicit bidi controls, which the typesetter refuses.
func (c *Catalog) Check(tag language.Tag) []Problem {
	mf := c.files[tag]
	if mf == nil {
		return []Problem{{Locale: tag, What: "no catalogue"}}
	}
	src := index(c.files[Source].Messages)
	own := index(mf.Messages)
	file := c.names[tag]
	var out []Problem
	add := func(id, format string, args ...any) {
		out = append(out, Problem{Locale: tag, File: file, Message: id, What: fmt.Sprintf(format, args...)})
	}
	loc := i18n.NewLocalizer(c.bundle, tag.String())
	for _, id := range sortedIDs(src) {
		m, ok := own[id]
		if !ok {
			add(id, "missing (English is used)")
			continue
		}
		want, got := placeholders(allText(src[id])), placeholders(allText(m))
		if !slices.Equal(want, got) {
			add(id, "placeholders %s, English has %s", list(got), list(want))
		}
		if isPlural(src[id]) {
			for _, e := range missingForms(loc, id) {
				add(id, "%s", e)
			}
		}
		for _, r := range allText(m) {
			if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
				add(id, "explicit bidi control U+%04X: remove it", r)
			}
		}
	}
	for _, id := range sortedIDs(own) {
		if _, ok := src[id]; !ok {
			add(id, "not in the English source (never printed)")
		}
	}
	return out
}

func index(msgs []*i18n.Message) map[string]*i18n.Message {
	m := map[string]*i18n.Message{}
	for _, msg := range msgs {
		m[msg.ID] = msg
	}
	return m
}

func sortedIDs(m map[string]*i18n.Message) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func isPlural(m *i18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

// missingForms asks for a plural message with every count from 0 to 200, which meets every
// integer plural category of every language (CLDR), and returns go-i18n's complaints about the
// forms it lacks.
func missingForms(loc *i18n.Localizer, id string) []string {
	var out []string
	for n := 0; n <= 200; n++ {
		_, err := loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": n}})
		if err != nil && !slices.Contains(out, err.Error()) {
			out = append(out, err.Error())
		}
	}
	return out
}

func allText(m *i18n.Message) string {
	return strings.Join([]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}, "\n")
}

func list(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return "{{." + strings.Join(s, "}} {{.") + "}}"
}
