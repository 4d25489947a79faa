package leaflet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/leaflet/internal/typography"
	"github.com/ecpat/makeitsafe/leaflet/pdf"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// fitStep is how much smaller text is set at each step of fitting it into its frame.
const fitStep = 0.25

// render is one rendering of one locale.
type render struct {
	p        *Printer
	ctx      context.Context // of the rendering: fitting stops when it is cancelled
	tag      language.Tag
	rtl      bool
	design   *design.Design
	edition  *editions.Edition
	msgs     *catalog.Messages
	ts       *typeset.Typesetter
	data     map[string]string
	strict   bool
	limit    int // help lines printed; -1: all
	report   Report
	collect  bool // keep going after an error of a frame, to report them all
	problems []Problem
	marks    bool // crop marks and a slug line (Options.Marks)
	screen   bool // the screen variant (Options.Screen)
	tags     *tagger
	typo     typography.Rules // the locale's typographic conventions
}

// run draws every page and writes the PDF to w, unless a frame failed or ctx is cancelled. It
// looks at ctx before each frame and each size tried in fitting.
func (r *render) run(ctx context.Context, w io.Writer) error {
	r.ctx = ctx
	title, subject, err := r.metadata()
	if err != nil {
		return err
	}
	d := pdf.New(pdf.Options{
		Page:    pdf.Page{Width: r.design.Width, Height: r.design.Height, Bleed: r.design.Bleed},
		Lang:    r.tag.String(),
		Title:   title,
		Subject: subject,
		Creator: r.design.Document.Creator,
		Marks:   r.marks,
		Screen:  r.screen,
	})
	r.tags = newTagger(r, d)
	for i, page := range r.design.Pages {
		d.AddPage()
		if err := r.slugLine(d, i); err != nil {
			return err
		}
		r.tags.startPage(page)
		pl, err := r.place(page)
		if err != nil {
			if !r.collect || ctx.Err() != nil {
				return err
			}
			for _, e := range each(err) {
				r.problems = append(r.problems, problemOf(r.tag, e))
			}
			continue
		}
		for k, s := range page.Shapes {
			if err := r.tags.shape(s); err != nil {
				return err
			}
			s.Rect = pl.shapes[k]
			r.shape(d, s)
		}
		for k := range page.Frames {
			if err := r.frame(d, page, k, pl); err != nil {
				if !r.collect || ctx.Err() != nil {
					return err
				}
				r.problems = append(r.problems, problemOf(r.tag, err))
			}
		}
	}
	r.report.Pages = d.PageCount()
	r.report.Warnings = append(r.report.Warnings, r.warnings()...)
	if len(r.problems) > 0 {
		return nil
	}
	if err := d.Write(w); err != nil {
		return fmt.Errorf("leaflet: %s: %w", r.tag, err)
	}
	return nil
}

