// Package pdf draws typeset lines and simple vector shapes into a PDF through fpdf.
//
// fpdf draws characters, not glyphs, so every glyph is drawn through a Private Use Area code that
// the embedded font maps to it (see FontFiles). Text comes back out of the file through two
// layers: a ToUnicode map per font (glyph → the text of the cluster it was first drawn for), read
// by readers that follow glyphs, and one ActualText span per line carrying the line's real text in
// visual order, read by PDFium (Chrome, Edge) and poppler (Evince, Okular), which reorder it
// themselves. Lengths are in points, measured from the page's top-left corner.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// Color is a CMYK process colour, each component from 0 to 1.
type Color struct{ C, M, Y, K float64 }

// Page describes the pages of a document: the trimmed size and the bleed around it.
type Page struct {
	Width, Height float64 // the trimmed page
	Bleed         float64 // printed area beyond each trim edge
}

// Options describe a document.
type Options struct {
	Page     Page
	Lang     string // BCP 47 tag, written as the document's /Lang
	Title    string
	Subject  string
	Creator  string
	Date     time.Time // creation date; the zero time writes a fixed date, so output is reproducible
	Producer string
}

// Document is a PDF being drawn. It is not safe for concurrent use.
type Document struct {
	f     *fpdf.Fpdf
	files *FontFiles
	page  Page
	fonts map[*fontset.Font]*usedFont
	order []*fontset.Font
	err   error
}

type usedFont struct {
	family string          // fpdf's name for it
	text   map[int][]rune  // glyph id → text, first use wins
	glyphs map[uint16]bool // glyphs drawn
}

// New starts a document with no pages.
func New(files *FontFiles, o Options) *Document {
	pw, ph := o.Page.Width+2*o.Page.Bleed, o.Page.Height+2*o.Page.Bleed
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: pw, Ht: ph}})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCatalogSort(true)
	date := o.Date
	if date.IsZero() {
		date = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetLang(o.Lang)
	f.SetTitle(o.Title, true)
	f.SetSubject(o.Subject, true)
	f.SetCreator(o.Creator, true)
	f.SetProducer(o.Producer, true)
	b := o.Page.Bleed
	f.SetPageBox("trim", b, b, o.Page.Width, o.Page.Height)
	f.SetPageBox("bleed", 0, 0, pw, ph)
	return &Document{f: f, files: files, page: o.Page, fonts: map[*fontset.Font]*usedFont{}}
}

// AddPage starts a new page.
func (d *Document) AddPage() { d.f.AddPage() }

// PageCount returns the number of pages so far.
func (d *Document) PageCount() int { return d.f.PageCount() }

// pdfX and pdfY turn trim-box coordinates (from the top-left corner, y downwards) into PDF user
// space (from the media box's bottom-left corner, y upwards).
func (d *Document) pdfX(x float64) float64 { return x + d.page.Bleed }
func (d *Document) pdfY(y float64) float64 { return d.page.Height + d.page.Bleed - y }

func fill(c Color) string {
	return fmt.Sprintf("%s %s %s %s k", round3(c.C), round3(c.M), round3(c.Y), round3(c.K))
}

func round3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// Rect fills a rectangle: x, y is its top-left corner.
func (d *Document) Rect(x, y, w, h float64, c Color) {
	d.f.RawWriteStr(fmt.Sprintf("%s %.3f %.3f %.3f %.3f re f", fill(c), d.pdfX(x), d.pdfY(y+h), w, h))
}

// Path is an outline built from segments, in trim-box coordinates.
type Path struct{ segs []segment }

type segment struct {
	op  string
	pts []float64
}

// MoveTo starts a new contour.
func (p *Path) MoveTo(x, y float64) { p.segs = append(p.segs, segment{"m", []float64{x, y}}) }

// LineTo draws a straight segment.
func (p *Path) LineTo(x, y float64) { p.segs = append(p.segs, segment{"l", []float64{x, y}}) }

// CurveTo draws a cubic Bézier segment.
func (p *Path) CurveTo(x1, y1, x2, y2, x, y float64) {
	p.segs = append(p.segs, segment{"c", []float64{x1, y1, x2, y2, x, y}})
}

// Close closes the current contour.
func (p *Path) Close() { p.segs = append(p.segs, segment{op: "h"}) }

