package leaflet

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ecpat/makeitsafe/leaflet/catalog"
	"github.com/ecpat/makeitsafe/leaflet/pdf"
	"github.com/ecpat/makeitsafe/leaflet/template"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
	"golang.org/x/text/language"
)

// FitError reports text that does not fit its frame even at its style's smallest size.
type FitError struct {
	Locale   language.Tag
	Frame    string
	Messages []string
	Overflow float64 // points of text below the frame at the smallest size
	MinSize  float64
}

func (e *FitError) Error() string {
	return fmt.Sprintf("leaflet: %s: %s (message %v): %.1fpt of text does not fit, even at the smallest size %gpt",
		e.Locale, e.Frame, e.Messages, e.Overflow, e.MinSize)
}

// render is one rendering of one locale.
type render struct {
	p        *Printer
	tag      language.Tag
	rtl      bool
	design   template.Template
	msgs     *catalog.Messages
	ts       *typeset.Typesetter
	data     map[string]any
	report   Report
	collect  bool // keep going after a fitting error, to report them all
	problems []error
}

func (p *Printer) newRender(t language.Tag, o Options) *render {
	partner := ECPATBelgium
	if o.Partner != nil {
		partner = *o.Partner
	}
	r := &render{p: p, tag: t, rtl: rightToLeft(t), design: p.design}
	if r.rtl {
		r.design = p.mirror
	}
	r.msgs = p.cat.Messages(t, o.Strict)
	r.ts = typeset.New(p.fonts.NewFaces(), t.String(), r.rtl)
	r.data = map[string]any{
		"Organisation":  partner.Organisation,
		"Website":       partner.Website,
		"Email":         partner.Email,
		"HotlineName":   partner.HotlineName,
		"HotlineNumber": phone(partner.HotlineNumber),
		"Emergency":     phone(partner.Emergency),
	}
	r.report.Locale = t
	return r
}

func (r *render) run(w io.Writer) error {
	title, err := r.msgs.Text("Title", r.data, nil)
	if err != nil {
		return fmt.Errorf("leaflet: %w", err)
	}
	subtitle, err := r.msgs.Text("Subtitle", r.data, nil)
	if err != nil {
		return fmt.Errorf("leaflet: %w", err)
	}
	d := pdf.New(pdf.Options{
		Page:    pdf.Page{Width: r.design.Width, Height: r.design.Height, Bleed: r.design.Bleed},
		Lang:    r.tag.String(),
		Title:   title + " – " + subtitle,
		Subject: subtitle,
		Creator: "Make-IT-Safe leaflet (github.com/ecpat/makeitsafe)",
	})
	for _, page := range r.design.Pages {
		d.AddPage()
		for _, s := range page.Shapes {
			r.shape(d, s)
		}
		for _, f := range page.Frames {
			if err := r.frame(d, page, f); err != nil {
				if !r.collect {
					return err
				}
				r.problems = append(r.problems, err)
			}
		}
	}
	r.report.Pages = d.PageCount()
	r.report.Warnings = append(r.report.Warnings, r.msgs.Warnings()...)
	if len(r.problems) > 0 {
		return nil
	}
	if err := d.Write(w); err != nil {
		return fmt.Errorf("leaflet: %s: %w", r.tag, err)
	}
	return nil
}

// paragraphs returns a frame's messages, filled in; a message that uses template data the partner
// left empty is left out.
func (r *render) paragraphs(page template.Page, f template.Frame, st typeset.Style) ([]typeset.Paragraph, error) {
	var out []typeset.Paragraph
	for _, id := range f.Messages {
		if r.usesEmptyData(id) {
			continue
		}
		var count *int
		if f.Count != "" {
			n := r.count(page, f.Count)
			count = &n
		}
		text, err := r.msgs.Text(id, r.data, count)
		if err != nil {
			return nil, fmt.Errorf("leaflet: %w", err)
		}
		out = append(out, typeset.Paragraph{Text: text, Style: st})
	}
	return out, nil
}

