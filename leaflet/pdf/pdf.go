// Package pdf draws typeset lines and simple vector shapes into a PDF through fpdf.
//
// fpdf draws characters, not glyphs. So a Document records what is drawn, and when it is written
// gives every (glyph, text) pair of each font a code of the Private Use Area, embeds the font with
// a cmap that maps those codes to their glyphs, and draws each glyph through its code at the
// place HarfBuzz gave it. Text comes back out of the file through two layers: a ToUnicode map per
// font (code → the text of the cluster the glyph was drawn for, exact because codes are per pair),
// read by readers that follow glyphs (MuPDF, pdf.js); and one ActualText span per line, read by
// PDFium (Chrome, Edge) and poppler (Evince, Okular), which reorder it themselves (see actualText).
// Lengths are in points, measured from the trimmed page's top-left corner; colours are CMYK.
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
	Producer string
	Date     time.Time // creation date; the zero time writes a fixed date, so output is reproducible
}

// Document is a PDF being drawn. Nothing is written until Write. It is not safe for concurrent use.
type Document struct {
	opts  Options
	pages [][]op
}

// op is one drawing operation: raw content-stream operators, or a typeset line.
type op struct {
	raw      string
	line     *typeset.Line
	x, y     float64 // the line's left edge and baseline
	color    Color
	hasColor bool
}

// New starts a document with no pages.
func New(o Options) *Document { return &Document{opts: o} }

// AddPage starts a new page.
func (d *Document) AddPage() { d.pages = append(d.pages, nil) }

// PageCount returns the number of pages so far.
func (d *Document) PageCount() int { return len(d.pages) }

func (d *Document) add(o op) {
	if len(d.pages) == 0 {
		d.AddPage()
	}
	d.pages[len(d.pages)-1] = append(d.pages[len(d.pages)-1], o)
}

// pdfX and pdfY turn trim-box coordinates (from the top-left corner, y downwards) into PDF user
// space (from the media box's bottom-left corner, y upwards).
func (d *Document) pdfX(x float64) float64 { return x + d.opts.Page.Bleed }
func (d *Document) pdfY(y float64) float64 { return d.opts.Page.Height + d.opts.Page.Bleed - y }

func fill(c Color) string {
	return fmt.Sprintf("%s %s %s %s k", round3(c.C), round3(c.M), round3(c.Y), round3(c.K))
}

