// Package leaflet prints the Make-IT-Safe parent leaflet, or any piece a design file describes,
// as a PDF in every language it has a catalogue for, with text shaped exactly as HarfBuzz shapes
// it (Arabic, Urdu Nastaliq, Devanagari, Bengali, Gurmukhi…) and text that comes back out of the
// PDF.
//
// Three kinds of data meet in a rendering, each from its own file: the design (what is printed
// where: package design), the catalogues (what it says, per language: go-i18n TOML in locales/)
// and a partner's edition (who hands it out and where parents get help: package editions).
//
// A Printer holds what is shared by every rendering (parsed fonts, catalogues, the design, the
// paragraphs it has shaped) and is safe for concurrent use: render many locales in parallel
// with one Printer.
package leaflet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sync"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
	"github.com/ecpat/makeitsafe/locales"
)

// Config says what a Printer prints with. Zero values mean the embedded data.
type Config struct {
	// Catalogues is a folder of catalogues (<tag>.toml, or goi18n's active.<tag>.toml and
	// translate.<tag>.toml) that adds to and overrides the embedded ones, message by message.
	Catalogues fs.FS
	Fonts      fs.FS          // a folder of font files; nil: the embedded Noto fonts
	Design     *design.Design // nil: the two-page leaflet (design.Leaflet)
}

// Options change one rendering.
type Options struct {
	Edition *editions.Edition // nil: ECPAT Belgium's (editions.Default)
	Strict  bool              // a message missing from the locale's catalogue, or a help line's description missing in its language, is an error, not English
	// Marks prints crop marks and a slug line (design, locale, edition, date, page) in a slug
	// beyond the bleed: the media box grows by the slug. Without it the media box is the
	// bleed box. Either way the PDF is PDF/X-4 (see the README, "Printing").
	Marks bool
	// Screen prints the screen variant, for e-mail and the web, instead of the print one: sRGB
	// colours converted from the design's CMYK through the output intent's profile, the
	// trimmed page without bleed or marks, live links; PDF/UA-1, not PDF/X-4 (see the README,
	// "Accessibility"). Marks is then an error.
	Screen bool
}

// Printer renders leaflets. It is safe for concurrent use.
type Printer struct {
	cat      *catalog.Catalog
	fonts    *fontset.Set
	design   *design.Design
	mirror   *design.Design
	problems []Problem      // of catalogue files skipped when loading
	shapes   *typeset.Cache // the paragraphs shaped by every rendering, for the next ones
}

// shapesLimit is how much text, in runes, a Printer keeps shaped for its next renderings: every
// locale of the leaflet twice over (all fourteen hold some 55,000, in 6 MB), in some 15 MB at most.
const shapesLimit = 1 << 17

// New loads the catalogues, fonts and design, and checks that the design's messages are ones
// the English catalogue has, with fields the edition can fill.
func New(c Config) (*Printer, error) {
	layers := []fs.FS{locales.FS()}
	if c.Catalogues != nil {
		layers = append(layers, c.Catalogues)
	}
	// The catalogues are read while the fonts are parsed: neither needs the other.
	var cat *catalog.Catalog
	var catErr error
	var wg sync.WaitGroup
	wg.Go(func() { cat, catErr = catalog.Load(layers...) })
	if c.Fonts == nil {
		c.Fonts = fonts.FS()
	}
	set, err := fontset.Load(c.Fonts)
	wg.Wait()
	if catErr != nil {
		return nil, fmt.Errorf("leaflet: %w", catErr)
	}
	if err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	d := c.Design
	if d == nil {
		if d, err = design.Leaflet(); err != nil {
			return nil, fmt.Errorf("leaflet: %w", err)
		}
	}
	if err := checkDesign(d, cat); err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	p := &Printer{cat: cat, fonts: set, design: d, mirror: d.Mirror(), shapes: typeset.NewCache(set, shapesLimit)}
	for _, pr := range cat.Problems() {
		p.problems = append(p.problems, fromCatalog(pr))
	}
	return p, nil
}

// checkDesign reports the design's frames whose messages English lacks or whose fields are
// none an edition fills.
func checkDesign(d *design.Design, cat *catalog.Catalog) error {
	var probs []design.Problem
	add := func(line int, format string, args ...any) {
		probs = append(probs, design.Problem{File: d.File, Line: line, Text: fmt.Sprintf(format, args...)})
	}
	for _, p := range d.Pages {
		for _, f := range p.Frames {
			for _, id := range f.Messages {
				if !cat.Has(id) {
					add(f.Line, "frame %s: message %s is not in the English catalogue", f.Name, id)
					continue
				}
				for _, name := range cat.Placeholders(id) {
					if !slices.Contains(fields, name) && !(name == countField && f.Count != "") {
						add(f.Line, "frame %s: message %s uses {{.%s}}, which no edition field fills (fields: %v; Count with count = \"frame\")", f.Name, id, name, fields)
					}
				}
			}
		}
	}
	for _, id := range append(slices.Clone(d.Document.Title), d.Document.Subject) {
		if id != "" && !cat.Has(id) {
			add(0, "document: message %s is not in the English catalogue", id)
		}
	}
	probs = append(probs, altProblems(d, cat)...)
	if len(probs) > 0 {
		return &design.Error{Problems: probs}
	}
	return nil
}

