package pdf

import (
	"codeberg.org/go-pdf/fpdf"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// Printer's marks. With Options.Marks every page is set on a larger sheet: the trimmed page, its
// bleed, and around them a slug that holds crop marks at the four corners and a slug line. The
// media box is then the bleed box plus the slug; without marks it is the bleed box.
//
// A crop mark continues a trim edge outwards. It starts at least 3 mm from the trim and 1 mm
// beyond the bleed (4 mm with the leaflets' 3 mm bleed), so that it never prints on the piece;
// it is a 0.25 pt line (the thinnest a press holds reliably) in all four inks, the /All
// separation, so that it shows on every plate.
const (
	mm = 72 / 25.4

	markMinOffset = 3 * mm // a mark starts at least this far from the trim
	markGap       = 1 * mm // and at least this far beyond the bleed
	markLength    = 5 * mm
	markWidth     = 0.25   // points
	slugRoom      = 4 * mm // beyond the marks: room for the slug line
)

// registration is the name of the separation in which marks are drawn: /All paints every
// separation, so a mark shows on every plate.
const registration = "All"

// markOffset is how far from the trim a crop mark starts.
func (p Page) markOffset() float64 { return max(markMinOffset, p.Bleed+markGap) }

// slug is the width of the slug beyond the bleed, when a page has marks.
func (p Page) slug() float64 { return p.markOffset() - p.Bleed + markLength + slugRoom }

// drawMarks draws the crop marks of the current page, before anything else on it (so fpdf's
// idea of the line width and cap is the page's own).
func (d *Document) drawMarks(f *fpdf.Fpdf) {
	p := d.opts.Page
	m := d.margin()
	off := p.markOffset()
	f.SetDrawSpotColor(registration, 100)
	f.SetLineWidth(markWidth)
	f.SetLineCapStyle("butt")
	// fpdf's coordinates: from the media box's top-left corner, y downwards.
	for _, x := range []struct{ edge, out float64 }{{m, -1}, {m + p.Width, 1}} {
		for _, y := range []struct{ edge, out float64 }{{m, -1}, {m + p.Height, 1}} {
			f.Line(x.edge+x.out*off, y.edge, x.edge+x.out*(off+markLength), y.edge) // along the horizontal edge
			f.Line(x.edge, y.edge+y.out*off, x.edge, y.edge+y.out*(off+markLength)) // along the vertical edge
		}
	}
}

// SlugWidth is the width a slug line may take: the trimmed page's, less room for the marks.
func (d *Document) SlugWidth() float64 { return d.opts.Page.Width - 2*markLength }

// SlugSize is the font size of a slug line, points.
const SlugSize = 6.0

// SlugLine draws a block of text, set SlugWidth wide and in SlugSize, in the slug below the
// current page's bleed, between the crop marks, in black: what the sheet is, for the print
// shop. Without Options.Marks there is no slug and it draws nothing. Like the crop marks, it is
// an artifact: a production aid, not part of the piece.
func (d *Document) SlugLine(b *typeset.Block) {
	if !d.opts.Marks || d.opts.Screen {
		return
	}
	p := d.opts.Page
	prev := d.cur
	d.Artifact(PrintersMarks)
	d.Text(b, markLength, p.Height+p.markOffset()+markGap, Color{K: 1})
	d.cur = prev
}