// each returns the errors an error joins, or the error alone.
func each(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// slugLine draws the slug line of page i, with marks: the design, the locale, the edition, the
// date and the page, in Latin script, for the print shop.
func (r *render) slugLine(d *pdf.Document, i int) error {
	if !r.marks {
		return nil
	}
	date, err := pdf.SourceDate()
	if err != nil {
		return fmt.Errorf("leaflet: %s: %w", r.tag, err)
	}
	text := fmt.Sprintf("%s · %s · %s · %s · %s %d/%d", r.design.Name, r.tag, r.edition.Organisation,
		date.Format("2006-01-02"), r.design.Pages[i].Name, i+1, len(r.design.Pages))
	ts := typeset.New(r.p.fonts.NewFaces(), "en", false)
	b, err := ts.Set([]typeset.Paragraph{{Text: text, Style: typeset.Style{Size: pdf.SlugSize}}}, d.SlugWidth(), 1e4)
	if err != nil {
		return fmt.Errorf("leaflet: %s: slug line: %w", r.tag, err)
	}
	d.SlugLine(b)
	return nil
}

// warnings are the catalogue's: messages printed in English.
func (r *render) warnings() []Problem {
	var out []Problem
	for _, w := range r.msgs.Warnings() {
		out = append(out, fromCatalog(w))
	}
	return out
}

// metadata returns the document's title and subject, from the catalogue.
func (r *render) metadata() (title, subject string, err error) {
	var parts []string
	for _, id := range r.design.Document.Title {
		s, err := r.msgs.Text(id, r.data, nil)
		if err != nil {
			return "", "", fmt.Errorf("leaflet: %w", err)
		}
		parts = append(parts, s)
	}
	if id := r.design.Document.Subject; id != "" {
		if subject, err = r.msgs.Text(id, r.data, nil); err != nil {
			return "", "", fmt.Errorf("leaflet: %w", err)
		}
	}
	return strings.Join(parts, " – "), subject, nil
}

// frame draws frame k of a page where the page's placement puts it: its text set by the flow,
// or, outside the flow, set now and made smaller in steps until it fits.
func (r *render) frame(d *pdf.Document, page design.Page, k int, pl *placement) error {
	f := page.Frames[k]
	f.Rect = pl.frames[k]
	text := pl.set[k]
	if text == nil {
		paras, err := r.bind(page, f)
		if err != nil || len(paras) == 0 {
			return err
		}
		block, size, err := r.fit(f, paras)
		var fe *FitError
		if errors.As(err, &fe) && r.usesHelplines(f) {
			if herr := r.fewerHelplines(f.Name, func() (bool, error) {
				paras, err := r.bind(page, f)
				if err != nil {
					return false, err
				}
				_, _, err = r.fit(f, paras)
				return err == nil, nil
			}); herr != nil {
				return herr
			}
		}
		if err != nil {
			return err
		}
		text = &setText{cols: []*typeset.Block{block}, size: size, paras: paras}
		r.record(f, text)
	}
	if len(text.paras) == 0 {
		return nil
	}
	y := f.Rect.Y
	switch h := text.height(); f.VAlign {
	case design.Middle:
		y += (f.Rect.H - h) / 2
	case design.Bottom:
		y += f.Rect.H - h
	}
	if b := f.Background; b != nil {
		r.tags.background()
		if b.Pill {
			d.Fill(path(design.Pill(f.Rect), identity), color(b.Colour))
		} else {
			d.Rect(f.Rect.X, f.Rect.Y, f.Rect.W, f.Rect.H, color(b.Colour))
		}
	}
	tags := r.tags.frame(f, text.paras)
	for c, block := range text.cols {
		col := r.column(f, c, len(text.cols))
		d.TextParas(block, col.Rect.X, y, color(f.Style.Colour), tags)
		if f.Marker != nil {
			r.markers(d, col, block, y, text.size)
		}
	}
	return nil
}

// record notes in the report the size a frame's text is set at: whether it was made smaller
// to fit, and the smallest size of reading text (all but small print).
func (r *render) record(f design.Frame, text *setText) {
	if len(text.paras) == 0 {
		return
	}
	st := r.style(f)
	if text.size < st.Size {
		r.report.Shrunk = append(r.report.Shrunk, Shrink{Frame: f.Name, From: st.Size, To: text.size, messages: strings.Join(f.Messages, " ")})
	}
	if !st.SmallPrint && (r.report.ReadingSize == 0 || text.size < r.report.ReadingSize) {
		r.report.ReadingSize = text.size
	}
}

// column returns a frame as its column c of n: the first column at the side where lines start.
func (r *render) column(f design.Frame, c, n int) design.Frame {
	if n <= 1 {
		return f
	}
	w := (f.Rect.W - float64(n-1)*f.Gutter) / float64(n)
	x := f.Rect.X + float64(c)*(w+f.Gutter)
	if r.rtl {
		x = f.Rect.X + f.Rect.W - float64(c+1)*w - float64(c)*f.Gutter
	}
	f.Rect.X, f.Rect.W = x, w
	return f
}

// fewerHelplines finds, when a frame that prints the edition's help lines does not fit, how many
// of them would: the most for which fits reports true. It returns a HelplinesError naming that
// count, or nil when the help lines are not the cause (even none fit) or are being counted already.
// Whatever the trials set is forgotten: the limit, and the report's sizes.
func (r *render) fewerHelplines(frame string, fits func() (bool, error)) error {
	if len(r.edition.Helplines) == 0 || r.limit >= 0 {
		return nil
	}
	shrunk, reading := r.report.Shrunk, r.report.ReadingSize
	defer func() { r.limit, r.report.Shrunk, r.report.ReadingSize = -1, shrunk, reading }()
	for r.limit = len(r.edition.Helplines) - 1; r.limit >= 0; r.limit-- {
		ok, err := fits()
		if err != nil {
			return err
		}
		if ok {
			return fmt.Errorf("leaflet: %w", &HelplinesError{Locale: r.tag, Frame: frame, File: r.edition.File, Have: len(r.edition.Helplines), Fit: r.limit})
		}
	}
	return nil
}

// fit sets a frame's paragraphs at their style's size or, when they do not fit, at the largest
// size in steps down to the style's minimum at which they do, found by bisection (text set
// smaller never needs more room).
func (r *render) fit(f design.Frame, paras []Paragraph) (*typeset.Block, float64, error) {
	st := r.style(f)
	steps := int(math.Floor((st.Size-st.MinSize)/fitStep + 1e-9))
	size := func(k int) float64 { return st.Size - fitStep*float64(k) }
	block, err := r.setAt(f, paras, size(0))
	if err != nil || block.Fits() {
		return block, st.Size, err
	}
	smallest, err := r.setAt(f, paras, size(steps))
	if err != nil {
		return nil, 0, err
	}
	if !smallest.Fits() {
		return nil, 0, fmt.Errorf("leaflet: %w", &FitError{Locale: r.tag, Frame: f.Name, Messages: f.Messages, Overflow: smallest.Overflow, MinSize: size(steps)})
	}
	lo, hi, best := 0, steps, smallest // size(lo) does not fit, size(hi) does
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		b, err := r.setAt(f, paras, size(mid))
		if err != nil {
			return nil, 0, err
		}
		if b.Fits() {
			hi, best = mid, b
		} else {
			lo = mid
		}
	}
	return best, size(hi), nil
}

