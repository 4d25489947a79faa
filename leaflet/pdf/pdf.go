// Package pdf draws typeset lines and simple vector shapes into a PDF through fpdf.
//
// fpdf draws characters, not glyphs. So a Document records what is drawn, and when it is written
// gives every glyph of each font a code of the Private Use Area, embeds the font with a cmap that
// maps those codes to their glyphs, and draws each glyph through its code at the place HarfBuzz
// gave it. The drawn glyphs stand for no text: ToUnicode maps them to a soft hyphen, and they are
// an artifact inside an ActualText span of a tab. The text comes back out of the file from a text
// layer drawn over each line, blank glyphs that each stand for one character, laid out so that
// poppler (Evince, Okular), PDFium (Chrome, Edge), pdf.js (Firefox) and MuPDF all read the exact
// text back (see textLayer and extraction.md); it is the line's tagged content.
// Lengths are in points, measured from the trimmed page's top-left corner; colours are CMYK.
//
// Every document is PDF/X-4 (ISO 15930-7), the form print shops preflight against: PDF 1.6, a
// CMYK output intent for coated offset paper (FOGRA39) with its ICC profile embedded, XMP
// metadata that names the standard, Trapped, a document ID, a TrimBox and a BleedBox on every
// page, only DeviceCMYK in the content streams, every font embedded. With Options.Marks the
// sheet grows a slug beyond the bleed that holds crop marks and a slug line (marks.go). What fpdf
// cannot write itself is put right in one pass over its output (finish.go).
//
// Every document is also tagged, PDF/UA-1 (ISO 14289-1): a structure tree the caller builds
// (Root, Tag, Artifact, TextParas; structure.go), marked content with an MCID and language for
// each piece of a line's text layer (mark.go, textlayer.go), the tree and its parent
// tree written after fpdf's objects (tree.go). With Options.Screen the document is the screen
// variant instead of the print one: sRGB colours converted through the output intent's profile
// (icc.go), the trimmed page alone, live links, PDF/UA-1 without PDF/X-4.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
	"github.com/go-text/typesetting/font"
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
	Lang     string // BCP 47 tag, written as the document's /Lang and the title's xml:lang
	Title    string
	Subject  string
	Creator  string
	Producer string    // empty: this package's name
	Date     time.Time // creation date; the zero time: SourceDate's, so output is reproducible
	Marks    bool      // crop marks and a slug line in a slug beyond the bleed (see marks.go)
	// Screen writes the screen variant, for e-mail and the web, instead of the print one:
	// colours in sRGB, converted from their CMYK through the output intent's profile; the
	// trimmed page alone, without bleed or marks; live links; PDF/UA-1 without PDF/X-4 (see
	// screen.go).
	Screen bool
}

// Document is a PDF being drawn. Nothing is written until Write. It is not safe for concurrent use.
type Document struct {
	opts     Options
	pages    [][]op
	root     *Element      // the structure tree's root, Document
	cur      target        // what is drawn now belongs to (see Tag, Artifact)
	lastLine *typeset.Line // of the default paragraphs (see defaultParagraph)
	lastPara *Element
	rgb      map[Color]rgb // the screen variant's colours, converted once
}

// op is one drawing operation: raw content-stream operators, or a typeset line; what it
// belongs to, and its place there (see structure.go).
type op struct {
	raw      string
	line     *typeset.Line
	x, y     float64 // the line's left edge and baseline
	color    Color
	hasColor bool
	tgt      target
	slot     *slot // the operation's place in its element
	para     *Para // a line's paragraph, when tagged by TextParas
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
	d.tagOp(&o)
	d.pages[len(d.pages)-1] = append(d.pages[len(d.pages)-1], o)
}

// pdfX and pdfY turn trim-box coordinates (from the top-left corner, y downwards) into PDF user
// space (from the media box's bottom-left corner, y upwards).
func (d *Document) pdfX(x float64) float64 { return x + d.margin() }
func (d *Document) pdfY(y float64) float64 { return d.opts.Page.Height + d.margin() - y }

// margin is the distance from the media box's edge to the trim: the bleed, and the slug with
// marks; none in the screen variant, whose page is the trimmed page.
func (d *Document) margin() float64 {
	if d.opts.Screen {
		return 0
	}
	return d.opts.Page.Bleed + d.slug()
}

// slug is the width of the slug beyond the bleed: 0 without marks.
func (d *Document) slug() float64 {
	if !d.opts.Marks || d.opts.Screen {
		return 0
	}
	return d.opts.Page.slug()
}

// fill is the operator that sets c as the fill colour: DeviceCMYK, or its sRGB in the screen
// variant.
func (d *Document) fill(c Color) string {
	if d.opts.Screen {
		return d.toRGB(c).String() + " rg"
	}
	return fmt.Sprintf("%s %s %s %s k", round3(c.C), round3(c.M), round3(c.Y), round3(c.K))
}

