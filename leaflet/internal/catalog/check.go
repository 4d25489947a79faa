package catalog

import (
	"crypto/sha1"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/untrusted"
)

// Kind says what sort of problem a Problem is.
type Kind string

// The kinds of problem.
const (
	KindFileName     Kind = "file-name"    // a *.toml file whose name holds no language tag; skipped
	KindParse        Kind = "parse"        // a file that is not TOML or not go-i18n messages; its locale cannot be printed
	KindDuplicate    Kind = "duplicate"    // a message two files of one locale define in the same layer
	KindMissing      Kind = "missing"      // a message of English the locale lacks, or has without text
	KindUnknown      Kind = "unknown"      // a message English does not have, so never printed
	KindPlaceholders Kind = "placeholders" // other placeholders than English's
	KindAction       Kind = "action"       // a template action other than a placeholder
	KindPlural       Kind = "plural"       // a plural form the language needs (CLDR) and the message lacks
	KindBidi         Kind = "bidi"         // explicit bidi controls or marks (LRM, RLM, ALM): the typesetter orders text itself
	KindInvisible    Kind = "invisible"    // zero-width or control characters, which print nothing a reader sees
	KindLength       Kind = "length"       // a message longer than MaxMessageLength
	KindStale        Kind = "stale"        // the English changed since the message was translated
)

// Problem is one thing wrong with a catalogue.
type Problem struct {
	Locale  language.Tag // language.Und for a file whose name is no tag
	File    string       // the file's name as in its folder, such as "active.pl.toml"
	Line    int          // 0 when not known
	Message string       // message ID; "" for the file as a whole
	Kind    Kind
	Text    string // what is wrong and what to do
}

// String returns the problem as one line, as compilers write them:
// "fr.toml:40: fr: HelpContact: placeholders {{.Organization}}, English has {{.Organisation}}: …".
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(position(p.File, p.Line) + ": ")
	}
	if p.Locale != language.Und {
		b.WriteString(p.Locale.String() + ": ")
	}
	if p.Message != "" {
		b.WriteString(p.Message + ": ")
	}
	b.WriteString(p.Text)
	return b.String()
}

// Check returns every problem of a locale, sorted by file (in layer order) and line: files that
// do not parse, messages defined twice, and each message compared with English — missing or
// unknown, other placeholders, template actions, plural forms the language needs (CLDR) but the
// message lacks, bidi controls and marks, zero-width and control characters, messages longer
// than MaxMessageLength, and translations of an English text that has changed since. English itself is checked for all that does not compare it with itself.
func (c *Catalog) Check(tag language.Tag) []Problem {
	l := c.locales[tag]
	if l == nil {
		return []Problem{{Locale: tag, Kind: KindMissing, Text: "no catalogue for this locale"}}
	}
	return slices.Clone(l.problems)
}

// located is a problem with the layer of its file, by which problems sort first.
type located struct {
	Problem
	layer int
}

// check finds every problem of a locale, sorted, and marks the messages that cannot be printed.
// The messages of a locale whose file does not parse are not compared with English: most would
// only seem missing.
func (c *Catalog) check(l *locale) []Problem {
	ps := slices.Clone(l.fileErrs)
	if l.failed == nil {
		ps = append(ps, c.checkMessages(l)...)
	}
	slices.SortStableFunc(ps, func(a, b located) int {
		if a.layer != b.layer {
			return a.layer - b.layer
		}
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	})
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = p.Problem
	}
	return out
}

// checkMessages compares each message of a locale with English.
func (c *Catalog) checkMessages(l *locale) []located {
	var ps []located
	en := c.locales[source]
	add := func(e *entry, kind Kind, line int, format string, args ...any) *Problem {
		p := Problem{
			Locale: l.tag, File: e.file.name, Line: line, Message: e.ID, Kind: kind,
			Text: fmt.Sprintf(format, args...),
		}
		ps = append(ps, located{p, e.file.layer})
		return &p
	}
	for _, id := range sortedIDs(en.msgs) {
		src := en.msgs[id]
		e := l.msgs[id]
		if e == nil {
			ps = append(ps, located{missing(l, id), lastLayer(l)})
			continue
		}
		if len(e.forms) == 0 {
			add(e, KindMissing, e.line, "the message has no text: %s", missingEffect(l.tag))
			continue
		}
		actions := false
		if e.LeftDelim != "" || e.RightDelim != "" {
			e.blocked = add(e, KindAction, e.line, "custom delimiters (leftdelim, rightdelim) are not allowed: remove them and write placeholders as {{.Name}}")
			actions = true
		}
		for _, f := range e.forms {
			if f.action != "" {
				p := add(e, KindAction, f.line, "%s", f.action)
				if e.blocked == nil {
					e.blocked = p
				}
				actions = true
			}
		}
		if l.tag != source && !actions {
			if want, got := src.placeholders(), e.placeholders(); !slices.Equal(want, got) {
				e.blocked = add(e, KindPlaceholders, e.line,
					"has %s where English has %s: use exactly English's", placeholderPhrase(got), list(want))
			}
		}
		c.checkForms(l, src, e, add)
		for _, p := range []*Problem{checkLength(e, add), checkHidden(e, add)} {
			if p != nil && e.blocked == nil {
				e.blocked = p
			}
		}
		if l.tag != source && e.Hash != "" {
			if h := hash(src.Message); e.Hash != h {
				add(e, KindStale, e.file.line(e.ID+".hash"),
					"the English changed since this was translated: review the translation against the English, then set hash = %q", h)
			}
		}
	}
	if l.tag != source {
		for _, id := range sortedIDs(l.msgs) {
			if e := l.msgs[id]; en.msgs[id] == nil {
				add(e, KindUnknown, e.line, "not in the English catalogue, so never printed: remove it, or correct its ID")
			}
		}
	}
	return ps
}