// style returns a frame's style in this locale: unless it is small print, its sizes raised to
// the locale's reading size (its typographic rules' min_size: Nastaliq reads small), and its
// line pitch the locale's.
func (r *render) style(f design.Frame) design.Style {
	st := f.Style
	if m := r.typo.MinSize; m > 0 && !st.SmallPrint {
		st.Size, st.MinSize = max(st.Size, m), max(st.MinSize, m)
	}
	if k := r.typo.Leading; k > 0 {
		st.Leading = max(st.Leading, 1) * k
	}
	return st
}

// setAt sets a frame's paragraphs in its style scaled to a font size.
func (r *render) setAt(f design.Frame, paras []Paragraph, size float64) (*typeset.Block, error) {
	if err := r.ctx.Err(); err != nil {
		return nil, fmt.Errorf("leaflet: %s: %w", r.tag, err)
	}
	st := r.style(f)
	base := typeset.Style{Bold: st.Bold, Size: st.Size, Leading: st.Leading, Align: typeset.Align(st.Align), Indent: st.Indent, SpaceAfter: st.SpaceAfter, Runt: st.Runt}
	scaled := make([]typeset.Paragraph, len(paras))
	for i, p := range paras {
		scaled[i] = typeset.Paragraph{Text: p.Text, Style: base.Scaled(size / st.Size)}
		scaled[i].Style.Size = size
	}
	b, err := r.ts.Set(scaled, f.Rect.W, f.Rect.H)
	if err != nil {
		return nil, fmt.Errorf("leaflet: %s: %w", r.tag, &frameError{frame: f.Name, messages: f.Messages, err: err})
	}
	return b, nil
}