// Fill fills a path (non-zero winding rule).
func (d *Document) Fill(p *Path, c Color) { d.f.RawWriteStr(d.pathOps(p) + fill(c) + " f") }

// Stroke strokes a path with line width lw and round ends.
func (d *Document) Stroke(p *Path, lw float64, c Color) {
	stroke := fmt.Sprintf("%s %s %s %s K", round3(c.C), round3(c.M), round3(c.Y), round3(c.K))
	d.f.RawWriteStr(fmt.Sprintf("%s %.3f w 1 J 1 j %sS", stroke, lw, d.pathOps(p)))
}

func (d *Document) pathOps(p *Path) string {
	var b strings.Builder
	for _, s := range p.segs {
		for k := 0; k+1 < len(s.pts); k += 2 {
			fmt.Fprintf(&b, "%.3f %.3f ", d.pdfX(s.pts[k]), d.pdfY(s.pts[k+1]))
		}
		b.WriteString(s.op + " ")
	}
	return b.String()
}

// Text draws a typeset block whose frame's top-left corner is at x, y.
func (d *Document) Text(b *typeset.Block, x, y float64, c Color) {
	if d.err != nil {
		return
	}
	d.f.RawWriteStr(fill(c))
	for _, line := range b.Lines {
		d.line(line, x, y+line.Baseline)
	}
}

// line draws one line: its glyphs, in visual order, inside an ActualText span.
func (d *Document) line(l typeset.Line, x, baseline float64) {
	d.f.RawWriteStr("/Span <</ActualText " + utf16Hex(actualText(l), true) + ">> BDC")
	for i, r := range l.Runs {
		u, err := d.use(r.Font)
		if err != nil {
			d.err = err
			return
		}
		d.f.SetFont(u.family, "", r.Size)
		left := x + l.X[i]
		var chunk []rune
		var cx, cy, pen float64
		flush := func() {
			if len(chunk) > 0 {
				d.f.Text(d.pdfX(cx), cy+d.page.Bleed, string(chunk)) // fpdf measures y from the top
				chunk = chunk[:0]
			}
		}
		for _, g := range r.Glyphs {
			u.glyphs[g.ID] = true
			if len(g.Text) > 0 {
				if _, ok := u.text[int(g.ID)]; !ok {
					u.text[int(g.ID)] = g.Text
				}
			}
			gx, gy := left+g.X, baseline-g.Y
			// Glyphs at their font's own advance, one after another, share one text call.
			if !g.Natural || len(chunk) == 0 || gx-pen > 1e-3 || pen-gx > 1e-3 || gy != cy {
				flush()
				cx, cy = gx, gy
			}
			chunk = append(chunk, rune(puaBase+int(g.ID)))
			pen = gx + g.Advance
			if !g.Natural {
				flush()
			}
		}
		flush()
	}
	d.f.RawWriteStr("EMC")
}

// actualText is a line's text as it reads from left to right: the runs in visual order, those
// that run right to left reversed. Runs against the line's direction are fenced with marks of
// the line's direction (U+200F or U+200E), so that readers that reorder the text themselves keep
// numbers, addresses and punctuation where they belong.
// use registers a font with fpdf on its first use: only fonts that are drawn are embedded.
func (d *Document) use(f *fontset.Font) (*usedFont, error) {
	if u, ok := d.fonts[f]; ok {
		return u, nil
	}
	data, err := d.files.get(f)
	if err != nil {
		return nil, err
	}
	u := &usedFont{family: fmt.Sprintf("f%d", len(d.order)), text: map[int][]rune{}, glyphs: map[uint16]bool{}}
	d.f.AddUTF8FontFromBytes(u.family, "", data)
	if err := d.f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: embed %s: %w", f.Name, err)
	}
	d.fonts[f] = u
	d.order = append(d.order, f)
	return u, nil
}

// Write finishes the document and writes it to w. Nothing is written when drawing failed.
func (d *Document) Write(w io.Writer) error {
	if d.err != nil {
		return d.err
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := d.finish(buf.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// utf16Hex writes s as a PDF hex string in UTF-16BE, with a byte order mark when bom is set.
func utf16Hex(s string, bom bool) string {
	var b strings.Builder
	b.WriteByte('<')
	if bom {
		b.WriteString("FEFF")
	}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}
