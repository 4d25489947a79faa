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
//
// Catalogues are untrusted input, written by volunteers: a file larger than MaxFileSize or
// nested deeper than the TOML decoder handles quickly is not read; a message longer than
// MaxMessageLength, with a template action other than a plain field, or with a character
// nobody sees that changes what is printed (bidi controls and marks, zero-width and control
// characters) is never printed; a requested tag is served only by its own language (Match).
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/untrusted"
)

// Limits of what a catalogue may hold. The largest embedded catalogue is 14 KB and its longest
// message 542 characters; within these limits a catalogue loads, checks and prints in well under
// a second.
const (
	MaxFileSize      = 1 << 20 // bytes of one catalogue file
	MaxMessageLength = 4000    // characters of one form of a message, placeholders as written
)

// source is the locale every other catalogue is translated from, and falls back to.
var source = language.English

// Catalog is the set of catalogues of one or more layers. It is safe for concurrent use.
type Catalog struct {
	locales map[language.Tag]*locale
	tags    []language.Tag // source first, then sorted by tag string
	orphans []Problem      // files that belong to no locale
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
		l := c.locale(tag)
		f := newFile(layer, name, tag)
		l.files = append(l.files, f)
		data, err := untrusted.ReadFile(fsys, name, MaxFileSize)
		var entries []*entry
		var perr *FileError
		switch tooLarge := (*untrusted.TooLargeError)(nil); {
		case errors.As(err, &tooLarge):
			perr = &FileError{Locale: tag, File: name, Err: err}
		case err != nil:
			return fmt.Errorf("catalog: %s: %w", name, err)
		default:
			entries, perr = parseFile(f, data)
		}
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
	var (
		n        notMessage
		tooLarge *untrusted.TooLargeError
		nesting  *untrusted.NestingError
	)
	switch {
	case errors.As(e.Err, &n):
		return n.Error()
	case errors.As(e.Err, &tooLarge), errors.As(e.Err, &nesting):
		return e.Err.Error()
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

// Match returns the locale that serves a requested BCP 47 tag: a catalogue of the same
// language in the same script, whatever the region ("pa-IN" is served by pa, "de-AT" by de,
// "ur-IN" by ur), the closest by golang.org/x/text's matcher when there are several. Aliases
// count as the language they stand for: "sh" and "hbs" are sr-Latn, "mo" is ro-MD.
//
// Another language is never served: "so" is not served by English, "az" by Russian, "ckb" by
// Arabic, whatever a matcher thinks close enough. The only other script served is that of a
// tag that names none and whose region does not imply one ("sr", "sr-RS": served by sr-Latn,
// with a warning); "sr-Cyrl", or "pa-PK" (Shahmukhi, the Arabic script) where the catalogue is
// Gurmukhi, are not. Anything else is an *UnknownLocaleError listing the available locales.
func (c *Catalog) Match(requested string) (tag language.Tag, warning string, err error) {
	unknown := &UnknownLocaleError{Requested: requested, Available: c.Tags()}
	want, perr := language.Parse(requested)
	if perr != nil {
		return language.Und, "", unknown
	}
	base, conf := want.Base()
	if conf != language.Exact { // "und", "x-private"
		return language.Und, "", unknown
	}
	script, _ := want.Script()
	var same, others []language.Tag
	for _, t := range c.tags {
		b, _ := t.Base()
		s, _ := t.Script()
		switch {
		case b != base:
		case s == script:
			same = append(same, t)
		default:
			others = append(others, t)
		}
	}
	switch {
	case len(same) > 0:
		return closest(want, same), "", nil
	case len(others) > 0 && !namesScript(want):
		got := closest(want, others)
		gs, _ := got.Script()
		return got, fmt.Sprintf("no catalogue for %s in the %s script: using %s, in the %s script", want, script, got, gs), nil
	}
	return language.Und, "", unknown
}

// closest returns the tag of tags, all of one language and script, that golang.org/x/text
// finds closest to want: the same region, else a neighbour ("pt-AO" → pt-PT rather than pt-BR).
func closest(want language.Tag, tags []language.Tag) language.Tag {
	if len(tags) == 1 {
		return tags[0]
	}
	_, i, _ := language.NewMatcher(tags).Match(want)
	return tags[i]
}

// namesScript reports whether a tag asks for a script: names it ("sr-Cyrl"), or names a
// region where the language is written in another script than where it is most spoken
// ("pa-PK": Arabic, where pa is Gurmukhi).
func namesScript(t language.Tag) bool {
	s, conf := t.Script()
	if conf == language.Exact {
		return true
	}
	base, _ := t.Base()
	bare, err := language.Compose(base)
	if err != nil {
		return true
	}
	bs, _ := bare.Script()
	return bs != s
}