// markers draws a frame's marker before the first line of each paragraph, on the side where its
// lines start.
func (r *render) markers(d *pdf.Document, f design.Frame, b *typeset.Block, y, size float64) {
	m := f.Marker
	s := math.Round(size*m.Size*100) / 100
	for _, l := range b.Lines {
		if !l.First {
			continue
		}
		x := f.Rect.X - s - m.Gap
		if r.rtl {
			x = f.Rect.X + f.Rect.W + m.Gap
		}
		rc := design.Rect{X: x, Y: y + l.Baseline - s*m.Raise, W: s, H: s}
		r.tags.marker(f, l.Para)
		r.draw(d, design.Shape{Kind: m.Kind, Rect: rc, Colour: m.Colour, Inside: m.Inside, Line: m.Line, Icon: m.Icon, Back: m.Inside})
	}
}

// shape draws a piece of the design that is not text.
func (r *render) shape(d *pdf.Document, s design.Shape) { r.draw(d, s) }

func (r *render) draw(d *pdf.Document, s design.Shape) {
	rc := s.Rect
	switch s.Kind {
	case design.Fill:
		d.Rect(rc.X, rc.Y, rc.W, rc.H, color(s.Colour))
	case design.Disc:
		d.Fill(path(design.Circle(0.5, 0.5, 0.5), r.inRect(rc)), color(s.Colour))
	case design.Box:
		p := path([]design.Seg{
			{Op: 'M', Pts: []float64{rc.X, rc.Y}}, {Op: 'L', Pts: []float64{rc.X + rc.W, rc.Y}},
			{Op: 'L', Pts: []float64{rc.X + rc.W, rc.Y + rc.H}}, {Op: 'L', Pts: []float64{rc.X, rc.Y + rc.H}}, {Op: 'Z'},
		}, identity)
		d.Fill(p, color(s.Inside))
		d.Stroke(p, s.Line, color(s.Colour))
	case design.Picture:
		r.icon(d, s.Icon, rc, s.Colour, s.Back)
	}
}

// icon draws an icon into a rectangle, reflected for right-to-left locales; its cutouts in the
// colour behind it.
func (r *render) icon(d *pdf.Document, icon *design.Icon, rc design.Rect, c, back design.Colour) {
	for _, part := range icon.Parts {
		col := c
		if part.Cutout {
			col = back
		}
		p := path(part.Segs, r.inRect(rc))
		if part.Stroke > 0 {
			d.Stroke(p, part.Stroke*rc.W, color(col))
		} else {
			d.Fill(p, color(col))
		}
	}
}

// inRect maps the unit square onto a rectangle, reflected for right-to-left locales.
func (r *render) inRect(rc design.Rect) func(x, y float64) (float64, float64) {
	return func(x, y float64) (float64, float64) {
		if r.rtl {
			x = 1 - x
		}
		return rc.X + x*rc.W, rc.Y + y*rc.H
	}
}

func identity(x, y float64) (float64, float64) { return x, y }

// path builds a PDF path from an outline, each point mapped by at.
func path(segs []design.Seg, at func(x, y float64) (float64, float64)) *pdf.Path {
	var p pdf.Path
	for _, s := range segs {
		switch s.Op {
		case 'M':
			p.MoveTo(at(s.Pts[0], s.Pts[1]))
		case 'L':
			p.LineTo(at(s.Pts[0], s.Pts[1]))
		case 'C':
			x1, y1 := at(s.Pts[0], s.Pts[1])
			x2, y2 := at(s.Pts[2], s.Pts[3])
			x, y := at(s.Pts[4], s.Pts[5])
			p.CurveTo(x1, y1, x2, y2, x, y)
		case 'Z':
			p.Close()
		}
	}
	return &p
}

func color(c design.Colour) pdf.Color { return pdf.Color{C: c.C, M: c.M, Y: c.Y, K: c.K} }