func (r *render) usesEmptyData(id string) bool {
	for _, name := range r.p.cat.Placeholders(id) {
		if v, ok := r.data[name]; ok && v == "" {
			return true
		}
	}
	return false
}

// count resolves a frame's Count: "Checks" is the number of items of the page's checklist.
func (r *render) count(page template.Page, what string) int {
	n := 0
	if what == "Checks" {
		for _, f := range page.Frames {
			if f.Checks {
				n += len(f.Messages)
			}
		}
	}
	return n
}

// frame sets a frame's text, shrinking it in steps of a quarter point until it fits, and draws it.
func (r *render) frame(d *pdf.Document, page template.Page, f template.Frame) error {
	st, ok := r.design.Styles[f.Style]
	if !ok {
		return fmt.Errorf("leaflet: frame %s: no style %q", f.Name, f.Style)
	}
	base := typeset.Style{Bold: st.Bold, Size: st.Size, Leading: st.Leading, Align: typeset.Align(st.Align), SpaceAfter: st.SpaceAfter}
	paras, err := r.paragraphs(page, f, base)
	if err != nil {
		return err
	}
	if len(paras) == 0 {
		return nil
	}
	block, size, err := r.fit(f, st, paras)
	if err != nil {
		return err
	}
	if size < st.Size {
		r.report.Shrunk = append(r.report.Shrunk, Shrink{Frame: f.Name, From: st.Size, To: size})
	}
	y := f.Rect.Y
	if f.Badge {
		d.Fill(pill(f.Rect), color(r.design.BadgeFill))
		y += (f.Rect.H - block.Height) / 2
	}
	d.Text(block, f.Rect.X, y, color(st.Color))
	if f.Checks {
		r.checkboxes(d, f, block, size)
	}
	return nil
}

