package catalog

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/tomlpos"
	"github.com/ecpat/makeitsafe/leaflet/internal/untrusted"
)

// file is one catalogue file of one layer.
type file struct {
	layer int
	name  string // as in its folder
	tag   language.Tag
	lines tomlpos.Lines
}

func newFile(layer int, name string, tag language.Tag) *file {
	return &file{layer: layer, name: name, tag: tag}
}

// line returns the line defining a key path such as "Intro" or "Intro.other".
func (f *file) line(path string) int { return f.lines.Line(path) }

// fileTag returns the locale a file name stands for: <tag>.toml, or goi18n's active.<tag>.toml
// and translate.<tag>.toml. go-i18n itself takes the tag from between the last two dots of any
// name; other prefixes are refused here, so that a stray copy ("old.fr.toml") cannot silently
// override a catalogue.
func fileTag(name string) (language.Tag, bool) {
	stem := strings.TrimSuffix(name, ".toml")
	if prefix, rest, dotted := strings.Cut(stem, "."); dotted {
		if prefix != "active" && prefix != "translate" {
			return language.Und, false
		}
		stem = rest
	}
	tag, err := language.Parse(stem)
	if err != nil || tag == language.Und {
		return language.Und, false
	}
	return tag, true
}

// formNames are the CLDR plural forms, in CLDR order.
var formNames = [...]string{"zero", "one", "two", "few", "many", "other"}

// entry is one message of one file.
type entry struct {
	*i18n.Message
	file  *file
	line  int
	forms []*form // the forms that have text, in CLDR order

	// blocked is the problem that keeps the message from being printed (kind action or
	// placeholders); set by the check.
	blocked *Problem
}

// form is one plural form of a message, parsed.
type form struct {
	name    string // "zero" … "other"
	src     string
	line    int
	text    *text  // nil when action is set or the form is too long
	action  string // what makes the form more than text and placeholders, as a sentence
	tooLong bool   // longer than MaxMessageLength: not even parsed
}

func newEntry(f *file, m *i18n.Message) *entry {
	e := &entry{Message: m, file: f, line: f.line(m.ID)}
	srcs := [...]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}
	for i, src := range srcs {
		if strings.TrimSpace(src) == "" {
			continue // go-i18n treats an empty form as absent; white space alone prints nothing either
		}
		fm := &form{name: formNames[i], src: src, line: f.line(m.ID + "." + formNames[i])}
		fm.tooLong = utf8.RuneCountInString(src) > MaxMessageLength
		if m.LeftDelim == "" && m.RightDelim == "" && !fm.tooLong {
			fm.text, fm.action = parseText(src)
		}
		e.forms = append(e.forms, fm)
	}
	return e
}

// form returns the form of that name, or nil.
func (e *entry) form(name string) *form {
	for _, f := range e.forms {
		if f.name == name {
			return f
		}
	}
	return nil
}

// placeholders returns the sorted names the forms use as plain fields.
func (e *entry) placeholders() []string {
	var names []string
	for _, f := range e.forms {
		if f.text != nil {
			names = append(names, f.text.fields()...)
		}
	}
	sort.Strings(names)
	return slices.Compact(names)
}

// parseFile reads a catalogue as go-i18n does. A file that go-i18n refuses yields a *FileError
// with the line at fault where it can be found.
func parseFile(f *file, data []byte) ([]*entry, *FileError) {
	fail := func(line int, err error) *FileError {
		return &FileError{Locale: f.tag, File: f.name, Line: line, Err: err}
	}
	var nesting *untrusted.NestingError
	if err := untrusted.CheckNesting(data); errors.As(err, &nesting) {
		return nil, fail(nesting.Line, err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		line := 0
		var perr toml.ParseError
		if errors.As(err, &perr) {
			line = perr.Position.Line
		}
		return nil, fail(line, err)
	}
	f.lines = tomlpos.Scan(data)
	msgs, err := i18n.ParseMessageBytes(data, toml.Unmarshal)
	if err != nil {
		if n, ok := locate(f, "", raw); ok {
			n.err = err
			return nil, fail(n.line, n)
		}
		return nil, fail(0, notMessage{err: err, what: "not a go-i18n catalogue: " + err.Error()})
	}
	entries := make([]*entry, len(msgs))
	for i, m := range msgs {
		entries[i] = newEntry(f, m)
	}
	slices.SortFunc(entries, func(a, b *entry) int { return a.line - b.line })
	return entries, nil
}

// notMessage is a value that TOML accepts but go-i18n does not take for a message.
type notMessage struct {
	line int
	what string // a sentence
	err  error  // go-i18n's own error
}

func (n notMessage) Error() string { return n.what }
func (n notMessage) Unwrap() error { return n.err }

// reserved are the keys of a go-i18n message table.
var reserved = map[string]bool{
	"id": true, "description": true, "hash": true, "leftdelim": true, "rightdelim": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true, "translation": true,
}

// locate finds the first key, by line, whose value go-i18n refuses: neither text nor a table, or
// a table that mixes message fields with other keys.
func locate(f *file, prefix string, table map[string]any) (notMessage, bool) {
	var found []notMessage
	for key, v := range table {
		id := key
		if prefix != "" {
			id = prefix + "." + key
		}
		switch v := v.(type) {
		case string:
		case map[string]any:
			var fields, others []string
			for k, kv := range v {
				if _, isText := kv.(string); isText && reserved[strings.ToLower(k)] {
					fields = append(fields, k)
				} else {
					others = append(others, k)
				}
			}
			if len(fields) > 0 && len(others) > 0 {
				sort.Strings(others)
				found = append(found, notMessage{line: f.line(id), what: fmt.Sprintf(
					"%s mixes message fields with %s: a message table holds only description, hash and its text (other, one…)",
					id, strings.Join(others, ", "))})
			} else if len(fields) == 0 {
				if n, ok := locate(f, id, v); ok {
					found = append(found, n)
				}
			}
		default:
			found = append(found, notMessage{line: f.line(id), what: fmt.Sprintf(
				"%s is %s: a message is text in quotes, or a table of its forms", id, kindOfValue(v))})
		}
	}
	if len(found) == 0 {
		return notMessage{}, false
	}
	slices.SortFunc(found, func(a, b notMessage) int { return a.line - b.line })
	return found[0], true
}

func kindOfValue(v any) string {
	switch v.(type) {
	case []any, []map[string]any:
		return "an array"
	case bool:
		return "true or false"
	case int64, float64:
		return "a number"
	}
	return "a date or time"
}

// describe returns an error's message without the position the TOML decoder adds to it.
func describe(err error) string {
	var perr toml.ParseError
	if errors.As(err, &perr) && perr.Message != "" {
		return perr.Message
	}
	return err.Error()
}

// duplicate reports a message that two files of one locale define in the same layer: the first
// definition, which the second overrides.
func duplicate(lost, won *entry) Problem {
	return Problem{
		Locale: lost.file.tag, File: lost.file.name, Line: lost.line, Message: lost.ID, Kind: KindDuplicate,
		Text: fmt.Sprintf("also defined in %s, whose text is used: keep only one", position(won.file.name, won.line)),
	}
}
