package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"golang.org/x/text/language"
)

// Messages gives the text of one locale's messages. It is not safe for concurrent use.
type Messages struct {
	c        *Catalog
	tag      language.Tag
	strict   bool
	warnings []Problem
}

// Messages returns the messages of a locale. Those its catalogue lacks come from English, with a
// warning; in strict mode they are an error.
func (c *Catalog) Messages(tag language.Tag, strict bool) *Messages {
	return &Messages{c: c, tag: tag, strict: strict}
}

// Tag returns the locale.
func (m *Messages) Tag() language.Tag { return m.tag }

// Warnings returns what Text noticed so far: the messages that fell back to English, once each.
func (m *Messages) Warnings() []Problem { return slices.Clone(m.warnings) }

// MessageError reports a message that cannot be printed. Locale, File and Line name the
// catalogue at fault: English's when the message fell back to English.
type MessageError struct {
	Locale language.Tag
	File   string // "" when the locale has no file
	Line   int    // 0 when not known
	ID     string
	Kind   Kind
	Err    error
}

func (e *MessageError) Error() string {
	s := fmt.Sprintf("%s: message %s: %v", e.Locale, e.ID, e.Err)
	if e.File != "" {
		s = position(e.File, e.Line) + ": " + s
	}
	return s
}

func (e *MessageError) Unwrap() error { return e.Err }

// Text returns message id with its placeholders filled in from data. count, when not nil, chooses
// the plural form (CLDR) and is {{.Count}} in the message.
//
// Text never prints a template's "<no value>": it returns a *MessageError when the message has a
// problem of kind action or placeholders, when data lacks a placeholder the message uses, when
// its locale's file does not parse, when the form the count chooses is missing, and in strict
// mode when the locale lacks the message.
func (m *Messages) Text(id string, data map[string]string, count *int) (string, error) {
	e, err := m.entry(id)
	if err != nil {
		return "", err
	}
	fail := func(line int, kind Kind, err error) error {
		return &MessageError{Locale: e.file.tag, File: e.file.name, Line: line, ID: id, Kind: kind, Err: err}
	}
	if p := e.blocked; p != nil {
		return "", fail(p.Line, p.Kind, errors.New(p.Text))
	}
	name := "other"
	if count != nil {
		var ok bool
		if name, ok = m.c.locales[e.file.tag].plurals.form(*count); !ok {
			return "", fail(e.line, KindPlural, fmt.Errorf("go-i18n has no plural rules for %s", e.file.tag))
		}
	}
	f := e.form(name)
	switch {
	case f == nil && count != nil:
		return "", fail(e.line, KindPlural, fmt.Errorf("the count %d chooses the %q form, which the message lacks", *count, name))
	case f == nil:
		return "", fail(e.line, KindPlural, errors.New(`the message has no "other" form`))
	case f.text == nil: // the check has blocked the message already
		return "", fail(f.line, KindAction, errors.New("the message holds template actions other than placeholders"))
	}
	s, lacking := f.text.fill(func(name string) (string, bool) {
		if name == "Count" && count != nil {
			return strconv.Itoa(*count), true
		}
		v, ok := data[name]
		return v, ok
	})
	if lacking != "" {
		return "", fail(f.line, KindPlaceholders, fmt.Errorf("no value for the placeholder {{.%s}}", lacking))
	}
	return s, nil
}

// entry returns the definition of message id that m prints: the locale's, or English's when the
// locale lacks it and m is not strict.
func (m *Messages) entry(id string) (*entry, error) {
	c := m.c
	src := c.locales[source].msgs[id]
	if src == nil {
		return nil, &MessageError{Locale: m.tag, ID: id, Kind: KindUnknown, Err: errors.New("not in the English catalogue")}
	}
	l := c.locales[m.tag]
	if err := c.unprintable(l, id); err != nil {
		return nil, err
	}
	var e *entry
	if l != nil {
		e = l.msgs[id]
	}
	if e != nil && len(e.forms) > 0 {
		return e, nil
	}
	if m.tag == source {
		return nil, &MessageError{Locale: source, File: src.file.name, Line: src.line, ID: id, Kind: KindMissing, Err: errors.New("the message has no text")}
	}
	p := Problem{Locale: m.tag, Message: id, Kind: KindMissing}
	switch {
	case e != nil:
		p.File, p.Line, p.Text = e.file.name, e.line, "the message has no text"
	case l != nil:
		p.File, p.Text = l.mainFile(), "missing"
	default:
		p.Text = "no catalogue for this locale"
	}
	if m.strict {
		return nil, &MessageError{Locale: m.tag, File: p.File, Line: p.Line, ID: id, Kind: KindMissing,
			Err: errors.New(p.Text + " (strict mode)")}
	}
	if err := c.unprintable(c.locales[source], id); err != nil {
		return nil, err
	}
	p.Text += ": English is printed instead"
	if !slices.ContainsFunc(m.warnings, func(w Problem) bool { return w.Message == id }) {
		m.warnings = append(m.warnings, p)
	}
	return src, nil
}

// unprintable returns a *MessageError when a file of the locale did not parse.
func (c *Catalog) unprintable(l *locale, id string) error {
	if l == nil || l.failed == nil {
		return nil
	}
	f := l.failed
	return &MessageError{Locale: f.Locale, File: f.File, Line: f.Line, ID: id, Kind: KindParse, Err: unparsed{f}}
}

// unparsed says that a file did not parse without repeating its position, which the
// *MessageError gives, and keeps the *FileError for errors.As.
type unparsed struct{ *FileError }

func (u unparsed) Error() string { return u.text() + "; the locale cannot be printed" }
func (u unparsed) Unwrap() error { return u.FileError }