// missing reports a message of English that a locale does not define.
func missing(l *locale, id string) Problem {
	return Problem{Locale: l.tag, File: l.mainFile(), Message: id, Kind: KindMissing, Text: "missing: " + missingEffect(l.tag)}
}

func missingEffect(tag language.Tag) string {
	if tag == source {
		return "it cannot be printed"
	}
	return "English is printed instead; translate it"
}

func lastLayer(l *locale) int {
	if len(l.files) == 0 {
		return 0
	}
	return l.files[len(l.files)-1].layer
}

// checkForms reports the plural forms a message lacks: "other" for every message, and for one
// that English gives plural forms, every form the language's CLDR rules choose for some count.
func (c *Catalog) checkForms(l *locale, src, e *entry, add func(*entry, Kind, int, string, ...any) *Problem) {
	if !isPlural(src) {
		if e.form("other") == nil {
			add(e, KindPlural, e.line, `the message has no "other" form, the text that is printed: add it`)
		}
		return
	}
	if l.plurals.loc == nil {
		add(e, KindPlural, e.line, "go-i18n has no plural rules for %s, so no plural form can be chosen", l.tag)
		return
	}
	var lacks []string
	for _, name := range l.plurals.needed {
		if e.form(name) == nil {
			lacks = append(lacks, fmt.Sprintf("%q", name))
		}
	}
	if len(lacks) > 0 {
		add(e, KindPlural, e.line, "lacks the plural %s %s: %s needs %s (CLDR)",
			plural(len(lacks), "form", "forms"), strings.Join(lacks, ", "), l.tag, strings.Join(l.plurals.needed, ", "))
	}
}

// isPlural reports whether a message has other forms than "other".
func isPlural(e *entry) bool {
	return len(e.forms) > 1 || len(e.forms) == 1 && e.forms[0].name != "other"
}

// checkLength reports a form longer than MaxMessageLength, which is never printed.
func checkLength(e *entry, add func(*entry, Kind, int, string, ...any) *Problem) *Problem {
	for _, f := range e.forms {
		if f.tooLong {
			return add(e, KindLength, f.line, "the %q form has %d characters, more than the %d a message may have: shorten it",
				f.name, utf8.RuneCountInString(f.src), MaxMessageLength)
		}
	}
	return nil
}

// checkHidden reports the characters in a message that a reader of the catalogue cannot see
// and that change what is printed: explicit bidi controls and bidi marks (LRM, RLM, ALM), since
// the typesetter orders text itself and a mark inside a number reorders its groups ("12 34 56"
// printed "1256 34"), and zero-width and control characters. ZWNJ and ZWJ, which shape Persian,
// Urdu and Indic words, soft hyphens, tabs and line breaks are allowed. It returns the first
// problem, which keeps the message from being printed.
func checkHidden(e *entry, add func(*entry, Kind, int, string, ...any) *Problem) *Problem {
	type found struct {
		names []string
		line  int
	}
	var bidi, invisible found
	for _, f := range e.forms {
		for _, r := range f.src {
			var k *found
			switch untrusted.Classify(r) {
			case untrusted.Explicit, untrusted.Mark:
				k = &bidi
			case untrusted.ZeroWidth, untrusted.Control:
				if r == '\r' {
					continue // of a Windows line end in a multi-line string
				}
				k = &invisible
			default:
				continue
			}
			if n := untrusted.Name(r); !slices.Contains(k.names, n) {
				k.names = append(k.names, n)
			}
			if k.line == 0 {
				k.line = f.line
			}
		}
	}
	var first *Problem
	if len(bidi.names) > 0 {
		first = add(e, KindBidi, bidi.line, "invisible bidi %s %s: remove %s, the typesetter sets the direction itself",
			plural(len(bidi.names), "control", "controls"), strings.Join(bidi.names, ", "), plural(len(bidi.names), "it", "them"))
	}
	if len(invisible.names) > 0 {
		p := add(e, KindInvisible, invisible.line, "invisible %s %s, which print nothing a reader sees: remove %s",
			plural(len(invisible.names), "character", "characters"), strings.Join(invisible.names, ", "), plural(len(invisible.names), "it", "them"))
		if first == nil {
			first = p
		}
	}
	return first
}

// hash is goi18n's fingerprint of an English message (goi18n merge, func hash): a translation
// records it to say which English it was translated from.
func hash(m *i18n.Message) string {
	h := sha1.New()
	_, _ = io.WriteString(h, m.Description)
	_, _ = io.WriteString(h, m.Other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

func sortedIDs(m map[string]*entry) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// plural returns one or many as n asks.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