// fit sets a frame's paragraphs at their style's size or, when they do not fit, at the largest
// size in quarter points down to the style's minimum at which they do, found by bisection (text
// set smaller never needs more room).
func (r *render) fit(f template.Frame, st template.Style, paras []typeset.Paragraph) (*typeset.Block, float64, error) {
	steps := int(math.Floor((st.Size-st.MinSize)/0.25 + 1e-9))
	size := func(k int) float64 { return st.Size - 0.25*float64(k) }
	block, err := r.setAt(f, st, paras, size(0))
	if err != nil || block.Fits() {
		return block, st.Size, err
	}
	smallest, err := r.setAt(f, st, paras, size(steps))
	if err != nil {
		return nil, 0, err
	}
	if !smallest.Fits() {
		return nil, 0, &FitError{Locale: r.tag, Frame: f.Name, Messages: f.Messages, Overflow: smallest.Overflow, MinSize: size(steps)}
	}
	lo, hi, best := 0, steps, smallest // size(lo) does not fit, size(hi) does
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		b, err := r.setAt(f, st, paras, size(mid))
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

// setAt sets a frame's paragraphs with their style scaled to a font size.
func (r *render) setAt(f template.Frame, st template.Style, paras []typeset.Paragraph, size float64) (*typeset.Block, error) {
	scaled := make([]typeset.Paragraph, len(paras))
	for i, p := range paras {
		scaled[i] = typeset.Paragraph{Text: p.Text, Style: p.Style.Scaled(size / st.Size)}
		scaled[i].Style.Size = size
	}
	b, err := r.ts.Set(scaled, f.Rect.W, f.Rect.H)
	if err != nil {
		var miss *typeset.MissingGlyphError
		if errors.As(err, &miss) {
			return nil, fmt.Errorf("leaflet: %s: %s (message %v): %w", r.tag, f.Name, f.Messages, err)
		}
		return nil, fmt.Errorf("leaflet: %s: %s: %w", r.tag, f.Name, err)
	}
	return b, nil
}

// checkboxes draws an empty box before the first line of each paragraph of a checklist frame,
// on the side where its lines start.
func (r *render) checkboxes(d *pdf.Document, f template.Frame, b *typeset.Block, size float64) {
	s := math.Round(size*0.85*100) / 100
	for _, l := range b.Lines {
		if !l.First {
			continue
		}
		x := f.Rect.X - s - 9
		if r.rtl {
			x = f.Rect.X + f.Rect.W + 9
		}
		var p pdf.Path
		top := f.Rect.Y + l.Baseline - s*0.92
		p.MoveTo(x, top)
		p.LineTo(x+s, top)
		p.LineTo(x+s, top+s)
		p.LineTo(x, top+s)
		p.Close()
		d.Fill(&p, pdf.Color{})
		d.Stroke(&p, 1.1, color(template.Teal))
	}
}

func color(c template.Color) pdf.Color { return pdf.Color{C: c.C, M: c.M, Y: c.Y, K: c.K} }

// pill is a rectangle with fully rounded ends.
func pill(rc template.Rect) *pdf.Path {
	r := rc.H / 2
	k := 0.5523 * r
	var p pdf.Path
	x0, x1, y0, y1 := rc.X+r, rc.X+rc.W-r, rc.Y, rc.Y+rc.H
	p.MoveTo(x0, y0)
	p.LineTo(x1, y0)
	p.CurveTo(x1+k, y0, x1+r, y0+r-k, x1+r, y0+r)
	p.CurveTo(x1+r, y0+r+k, x1+k, y1, x1, y1)
	p.LineTo(x0, y1)
	p.CurveTo(x0-k, y1, x0-r, y0+r+k, x0-r, y0+r)
	p.CurveTo(x0-r, y0+r-k, x0-k, y0, x0, y0)
	p.Close()
	return &p
}

// shape draws a piece of the design that is not text.
func (r *render) shape(d *pdf.Document, s template.Shape) {
	rc := s.Rect
	switch s.Kind {
	case template.Fill, template.Rule:
		d.Rect(rc.X, rc.Y, rc.W, rc.H, color(s.Color))
	case template.Circle:
		r.icon(d, template.Icons["disc"], rc, s.Color)
	case template.Box:
		var p pdf.Path
		p.MoveTo(rc.X, rc.Y)
		p.LineTo(rc.X+rc.W, rc.Y)
		p.LineTo(rc.X+rc.W, rc.Y+rc.H)
		p.LineTo(rc.X, rc.Y+rc.H)
		p.Close()
		d.Fill(&p, pdf.Color{})
		d.Stroke(&p, 1.1, color(s.Color))
	case template.Icon:
		r.icon(d, template.Icons[s.Icon], rc, s.Color)
		r.icon(d, template.Cutouts[s.Icon], rc, s.Back)
	}
}

// icon draws an icon into a rectangle, reflected for right-to-left locales.
func (r *render) icon(d *pdf.Document, icon template.IconDef, rc template.Rect, c template.Color) {
	for _, part := range icon {
		var p pdf.Path
		pt := func(v []float64, i int) (float64, float64) {
			x := v[i]
			if r.rtl {
				x = 1 - x
			}
			return rc.X + x*rc.W, rc.Y + v[i+1]*rc.H
		}
		for _, s := range part.Segs {
			switch s.Op {
			case "M":
				p.MoveTo(pt(s.Pts, 0))
			case "L":
				p.LineTo(pt(s.Pts, 0))
			case "C":
				x1, y1 := pt(s.Pts, 0)
				x2, y2 := pt(s.Pts, 2)
				x, y := pt(s.Pts, 4)
				p.CurveTo(x1, y1, x2, y2, x, y)
			case "Z":
				p.Close()
			}
		}
		if part.Stroke > 0 {
			d.Stroke(&p, part.Stroke*rc.W, color(c))
		} else {
			d.Fill(&p, color(c))
		}
	}
}
