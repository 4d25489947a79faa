// Package leaflet prints the Make-IT-Safe parent leaflet, a two-page A4 PDF, in any language it
// has a catalogue for, with text shaped exactly as HarfBuzz shapes it (Arabic, Urdu Nastaliq,
// Devanagari, Bengali, Gurmukhi…) and text that comes back out of the PDF.
//
// A Printer holds what is shared by every rendering (parsed fonts, catalogues) and is safe for
// concurrent use: render many locales in parallel with one Printer.
package leaflet

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet/catalog"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/template"
	"github.com/ecpat/makeitsafe/locales"
	"golang.org/x/text/language"
)

// Partner is the group that hands the leaflet out: its name and where parents get help. It is
// data, not translation: the help box prints it as given. An empty field leaves its line out.
type Partner struct {
	Organisation  string // "ECPAT Belgium"
	Website       string // "www.ecpat.be"
	Email         string
	HotlineName   string // a helpline for missing and sexually exploited children
	HotlineNumber string // its phone number
	Emergency     string // the emergency phone number
}

// ECPATBelgium is the default partner: ECPAT Belgium, with Child Focus (116 000), Belgium's line
// for missing and sexually exploited children, and the European emergency number 112.
var ECPATBelgium = Partner{
	Organisation:  "ECPAT Belgium",
	Website:       "www.ecpat.be",
	Email:         "info@ecpat.be",
	HotlineName:   "Child Focus",
	HotlineNumber: "116 000",
	Emergency:     "112",
}

// Options change one rendering.
type Options struct {
	Partner *Partner // nil: ECPATBelgium
	Strict  bool     // a message missing from the locale's catalogue is an error, not English
}

// Config says where a Printer finds its catalogues and fonts. Zero values mean the embedded ones.
type Config struct {
	Catalogues fs.FS // a folder of <tag>.toml files
	Fonts      fs.FS // a folder holding the Noto files of package fonts
}

// Printer renders leaflets. It is safe for concurrent use.
type Printer struct {
	cat    *catalog.Catalog
	fonts  *fontset.Set
	design template.Template
	mirror template.Template
}

// New loads catalogues and fonts.
func New(c Config) (*Printer, error) {
	if c.Catalogues == nil {
		c.Catalogues = locales.FS
	}
	if c.Fonts == nil {
		c.Fonts = fonts.FS
	}
	cat, err := catalog.Load(c.Catalogues)
	if err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	set, err := fontset.Load(c.Fonts)
	if err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	return &Printer{cat: cat, fonts: set,
		design: template.Leaflet, mirror: template.Leaflet.Mirror()}, nil
}

// defaultPrinter is built on first use from the embedded data, which never changes.
var defaultPrinter = sync.OnceValues(func() (*Printer, error) { return New(Config{}) })

// Locales lists the locales of the embedded catalogues, English first.
func Locales() ([]language.Tag, error) {
	p, err := defaultPrinter()
	if err != nil {
		return nil, err
	}
	return p.Locales(), nil
}

// Render writes the leaflet in the language that serves tag, from the embedded catalogues.
func Render(w io.Writer, tag string, o Options) (*Report, error) {
	p, err := defaultPrinter()
	if err != nil {
		return nil, err
	}
	return p.Render(w, tag, o)
}

// Locales lists the printer's locales, English first.
func (p *Printer) Locales() []language.Tag { return p.cat.Tags() }

// Report says how a rendering went.
type Report struct {
	Locale   language.Tag
	Pages    int
	Bytes    int
	Shrunk   []Shrink // frames whose text was made smaller to fit
	Warnings []string // messages that fell back to English, tags served by a near match
}

// Shrink records a frame whose text was set smaller than its style's size so that it fits.
type Shrink struct {
	Frame    string
	From, To float64 // font sizes in points
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

// Render writes the leaflet in the language that serves tag (see catalog.Catalog.Match) to w. On
// any error nothing is written.
func (p *Printer) Render(w io.Writer, tag string, o Options) (*Report, error) {
	t, warning, err := p.cat.Match(tag)
	if err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	r := p.newRender(t, o)
	if warning != "" {
		r.report.Warnings = append(r.report.Warnings, warning)
	}
	var buf bytes.Buffer
	if err := r.run(&buf); err != nil {
		return nil, err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return nil, fmt.Errorf("leaflet: %s: %w", t, err)
	}
	r.report.Bytes = buf.Len()
	return &r.report, nil
}

// Check lists every problem of a locale's catalogue: what catalog.Check finds, and then, by
// rendering it, text that does not fit or that no font can print (messages it lacks are set in
// English, as Render does; catalog.Check has already reported them).
func (p *Printer) Check(tag string) ([]string, error) {
	t, _, err := p.cat.Match(tag)
	if err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	var out []string
	for _, pr := range p.cat.Check(t) {
		out = append(out, pr.String())
	}
	r := p.newRender(t, Options{})
	r.collect = true
	if err := r.run(io.Discard); err != nil {
		out = append(out, err.Error())
	}
	for _, e := range r.problems {
		out = append(out, e.Error())
	}
	return out, nil
}

// rightToLeft reports whether a locale's script runs right to left.
func rightToLeft(t language.Tag) bool {
	s, _ := t.Script()
	switch s.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg":
		return true
	}
	return false
}

// phone makes a phone number safe to set in any direction: its spaces become no-break spaces,
// which bidi treats as number separators, so "116 000" never reads "000 116".
func phone(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