// stroke is the operator that sets c as the stroke colour.
func (d *Document) stroke(c Color) string {
	if d.opts.Screen {
		return d.toRGB(c).String() + " RG"
	}
	return fmt.Sprintf("%s %s %s %s K", round3(c.C), round3(c.M), round3(c.Y), round3(c.K))
}

func round3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// Rect fills a rectangle: x, y is its top-left corner.
func (d *Document) Rect(x, y, w, h float64, c Color) {
	d.add(op{raw: fmt.Sprintf("%s %.3f %.3f %.3f %.3f re f", d.fill(c), d.pdfX(x), d.pdfY(y+h), w, h)})
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

// Fill fills a path (non-zero winding rule). The colour is set before the path: no operator
// but the path's own may stand between a path's first point and its painting.
func (d *Document) Fill(p *Path, c Color) { d.add(op{raw: d.fill(c) + " " + d.pathOps(p) + "f"}) }

// Stroke strokes a path with line width lw and round ends.
func (d *Document) Stroke(p *Path, lw float64, c Color) {
	d.add(op{raw: fmt.Sprintf("%s %.3f w 1 J 1 j %sS", d.stroke(c), lw, d.pathOps(p))})
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
func (d *Document) Write(w io.Writer) error { return d.write(w, cutFont) }

// write writes the document with each font given to fpdf as embed makes it.
func (d *Document) write(w io.Writer, embed embedder) error {
	date := d.opts.Date
	if date.IsZero() {
		var err error
		if date, err = SourceDate(); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
	}
	codes, err := assignCodes(d.pages)
	if err != nil {
		return err
	}
	if d.opts.Screen {
		if _, err := deviceToLab(); err != nil {
			return fmt.Errorf("pdf: the screen variant's colours: %w", err)
		}
	}
	f := d.newFpdf(date, []byte(profilePlaceholder))
	if err := addFonts(f, codes, embed); err != nil {
		return err
	}
	t := d.drawPages(f, codes)
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	out, err := finish(buf.Bytes(), finishing{codes: codes, bleedBox: d.bleedBox(), screen: d.opts.Screen, tags: t})
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// drawPages draws every page into fpdf, each drawing inside the marked content of what it
// belongs to, and returns what the structure tree needs of it.
func (d *Document) drawPages(f *fpdf.Fpdf, codes *codeBook) *tagging {
	t := &tagging{root: d.Root(), parents: make([][]*Element, len(d.pages))}
	for i, page := range d.pages {
		f.AddPage()
		m := &marker{d: d, f: f, t: t, page: i}
		if d.opts.Marks && !d.opts.Screen {
			m.artifact(PrintersMarks, func() { d.drawMarks(f) })
		}
		for _, o := range page {
			if o.line == nil {
				m.raw(o)
				continue
			}
			m.line(o, codes)
		}
		m.close()
	}
	return t
}

// bleedBox is every page's BleedBox: the trimmed page and its bleed, inside the media box when
// the slug holds marks, else the media box itself. finish writes it (fpdf's SetPageBox would
// write it with the TrimBox in map order, so the output would differ from run to run).
func (d *Document) bleedBox() string {
	p, s := d.opts.Page, d.slug()
	return fmt.Sprintf("/BleedBox [%.2f %.2f %.2f %.2f]\n", s, s, s+p.Width+2*p.Bleed, s+p.Height+2*p.Bleed)
}

// newFpdf starts fpdf's document: the media box (trim, bleed and slug), the TrimBox, the
// output intent, the metadata. The screen variant has the trimmed page as its media box, and no
// TrimBox or output intent. icc is what fpdf is given as the output intent's profile: the
// placeholder that finish replaces (tests give the profile itself, to compare with the file
// fpdf writes on its own).
func (d *Document) newFpdf(date time.Time, icc []byte) *fpdf.Fpdf {
	o := d.opts
	m := d.margin()
	pw, ph := o.Page.Width+2*m, o.Page.Height+2*m
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: pw, Ht: ph}})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCatalogSort(true)
	f.SetCompression(false) // finish compresses the pages, with a compressor it reuses
	if !o.Screen {
		f.SetPageBox("trim", m, m, o.Page.Width, o.Page.Height)
	}
	date = date.UTC()
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetLang(o.Lang)
	f.SetTitle(o.Title, true)
	f.SetSubject(o.Subject, true)
	f.SetCreator(o.Creator, true)
	f.SetProducer(d.producer(), true)
	if !o.Screen {
		f.AddOutputIntent(outputIntent(icc))
	}
	f.SetXmpMetadata(d.xmp(date))
	if o.Marks && !o.Screen {
		f.AddSpotColor(registration, 100, 100, 100, 100)
	}
	return f
}

