// Package catalog loads the leaflet's message catalogues (go-i18n v2 TOML), matches requested
// language tags to them, fills in template data and checks each catalogue against the English
// source.
//
// Catalogues come in layers: the first is the base (the embedded catalogues), and each later one
// (a partner's folder) adds to and overrides the earlier ones message by message. A file is named
// after its locale as <tag>.toml, or as goi18n names it, active.<tag>.toml or translate.<tag>.toml.
//
// Problems in a catalogue never stop the others from loading: each is a Problem with its file and
// line, and a locale whose file does not parse cannot be printed (see Catalog.Err).
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// source is the locale every other catalogue is translated from, and falls back to.
var source = language.English

// Catalog is the set of catalogues of one or more layers. It is safe for concurrent use.
type Catalog struct {
	locales map[language.Tag]*locale
	tags    []language.Tag // source first, then sorted by tag string
	orphans []Problem      // files that belong to no locale
	matcher language.Matcher
}

// locale is everything the layers hold for one language tag.
type locale struct {
	tag      language.Tag
	files    []*file           // in layer order, and by name within a layer
	msgs     map[string]*entry // by message ID, as the last definition left it
	failed   *FileError        // the first file that did not parse
	fileErrs []located         // problems of whole files: parse, duplicate
	plurals  plurals
	problems []Problem // every problem, sorted; set once all layers are read
}

// Load reads every *.toml file at the top of each layer. The first layer is the base; each later
// layer adds to and overrides the earlier ones message by message. Within one layer a message
// defined by two files of a locale is a problem, and the file whose name sorts last wins.
//
// Load fails only on an I/O error or when no layer has an English catalogue (en.toml), the source
// every locale falls back to. Every other fault is a Problem: see Check, Problems and Err.
func Load(layers ...fs.FS) (*Catalog, error) {
	c := &Catalog{locales: map[language.Tag]*locale{}}
	for i, fsys := range layers {
		if fsys == nil {
			return nil, fmt.Errorf("catalog: layer %d is nil", i)
		}
		if err := c.loadLayer(i, fsys); err != nil {
			return nil, err
		}
	}
	if c.locales[source] == nil {
		return nil, fmt.Errorf("catalog: no %s.toml in any folder: English is the source every locale falls back to", source)
	}
	for tag, l := range c.locales {
		c.tags = append(c.tags, tag)
		l.plurals = newPlurals(tag)
	}
	slices.SortFunc(c.tags, func(a, b language.Tag) int {
		switch {
		case a == b:
			return 0
		case a == source:
			return -1
		case b == source:
			return 1
		}
		return strings.Compare(a.String(), b.String())
	})
	c.matcher = language.NewMatcher(c.tags)
	for _, l := range c.locales {
		l.problems = c.check(l)
	}
	return c, nil
}

// loadLayer reads the catalogues of one layer, in file-name order.
func (c *Catalog) loadLayer(layer int, fsys fs.FS) error {
	dir, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("catalog: reading layer %d: %w", layer, err)
	}
	defined := map[language.Tag]map[string]*entry{} // in this layer
	for _, d := range dir {
		name := d.Name()
		if d.IsDir() || !strings.HasSuffix(name, ".toml") {
			continue
		}
		tag, ok := fileTag(name)
		if !ok {
			c.orphans = append(c.orphans, Problem{
				Locale: language.Und, File: name, Kind: KindFileName,
				Text: "the file name holds no language tag, so the file is skipped: name it <tag>.toml, active.<tag>.toml or translate.<tag>.toml",
			})
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("catalog: %s: %w", name, err)
		}
		l := c.locale(tag)
		f := newFile(layer, name, tag)
		l.files = append(l.files, f)
		entries, perr := parseFile(f, data)
		if perr != nil {
			if l.failed == nil {
				l.failed = perr
			}
			l.fileErrs = append(l.fileErrs, located{perr.problem(), layer})
			continue
		}
		if defined[tag] == nil {
			defined[tag] = map[string]*entry{}
		}
		for _, e := range entries {
			if prev := defined[tag][e.ID]; prev != nil {
				l.fileErrs = append(l.fileErrs, located{duplicate(prev, e), layer})
			}
			defined[tag][e.ID] = e
			l.msgs[e.ID] = e
		}
	}
	return nil
}

func (c *Catalog) locale(tag language.Tag) *locale {
	l := c.locales[tag]
	if l == nil {
		l = &locale{tag: tag, msgs: map[string]*entry{}}
		c.locales[tag] = l
	}
	return l
}

// mainFile is the file a locale's missing messages belong in: its first file in the last layer
// that has one.
func (l *locale) mainFile() string {
	if len(l.files) == 0 {
		return ""
	}
	last := l.files[len(l.files)-1].layer
	for _, f := range l.files {
		if f.layer == last {
			return f.name
		}
	}
	return ""
}

// Tags lists the locales, English first, then sorted by tag. A locale whose file does not parse
// is listed too: Err says it cannot be printed.
func (c *Catalog) Tags() []language.Tag { return slices.Clone(c.tags) }

// Err returns a *FileError when a file of the locale did not parse, so that the locale cannot be
// printed; nil otherwise, also for a locale the catalogue does not have.
func (c *Catalog) Err(tag language.Tag) error {
	if l := c.locales[tag]; l != nil && l.failed != nil {
		return l.failed
	}
	return nil
}

// Has reports whether the English source has message id.
func (c *Catalog) Has(id string) bool {
	_, ok := c.locales[source].msgs[id]
	return ok
}

// Placeholders returns the sorted names of the template data that message id of the English
// source uses: "Website" for {{.Website}}. It returns nil for a message English does not have.
func (c *Catalog) Placeholders(id string) []string {
	e := c.locales[source].msgs[id]
	if e == nil {
		return nil
	}
	return e.placeholders()
}

// Problems returns the problems of files that belong to no locale, because their names hold no
// language tag, in the order of the layers and of the files in each.
func (c *Catalog) Problems() []Problem { return slices.Clone(c.orphans) }

// FileError reports a catalogue file that does not parse, as TOML or as go-i18n messages. Its
// locale cannot be printed.
type FileError struct {
	Locale language.Tag
	File   string // the file's name in its folder
	Line   int    // 0 when not known
	Err    error
}

func (e *FileError) Error() string {
	return fmt.Sprintf("%s: %s: %s", position(e.File, e.Line), e.Locale, e.text())
}

func (e *FileError) Unwrap() error { return e.Err }

// text says what is wrong, without the position the TOML decoder puts in its own messages.
func (e *FileError) text() string {
	var n notMessage
	if errors.As(e.Err, &n) {
		return n.Error()
	}
	return "not valid TOML: " + describe(e.Err)
}

func (e *FileError) problem() Problem {
	return Problem{
		Locale: e.Locale, File: e.File, Line: e.Line, Kind: KindParse,
		Text: e.text() + "; the locale cannot be printed until it is fixed",
	}
}

// position formats a file and line as compilers do: "fr.toml:12", or "fr.toml" without a line.
func position(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

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
