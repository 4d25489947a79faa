package leaflet

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// Limits of a catalogue; an edition's are in package editions. Past them a catalogue file is
// not read (its locale cannot be printed) and a message is not printed: each is an error of
// Check and of Render, naming the file and line.
const (
	MaxCatalogueSize = catalog.MaxFileSize      // bytes of one catalogue file
	MaxMessageLength = catalog.MaxMessageLength // characters of one form of a message
)

// FileError reports a catalogue file that cannot be read as a catalogue: not TOML, not go-i18n
// messages, larger than MaxCatalogueSize or nested too deep. Its locale cannot be printed.
type FileError = catalog.FileError

// UnknownLocaleError reports a requested tag that no catalogue serves.
type UnknownLocaleError = catalog.UnknownLocaleError

// MessageError reports a message that cannot be printed: missing in strict mode, or with
// fields or template actions English does not have. It names the locale, file, line and
// message.
type MessageError = catalog.MessageError

// ScriptError reports a locale whose script no font covers.
type ScriptError = fontset.ScriptError

// MissingGlyphError reports a character that none of the fonts has.
type MissingGlyphError = typeset.MissingGlyphError

// FitError reports text that does not fit its frame even at its style's smallest size.
type FitError struct {
	Locale   language.Tag
	Frame    string
	Messages []string
	Overflow float64 // points of text below the frame at the smallest size
	MinSize  float64
}

func (e *FitError) Error() string {
	return fmt.Sprintf("%s: %s (%s): %s", e.Locale, e.Frame, strings.Join(e.Messages, " "), e.reason())
}

func (e *FitError) reason() string {
	return fmt.Sprintf("%.1fpt of text does not fit, even at the smallest size %gpt: shorten the text", e.Overflow, e.MinSize)
}

// HelplinesError reports an edition with more help lines than its frame holds in a locale.
type HelplinesError struct {
	Locale language.Tag
	Frame  string
	File   string // the edition's file
	Have   int    // help lines in the edition
	Fit    int    // how many fit
}

func (e *HelplinesError) Error() string {
	return fmt.Sprintf("%s: %s: %s", e.Locale, e.Frame, e.reason())
}

func (e *HelplinesError) reason() string {
	return fmt.Sprintf("%s has %d help lines, but only %d fit in the help box in this language: remove %d, or shorten their descriptions",
		e.File, e.Have, e.Fit, e.Have-e.Fit)
}