var defaultPrinter = sync.OnceValues(func() (*Printer, error) { return New(Config{}) })

// Locales lists the locales of the embedded catalogues, English first.
func Locales() ([]language.Tag, error) {
	p, err := defaultPrinter()
	if err != nil {
		return nil, err
	}
	return p.Locales(), nil
}

// Render writes the leaflet in the language that serves tag, from the embedded data. See
// Printer.Render.
func Render(ctx context.Context, w io.Writer, tag string, o Options) (*Report, error) {
	p, err := defaultPrinter()
	if err != nil {
		return nil, err
	}
	return p.Render(ctx, w, tag, o)
}

// typesetter returns a Typesetter for text in language lang, that shares the paragraphs it
// shapes with the Printer's other renderings.
func (p *Printer) typesetter(lang string, rtl bool) *typeset.Typesetter {
	if p.shapes == nil { // a Printer made without New
		return typeset.New(p.fonts.NewFaces(), lang, rtl)
	}
	return p.shapes.New(lang, rtl)
}

// Locales lists the printer's locales, English first.
func (p *Printer) Locales() []language.Tag { return p.cat.Tags() }

// Design returns a copy of the printer's design.
func (p *Printer) Design() *design.Design { return p.design.Clone() }

// Problems lists what was wrong with the catalogue files as a whole when they were loaded:
// files skipped because their name is no language tag.
func (p *Printer) Problems() []Problem { return slices.Clone(p.problems) }

// Render writes the leaflet in the language that serves tag (see Match) to w. On any error
// nothing is written: a nil w is an error, and when ctx is cancelled Render stops and returns
// ctx's error.
func (p *Printer) Render(ctx context.Context, w io.Writer, tag string, o Options) (*Report, error) {
	if w == nil {
		return nil, errors.New("leaflet: Render: nil writer")
	}
	r, err := p.start(tag, o)
	if err != nil {
		return nil, err
	}
	r.marks, r.screen = o.Marks, o.Screen
	if o.Marks && o.Screen {
		return nil, errors.New("leaflet: Render: crop marks are for print, not for the screen variant")
	}
	var buf bytes.Buffer
	if err := r.run(ctx, &buf); err != nil {
		return nil, err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return nil, fmt.Errorf("leaflet: %s: %w", r.tag, err)
	}
	r.report.Bytes = buf.Len()
	return &r.report, nil
}

// Text returns the text a rendering prints, paragraph by paragraph, frame by frame in the
// design's order: what a reader of the PDF should get back.
func (p *Printer) Text(tag string, o Options) ([]Paragraph, error) {
	r, err := p.start(tag, o)
	if err != nil {
		return nil, err
	}
	var out []Paragraph
	for _, page := range r.design.Pages {
		for _, f := range page.Frames {
			paras, err := r.bind(page, f)
			if err != nil {
				return nil, err
			}
			out = append(out, paras...)
		}
	}
	return out, nil
}

// Check lists every problem of a locale: its catalogue's (catalog problems: missing, stale…),
// the edition's (descriptions missing in the language), and, by rendering it, text that does
// not fit or that no font can print, and frames set smaller than designed. When ctx is
// cancelled Check stops and returns ctx's error.
func (p *Printer) Check(ctx context.Context, tag string, o Options) ([]Problem, error) {
	r, err := p.start(tag, o)
	if err != nil {
		var se *ScriptError
		if errors.As(err, &se) {
			return []Problem{{Locale: language.Make(se.Locale), Kind: KindScript, Text: se.Error()}}, nil
		}
		return nil, err
	}
	var out []Problem
	for _, pr := range p.cat.Check(r.tag) {
		out = append(out, fromCatalog(pr))
	}
	r.collect = true
	if err := r.run(ctx, io.Discard); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		r.problems = append(r.problems, problemOf(r.tag, err))
	}
	for _, pr := range r.problems {
		if !slices.ContainsFunc(out, func(q Problem) bool {
			return q.Kind == pr.Kind && q.File == pr.File && q.Line == pr.Line && q.Message == pr.Message
		}) {
			out = append(out, pr) // not what the catalogue's check said already
		}
	}
	for _, s := range r.report.Shrunk {
		out = append(out, Problem{Locale: r.tag, Frame: s.Frame, Message: s.messages, Kind: KindShrunk, Warning: true,
			Text: fmt.Sprintf("set at %gpt instead of %gpt (−%.0f%%) to fit", s.To, s.From, 100*(1-s.To/s.From))})
	}
	for _, w := range r.report.Warnings {
		if w.Kind != KindMissing { // catalog.Check has reported it
			out = append(out, w)
		}
	}
	return out, nil
}