// producer is the document's producer: the Options', else this package.
func (d *Document) producer() string {
	if d.opts.Producer != "" {
		return d.opts.Producer
	}
	return "github.com/ecpat/makeitsafe/leaflet/pdf (fpdf)"
}

// drawGlyphs draws the glyphs of a line (or of a piece of one: see pieces), in visual order,
// whose left edge and baseline are at x, y, standing for no text. Glyphs at their font's own
// advance, one after another, share one text-showing call. The marked content around them is the
// caller's: see marker.line.
func (d *Document) drawGlyphs(f *fpdf.Fpdf, codes *codeBook, l *typeset.Line, x, y float64) {
	for i, r := range l.Runs {
		u := codes.fonts[r.Font]
		f.SetFont(u.family, "", r.Size)
		left := x + l.X[i]
		var chunk []rune
		var cx, cy, pen float64
		flush := func() {
			if len(chunk) > 0 {
				f.Text(d.pdfX(cx), cy+d.margin(), string(chunk)) // fpdf measures y from the top
				chunk = chunk[:0]
			}
		}
		for _, g := range r.Glyphs {
			gx, gy := left+g.X, y-g.Y
			if !g.Natural || len(chunk) == 0 || gx-pen > 1e-3 || pen-gx > 1e-3 || gy != cy {
				flush()
				cx, cy = gx, gy
			}
			chunk = append(chunk, u.code(g.ID, nil))
			pen = gx + g.Advance
			if !g.Natural {
				flush()
			}
		}
		flush()
	}
}

// silenced starts a marked-content span whose ActualText is a tab: poppler reads a space for
// its glyphs, MuPDF one space, PDFium nothing (a text without a printable character). pdf.js
// ignores ActualText, and skips glyphs that stand for a format character (textless).
const silenced = "/Span <</ActualText <FEFF0009>>> BDC"

// againstDrop is how far below the baseline, in em, a piece of the text layer set against its
// paragraph's direction is drawn. PDFium reads such a piece as a line of its own (in its own
// direction, as it must) only from about 0.25 em down; poppler keeps it on its line only up to
// about 0.45 em (measured on every leaflet, poster and typesetting demo).
const againstDrop = 0.35

// drawLayer draws the text layer of a line (or of a piece of one: see pieces) whose left edge and
// baseline are at x, y (see textLayer).
func (d *Document) drawLayer(f *fpdf.Fpdf, codes *codeBook, l *typeset.Line, ps []layerPiece, x, y float64) {
	if len(ps) == 0 {
		return
	}
	lf := layerFontOf(l)
	u := codes.fonts[lf.font]
	if !lf.drawsNothing {
		f.RawWriteStr("3 Tr")
	}
	for _, p := range ps {
		size := lf.size
		if p.flip {
			size += 0.01 // fpdf writes sizes to a hundredth of a point
		}
		f.SetFont(u.family, "", size)
		px, py, tz := x+p.x0, y, lf.scale(p)
		if p.against {
			py += againstDrop * lf.size
		}
		if p.mark {
			px = x + p.x1 - tz/100*lf.width()
		}
		text := make([]rune, len(p.glyphs))
		for i, g := range p.glyphs {
			text[i] = u.code(lf.gid(g), g.text)
		}
		f.RawWriteStr(fmt.Sprintf("%.3f Tz", tz))
		f.Text(d.pdfX(px), py+d.margin(), string(text)) // fpdf measures y from the top
		f.RawWriteStr("100 Tz")
	}
	if !lf.drawsNothing {
		f.RawWriteStr("0 Tr")
	}
}

// layerFont is the font of a line's text layer: its first run's font and size, and the font's
// glyphs for it (see blanksOf).
type layerFont struct {
	font *fontset.Font
	size float64
	blanks
}

// blanks are the glyphs of a font that a text layer is drawn with: its space, which draws
// nothing, and its zero width space, which draws nothing and has no width (the space when it has
// none). A font without a space lends its glyph 0, which must then be drawn invisible (render
// mode 3; MuPDF 1.21 drops such text).
type blanks struct {
	blank, zero  uint16
	drawsNothing bool
	blankEm      float64 // the blank glyph's advance, in em
}

// fontBlanks are the blanks of each font, found once: *fontset.Font → blanks.
var fontBlanks sync.Map