func round3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// Rect fills a rectangle: x, y is its top-left corner.
func (d *Document) Rect(x, y, w, h float64, c Color) {
	d.add(op{raw: fmt.Sprintf("%s %.3f %.3f %.3f %.3f re f", fill(c), d.pdfX(x), d.pdfY(y+h), w, h)})
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
func (d *Document) Fill(p *Path, c Color) { d.add(op{raw: d.pathOps(p) + fill(c) + " f"}) }

// Stroke strokes a path with line width lw and round ends.
func (d *Document) Stroke(p *Path, lw float64, c Color) {
	stroke := fmt.Sprintf("%s %s %s %s K", round3(c.C), round3(c.M), round3(c.Y), round3(c.K))
	d.add(op{raw: fmt.Sprintf("%s %.3f w 1 J 1 j %sS", stroke, lw, d.pathOps(p))})
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
	for i := range b.Lines {
		l := &b.Lines[i]
		d.add(op{line: l, x: x, y: y + l.Baseline, color: c, hasColor: true})
	}
}

// Write finishes the document and writes it to w. On error nothing is written.
func (d *Document) Write(w io.Writer) error {
	codes, err := assignCodes(d.pages)
	if err != nil {
		return err
	}
	f := d.newFpdf()
	for _, font := range codes.order {
		u := codes.fonts[font]
		data, err := withCmap(font.Data, u.gids)
		if err != nil {
			return fmt.Errorf("pdf: font %s: %w", font.Name, err)
		}
		f.AddUTF8FontFromBytes(u.family, "", data)
	}
	for _, page := range d.pages {
		f.AddPage()
		for _, o := range page {
			if o.line == nil {
				f.RawWriteStr(o.raw)
				continue
			}
			d.drawLine(f, codes, o)
		}
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := finish(buf.Bytes(), codes, d.boxes())
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// boxes are the page boxes of every page: the trimmed page inside the bleed. (fpdf's SetPageBox
// writes them in map order, which would make the output differ from run to run.)
func (d *Document) boxes() string {
	p := d.opts.Page
	return fmt.Sprintf("/TrimBox [%.2f %.2f %.2f %.2f]\n/BleedBox [0 0 %.2f %.2f]\n",
		p.Bleed, p.Bleed, p.Bleed+p.Width, p.Bleed+p.Height, p.Width+2*p.Bleed, p.Height+2*p.Bleed)
}

func (d *Document) newFpdf() *fpdf.Fpdf {
	o := d.opts
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
	return f
}

// drawLine draws one line: its glyphs, in visual order, inside an ActualText span. Glyphs at
// their font's own advance, one after another, share one text-showing call.
func (d *Document) drawLine(f *fpdf.Fpdf, codes *codeBook, o op) {
	l := o.line
	f.RawWriteStr(fill(o.color))
	f.RawWriteStr("/Span <</ActualText " + utf16Hex(actualText(*l), true) + ">> BDC")
	for i, r := range l.Runs {
		u := codes.fonts[r.Font]
		f.SetFont(u.family, "", r.Size)
		left := o.x + l.X[i]
		var chunk []rune
		var cx, cy, pen float64
		flush := func() {
			if len(chunk) > 0 {
				f.Text(d.pdfX(cx), cy+d.opts.Page.Bleed, string(chunk)) // fpdf measures y from the top
				chunk = chunk[:0]
			}
		}
		for _, g := range r.Glyphs {
			gx, gy := left+g.X, o.y-g.Y
			if !g.Natural || len(chunk) == 0 || gx-pen > 1e-3 || pen-gx > 1e-3 || gy != cy {
				flush()
				cx, cy = gx, gy
			}
			chunk = append(chunk, u.code(g.ID, g.Text))
			pen = gx + g.Advance
			if !g.Natural {
				flush()
			}
		}
		flush()
	}
	f.RawWriteStr("EMC")
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

// textless is what a glyph that stands for no text of its own (the second glyph of a cluster)
// maps to in ToUnicode: readers that follow glyphs need some character, and a soft hyphen is
// invisible and ignored by search.
const textless = '\u00ad'

// codeBook gives each font's (glyph, text) pairs their codes, in order of first use, so the same
// drawing always gets the same codes.
type codeBook struct {
	fonts map[*fontset.Font]*fontCodes
	order []*fontset.Font
}

type fontCodes struct {
	family string          // fpdf's name for the font
	index  map[string]rune // glyph and text → code
	gids   []uint16        // code − puaBase → glyph
	text   map[rune][]rune // code → text, for ToUnicode
	glyphs map[uint16]bool // the glyphs drawn
}

func (u *fontCodes) key(gid uint16, text []rune) string {
	return string([]byte{byte(gid >> 8), byte(gid)}) + string(text)
}

// code returns the code of a pair that assignCodes saw.
func (u *fontCodes) code(gid uint16, text []rune) rune { return u.index[u.key(gid, text)] }

func assignCodes(pages [][]op) (*codeBook, error) {
	cb := &codeBook{fonts: map[*fontset.Font]*fontCodes{}}
	for _, page := range pages {
		for _, o := range page {
			if o.line == nil {
				continue
			}
			for _, r := range o.line.Runs {
				u, ok := cb.fonts[r.Font]
				if !ok {
					u = &fontCodes{family: fmt.Sprintf("f%d", len(cb.order)), index: map[string]rune{},
						text: map[rune][]rune{}, glyphs: map[uint16]bool{}}
					cb.fonts[r.Font] = u
					cb.order = append(cb.order, r.Font)
				}
				for _, g := range r.Glyphs {
					k := u.key(g.ID, g.Text)
					if _, ok := u.index[k]; ok {
						continue
					}
					if len(u.gids) == puaSize {
						return nil, fmt.Errorf("pdf: font %s: more than %d different glyphs and texts in one document", r.Font.Name, puaSize)
					}
					c := rune(puaBase + len(u.gids))
					u.index[k] = c
					u.gids = append(u.gids, g.ID)
					u.glyphs[g.ID] = true
					u.text[c] = g.Text
					if len(g.Text) == 0 {
						u.text[c] = []rune{textless}
					}
				}
			}
		}
	}
	return cb, nil
}
