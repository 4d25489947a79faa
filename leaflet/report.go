package leaflet

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// Report says how a rendering went.
type Report struct {
	Locale language.Tag
	Pages  int
	Bytes  int
	Shrunk []Shrink // every frame whose text was set smaller than designed so that it fits
	// ReadingSize is the smallest size, in points, at which text other than small print (a
	// footer) was set.
	ReadingSize float64
	Warnings    []Problem // what the leaflet prints in English, or with a near match, instead
}

// Shrink records a frame whose text was set smaller than its style's size so that it fits.
type Shrink struct {
	Frame    string
	From, To float64 // font sizes in points
	messages string
}

// MostShrunk returns the frame shrunk the most, relative to its size, and whether any was.
func (r *Report) MostShrunk() (Shrink, bool) {
	var best Shrink
	for _, s := range r.Shrunk {
		if best.From == 0 || s.To/s.From < best.To/best.From {
			best = s
		}
	}
	return best, best.From != 0
}

// Paragraph is one paragraph of a rendering's text.
type Paragraph struct {
	Frame   string // "front/intro"
	Message string // its message ID
	Text    string
}

// Kind says what kind of problem a Problem is.
type Kind string

// The kinds of problems. Those of catalogues are catalog's (see locales/ and the README).
const (
	KindFileName     Kind = "file-name"     // a catalogue file whose name is no language tag: skipped
	KindParse        Kind = "parse"         // a catalogue file that is not TOML or not a catalogue
	KindDuplicate    Kind = "duplicate"     // a message defined twice for one locale
	KindMissing      Kind = "missing"       // a message the locale lacks: English is printed
	KindUnknown      Kind = "unknown"       // a message English does not have: never printed
	KindPlaceholders Kind = "placeholders"  // {{.Fields}} other than English's
	KindAction       Kind = "action"        // a template action other than a plain {{.Field}}
	KindPlural       Kind = "plural"        // plural forms the language needs (CLDR) but lacks
	KindBidi         Kind = "bidi"          // bidi controls or marks (LRM, RLM, ALM) in the text
	KindInvisible    Kind = "invisible"     // zero-width or control characters in the text
	KindLength       Kind = "length"        // a message longer than MaxMessageLength
	KindStale        Kind = "stale"         // English changed after the message was translated
	KindTooLong      Kind = "too-long"      // text that does not fit its frame at the smallest size
	KindShrunk       Kind = "shrunk"        // text set smaller than designed so that it fits
	KindGlyph        Kind = "missing-glyph" // a character no font has
	KindScript       Kind = "no-font"       // the locale's script, which no font covers
	KindHelplines    Kind = "help-lines"    // more help lines than the help box holds
	KindDescription  Kind = "description"   // a help line not described in the locale's language: English is printed
	KindMatch        Kind = "match"         // a tag served by another script of its language
	KindOther        Kind = "other"
)

// Problem is one thing wrong with a locale, its catalogue, the edition or the design, as tools
// and people need it: where, what kind, and what to do.
type Problem struct {
	Locale  language.Tag // language.Und when it concerns no one locale
	File    string       // the file to edit, when known: "fr.toml", "ecpat-uk.toml"
	Line    int          // from 1; 0 when not known
	Frame   string       // the design's frame, for problems of layout: "front/intro"
	Message string       // message ID
	Kind    Kind
	Text    string
	Warning bool // the leaflet still prints (in English, or smaller); an error otherwise
}

func (p Problem) String() string {
	var parts []string
	if p.File != "" {
		loc := p.File
		if p.Line > 0 {
			loc += ":" + strconv.Itoa(p.Line)
		}
		parts = append(parts, loc)
	}
	if p.Locale != language.Und {
		parts = append(parts, p.Locale.String())
	}
	switch {
	case p.Frame != "" && p.Message != "":
		parts = append(parts, p.Frame+" ("+p.Message+")")
	case p.Frame != "":
		parts = append(parts, p.Frame)
	case p.Message != "":
		parts = append(parts, p.Message)
	}
	s := strings.Join(append(parts, p.Text), ": ")
	if p.Warning {
		s = "warning: " + s
	}
	return s
}

func fromCatalog(p catalog.Problem) Problem {
	k := Kind(p.Kind)
	return Problem{Locale: p.Locale, File: p.File, Line: p.Line, Message: p.Message, Kind: k, Text: p.Text,
		Warning: k == KindMissing || k == KindStale || k == KindDuplicate}
}

// problemOf turns a rendering's error into a Problem.
func problemOf(tag language.Tag, err error) Problem {
	p := Problem{Locale: tag, Kind: KindOther, Text: err.Error()}
	var (
		fe   *FitError
		he   *HelplinesError
		me   *MessageError
		miss *typeset.MissingGlyphError
		se   *ScriptError
	)
	switch {
	case errors.As(err, &he):
		p.Frame, p.Kind, p.File, p.Text = he.Frame, KindHelplines, he.File, he.reason()
	case errors.As(err, &fe):
		p.Frame, p.Message, p.Kind, p.Text = fe.Frame, strings.Join(fe.Messages, " "), KindTooLong, fe.reason()
	case errors.As(err, &me):
		p.File, p.Line, p.Message, p.Kind, p.Text = me.File, me.Line, me.ID, Kind(me.Kind), me.Err.Error()
	case errors.As(err, &se):
		p.Kind, p.Text = KindScript, se.Error()
	case errors.As(err, &miss):
		p.Kind, p.Text = KindGlyph, miss.Error()
		var fr *frameError
		if errors.As(err, &fr) {
			p.Frame, p.Message = fr.frame, strings.Join(fr.messages, " ")
		}
	}
	return p
}

// frameError places an error of setting text in its frame.
type frameError struct {
	frame    string
	messages []string
	err      error
}

func (e *frameError) Error() string {
	return fmt.Sprintf("%s (%s): %v", e.frame, strings.Join(e.messages, " "), e.err)
}

func (e *frameError) Unwrap() error { return e.err }
