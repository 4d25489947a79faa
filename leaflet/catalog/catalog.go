// Package catalog loads the leaflet's message catalogues (go-i18n v2 TOML, one file per locale,
// named <tag>.toml), matches requested language tags to them, fills in template data and checks
// each catalogue against the English source.
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Source is the locale every other catalogue is translated from, and falls back to.
var Source = language.English

// Catalog is the set of catalogues of one folder. It is safe for concurrent use.
type Catalog struct {
	bundle  *i18n.Bundle
	tags    []language.Tag // Source first, then in file-name order
	files   map[language.Tag]*i18n.MessageFile
	names   map[language.Tag]string // file name of each catalogue
	matcher language.Matcher
}

// Load reads every *.toml file of fsys as a catalogue. It fails, naming the file, on a file that
// does not parse or whose name is not a language tag; and when there is no English catalogue.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	c := &Catalog{
		bundle: i18n.NewBundle(Source),
		files:  map[language.Tag]*i18n.MessageFile{},
		names:  map[language.Tag]string{},
	}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", name, err)
		}
		stem := strings.TrimSuffix(path.Base(name), ".toml")
		if _, err := language.Parse(stem); err != nil {
			return nil, fmt.Errorf("catalog %s: the file name must be a language tag: %w", name, err)
		}
		mf, err := c.bundle.ParseMessageFileBytes(data, name)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", name, err)
		}
		if _, dup := c.files[mf.Tag]; dup {
			return nil, fmt.Errorf("catalog %s: a second catalogue for %s (also %s)", name, mf.Tag, c.names[mf.Tag])
		}
		c.files[mf.Tag] = mf
		c.names[mf.Tag] = name
		c.tags = append(c.tags, mf.Tag)
	}
	if c.files[Source] == nil {
		return nil, fmt.Errorf("catalog: no %s.toml, the source every locale falls back to", Source)
	}
	slices.SortStableFunc(c.tags, func(a, b language.Tag) int {
		if a == Source {
			return -1
		}
		if b == Source {
			return 1
		}
		return 0
	})
	c.matcher = language.NewMatcher(c.tags)
	return c, nil
}

// Tags lists the locales, English first.
func (c *Catalog) Tags() []language.Tag { return slices.Clone(c.tags) }

// UnknownLocaleError reports a requested tag that no catalogue serves.
type UnknownLocaleError struct {
	Requested string
	Available []language.Tag
}

func (e *UnknownLocaleError) Error() string {
	names := make([]string, len(e.Available))
	for i, t := range e.Available {
		names[i] = t.String()
	}
	return fmt.Sprintf("no catalogue for %q; available: %s", e.Requested, strings.Join(names, " "))
}

// Match returns the locale that serves a requested BCP 47 tag: "pa-IN" is served by pa, "sh" and
// "hbs" by sr-Latn, "de-AT" by de. A tag in another script of a language that has a catalogue
// ("sr-Cyrl") is served by it, with a warning. Anything else is an *UnknownLocaleError.
func (c *Catalog) Match(requested string) (tag language.Tag, warning string, err error) {
	want, perr := language.Parse(requested)
	if perr != nil {
		return language.Und, "", &UnknownLocaleError{Requested: requested, Available: c.Tags()}
	}
	_, i, conf := c.matcher.Match(want)
	got := c.tags[i]
	wb, _ := want.Base()
	gb, _ := got.Base()
	switch {
	case conf >= language.High:
		return got, "", nil
	case conf == language.Low && wb == gb:
		return got, fmt.Sprintf("no catalogue for %s: using %s", want, got), nil
	}
	return language.Und, "", &UnknownLocaleError{Requested: requested, Available: c.Tags()}
}

// Messages returns the messages of a locale. Those a catalogue lacks come from English, with a
// warning; in strict mode they are an error.
func (c *Catalog) Messages(tag language.Tag, strict bool) *Messages {
	return &Messages{c: c, tag: tag, strict: strict, loc: i18n.NewLocalizer(c.bundle, tag.String())}
}

// Messages gives the text of one locale's messages. It is not safe for concurrent use.
type Messages struct {
	c        *Catalog
	tag      language.Tag
	strict   bool
	loc      *i18n.Localizer
	warnings []string
}

// Tag returns the locale.
func (m *Messages) Tag() language.Tag { return m.tag }

// Warnings returns what was noticed so far: messages that fell back to English.
func (m *Messages) Warnings() []string { return slices.Clone(m.warnings) }

// MessageError reports a message that cannot be given, naming the locale and the message.
type MessageError struct {
	Locale language.Tag
	ID     string
	Err    error
}

func (e *MessageError) Error() string {
	return fmt.Sprintf("%s: message %s: %v", e.Locale, e.ID, e.Err)
}

func (e *MessageError) Unwrap() error { return e.Err }

// Text returns message id filled in with data. count, when not nil, chooses the plural form and is
// available to the message as {{.Count}}.
func (m *Messages) Text(id string, data map[string]any, count *int) (string, error) {
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		cfg.PluralCount = *count
		d := map[string]any{"Count": *count}
		for k, v := range data {
			d[k] = v
		}
		cfg.TemplateData = d
	}
	if !m.has(id) {
		if m.strict {
			return "", &MessageError{Locale: m.tag, ID: id, Err: fmt.Errorf("missing from %s (strict mode)", m.c.names[m.tag])}
		}
		m.warnings = append(m.warnings, fmt.Sprintf("%s: message %s missing: using English", m.tag, id))
	}
	s, _, err := m.loc.LocalizeWithTag(cfg)
	var notFound *i18n.MessageNotFoundErr
	if errors.As(err, &notFound) && s != "" && !m.strict {
		err = nil // go-i18n gives the English text and says it did
	}
	if err != nil {
		return "", &MessageError{Locale: m.tag, ID: id, Err: err}
	}
	return s, nil
}

func (m *Messages) has(id string) bool {
	mf := m.c.files[m.tag]
	if mf == nil {
		return false
	}
	for _, msg := range mf.Messages {
		if msg.ID == id {
			return true
		}
	}
	return false
}

// placeholderRe finds template actions such as {{.Website}}.
var placeholderRe = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Placeholders returns the names of the template data that a message of the English source uses.
func (c *Catalog) Placeholders(id string) []string {
	for _, m := range c.files[Source].Messages {
		if m.ID == id {
			return placeholders(allText(m))
		}
	}
	return nil
}