func blanksOf(f *fontset.Font) blanks {
	if b, ok := fontBlanks.Load(f); ok {
		return b.(blanks)
	}
	face := font.NewFace(f.Font)
	em := func(g font.GID) float64 { return float64(face.HorizontalAdvance(g)) / f.Upem() }
	g, ok := f.Font.NominalGlyph(' ')
	b := blanks{blank: uint16(g), zero: uint16(g), drawsNothing: ok, blankEm: em(g)}
	if z, ok := f.Font.NominalGlyph('\u200b'); ok && em(z) == 0 {
		b.zero = uint16(z)
	}
	fontBlanks.Store(f, b)
	return b
}

func layerFontOf(l *typeset.Line) layerFont {
	f := l.Runs[0].Font
	return layerFont{font: f, size: l.Runs[0].Size, blanks: blanksOf(f)}
}

// gid is the glyph that draws g.
func (lf layerFont) gid(g glyph) uint16 {
	if g.zero {
		return lf.zero
	}
	return lf.blank
}

// width is the advance of the blank glyph at the layer's size.
func (lf layerFont) width() float64 { return lf.blankEm * lf.size }

// scale is the horizontal scaling (Tz) that spreads a piece's blank glyphs over its width. A
// mark is drawn at a tenth of its width.
func (lf layerFont) scale(p layerPiece) float64 {
	n := 0
	for _, g := range p.glyphs {
		if !g.zero || lf.zero == lf.blank {
			n++
		}
	}
	w := lf.width()
	if p.mark || w <= 0 || n == 0 || p.x1 <= p.x0 {
		return 10
	}
	return (p.x1 - p.x0) / (float64(n) * w) * 100
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

// textless is what a drawn glyph stands for in ToUnicode: readers that follow glyphs need some
// character, and a soft hyphen is invisible, ignored by search and skipped by pdf.js.
const textless = '\u00ad'

// codeBook gives each font's (glyph, text) pairs their codes, in order of first use, so the same
// drawing always gets the same codes.
type codeBook struct {
	fonts  map[*fontset.Font]*fontCodes
	order  []*fontset.Font
	layers map[*typeset.Line][]layerPiece // each line's text layer (see spanLayer), made once
}

type fontCodes struct {
	family string          // fpdf's name for the font
	index  map[string]rune // glyph and text → code
	gids   []uint16        // code − puaBase → glyph
	text   map[rune][]rune // code → text, for ToUnicode
	glyphs map[uint16]bool // the glyphs drawn
	key    []byte          // the key of the pair looked up last (see setKey)
}

// setKey makes u.key the key of a pair in index: the glyph, then the text in UTF-8. It is built
// in place, as every glyph drawn is looked up, and u.index[string(u.key)] allocates nothing.
func (u *fontCodes) setKey(gid uint16, text []rune) {
	u.key = append(u.key[:0], byte(gid>>8), byte(gid))
	for _, r := range text {
		u.key = utf8.AppendRune(u.key, r)
	}
}

// code returns the code of a pair that assignCodes saw.
func (u *fontCodes) code(gid uint16, text []rune) rune {
	u.setKey(gid, text)
	return u.index[string(u.key)]
}

func assignCodes(pages [][]op) (*codeBook, error) {
	cb := &codeBook{fonts: map[*fontset.Font]*fontCodes{}, layers: map[*typeset.Line][]layerPiece{}}
	add := func(f *fontset.Font, gid uint16, text []rune) error {
		u, ok := cb.fonts[f]
		if !ok {
			u = &fontCodes{family: fmt.Sprintf("f%d", len(cb.order)), index: map[string]rune{},
				text: map[rune][]rune{}, glyphs: map[uint16]bool{}}
			cb.fonts[f] = u
			cb.order = append(cb.order, f)
		}
		u.setKey(gid, text)
		if _, ok := u.index[string(u.key)]; ok {
			return nil
		}
		if len(u.gids) == puaSize {
			return fmt.Errorf("pdf: font %s: more than %d different glyphs and texts in one document", f.Name, puaSize)
		}
		c := rune(puaBase + len(u.gids))
		u.index[string(u.key)] = c
		u.gids = append(u.gids, gid)
		u.glyphs[gid] = true
		u.text[c] = text
		if len(text) == 0 {
			u.text[c] = []rune{textless}
		}
		return nil
	}
	for _, page := range pages {
		for _, o := range page {
			if o.line == nil {
				continue
			}
			if len(o.line.Runs) > 0 {
				lf := layerFontOf(o.line)
				var spans []Span
				if o.para != nil {
					spans = o.para.Spans
				}
				layer, _ := spanLayer(o.line, spans)
				cb.layers[o.line] = layer
				for _, lp := range layer {
					for _, g := range lp.glyphs {
						if err := add(lf.font, lf.gid(g), g.text); err != nil {
							return nil, err
						}
					}
				}
			}
			for _, r := range o.line.Runs {
				for _, g := range r.Glyphs {
					if err := add(r.Font, g.ID, nil); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return cb, nil
}
