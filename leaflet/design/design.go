// Package design reads a printed piece's design from a TOML file: the sheet and its bleed,
// colours, text styles, markers, icons, and for each page the shapes drawn and the frames that
// hold the catalogue's messages. The render code draws what a design says and holds no design
// of its own; a partner changes a colour, moves a frame or makes a poster by editing a file.
//
// The file's schema is documented in README.md beside this file. Lengths are in points, from the
// trimmed page's top-left corner, y downwards, for left-to-right locales; Mirror gives the
// design for right-to-left ones.
package design

import (
	"embed"
	"io/fs"
	"slices"

	"github.com/ecpat/makeitsafe/leaflet/internal/datafile"
)

// Colour is a CMYK process colour, each ink from 0 to 1.
type Colour struct{ C, M, Y, K float64 }

// Ink returns the colour's total ink, from 0 to 4 (400%).
func (c Colour) Ink() float64 { return c.C + c.M + c.Y + c.K }

// Align is where the lines of a paragraph sit, relative to the text's direction.
type Align int

const (
	Start   Align = iota // the left edge in left-to-right text, the right edge in right-to-left
	End                  // the other edge
	Centre               // centred
	Justify              // both edges, by widening spaces; the last line at Start
)

// VAlign is where a frame's text sits when it is shorter than the frame.
type VAlign int

const (
	Top VAlign = iota
	Middle
	Bottom
)

// Style is how a frame's text is set.
type Style struct {
	Name       string
	Bold       bool
	Size       float64 // font size, points
	MinSize    float64 // fitting shrinks text down to this size, no further
	Leading    float64 // line pitch, a multiple of the fonts' height; 0 means 1
	Align      Align
	Indent     float64 // of a paragraph's first line, points
	SpaceAfter float64 // between the paragraphs of a frame, points
	Colour     Colour
	SmallPrint bool // small print (a footer): not held to a locale's reading size
	Runt       int  // a paragraph of three lines or more never ends with one word of fewer characters
}

// Rect is a rectangle: its top-left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// Mirror returns the rectangle reflected across the vertical middle of a page width wide.
func (r Rect) Mirror(width float64) Rect {
	r.X = width - r.X - r.W
	return r
}

// Kind says what a shape or a marker draws.
type Kind int

const (
	Fill    Kind = iota // the rectangle, filled (also a thin rule)
	Disc                // the disc inscribed in the rectangle
	Box                 // the rectangle's outline, filled inside: an empty checkbox
	Picture             // an icon fitted into the rectangle
)

// Seg is one segment of an outline: 'M' and 'L' take one point, 'C' three (two control points
// and the end), 'Z' none. Icon outlines are in a unit square, x right, y down.
type Seg struct {
	Op  byte
	Pts []float64
}

// Part is one outline of an icon: filled, or stroked Stroke wide (in units of the icon's size).
// A cutout is drawn in the colour behind the icon, to open a hole in it.
type Part struct {
	Segs   []Seg
	Stroke float64
	Cutout bool
}

// Icon is a pictogram in one colour.
type Icon struct {
	Name  string
	Parts []Part
}

// Shape is a piece of a page that is not text, drawn under the text.
type Shape struct {
	Kind     Kind
	Rect     Rect
	Colour   Colour // the fill, or a box's outline
	Inside   Colour // Box: the fill inside the outline
	Line     float64
	Icon     *Icon  // Picture
	Back     Colour // Picture: the colour behind the icon, for its cutouts
	FileLine int    // where the design file defines it, for messages
	Role     Role   // Artifact, Figure or Item (see Role)
	Alt      string // Figure: the ID of the message that describes it
	Before   string // Figure: the frame it is read before ("page/frame"); "": first on its page
	List     string // Item: the list frame it is an item of ("page/frame")
	Row      string // the row of the page's flow it moves with; "": it stays where it is
	Stretch  bool   // in a row: it grows with the row (a box's background)
}

// Marker is drawn before the first line of each paragraph of a frame, on the side where lines
// start: a checkbox before each item of a checklist. Its lengths are in ems of the text's size,
// but Gap and Line, which are in points.
type Marker struct {
	Name   string
	Kind   Kind    // Box, Disc or Picture
	Size   float64 // width and height, em
	Gap    float64 // between the marker and the text, points
	Raise  float64 // the marker's top above the first baseline, em
	Colour Colour
	Inside Colour  // Box: the fill inside the outline
	Line   float64 // Box: the outline's width, points
	Icon   *Icon   // Picture
}

// Background is drawn behind a frame: a badge.
type Background struct {
	Colour Colour
	Pill   bool // a rectangle with fully rounded ends; else a plain rectangle
}

// Frame is a rectangle filled with messages, one paragraph each, in one style. A message is
// left out when a field of the edition it uses is empty (a partner without an e-mail address),
// and printed once for each help line of the edition when it uses a help line's fields.
type Frame struct {
	Name       string // "page/frame", unique in the design
	Line       int    // where the design file defines it, for messages
	Rect       Rect
	Style      Style
	Messages   []string // message IDs
	Count      string   // for a plural message: the name of the frame whose paragraphs it counts
	VAlign     VAlign
	Marker     *Marker
	Background *Background
	Role       Role    // Paragraph, Heading, List or Artifact (see Role)
	Level      int     // Heading: 1 to 6
	Section    string  // frames with the same section, one after another, are read as one section
	Row        string  // the row of the page's flow it belongs to; "": it stays where it is
	MinHeight  float64 // in a row: the least height it takes; it takes what its text needs
	Columns    int     // its text is set in this many balanced columns (1 or more)
	Gutter     float64 // between columns
}

// Page is one page: its shapes, drawn first, then its frames.
type Page struct {
	Name   string
	Shapes []Shape
	Frames []Frame
	Flow   *Flow // nil: every frame stays where it is designed
}

// Flow is the part of a page whose rows share its height by need: each row is as tall as its
// text needs, rows keep their order and at least their designed gaps, and the room left over is
// spread between them. Only when the rows do not fit is their text set smaller.
type Flow struct {
	Top, Bottom float64 // the area rows are placed in
	MaxGap      float64 // the most room added to a gap between rows; the rest stays at the bottom
}

// Document is the PDF's metadata: its title is the messages Title joined by " – ".
type Document struct {
	Title   []string // message IDs
	Subject string   // message ID
	Creator string
}

// Design is a whole design.
type Design struct {
	Name     string // what the design is, for messages
	File     string // the file it was read from
	Document Document
	Width    float64 // the trimmed page, points
	Height   float64
	Bleed    float64 // printed beyond each trim edge, points
	Pages    []Page
}

// Messages returns the ID of every message the design prints, in order, each once.
func (d *Design) Messages() []string {
	seen := map[string]bool{}
	var out []string
	add := func(ids ...string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	add(d.Document.Title...)
	if d.Document.Subject != "" {
		add(d.Document.Subject)
	}
	for _, p := range d.Pages {
		for _, f := range p.Frames {
			add(f.Messages...)
		}
		for _, s := range p.Shapes {
			if s.Alt != "" {
				add(s.Alt)
			}
		}
	}
	return out
}

// Mirror returns the design for right-to-left locales: every shape and frame reflected across
// the page's vertical middle. Icons and markers are reflected by the drawing code.
func (d *Design) Mirror() *Design {
	m := *d
	m.Pages = make([]Page, len(d.Pages))
	for i, p := range d.Pages {
		q := Page{Name: p.Name, Shapes: make([]Shape, len(p.Shapes)), Frames: make([]Frame, len(p.Frames)), Flow: p.Flow}
		for k, s := range p.Shapes {
			s.Rect = s.Rect.Mirror(d.Width)
			q.Shapes[k] = s
		}
		for k, f := range p.Frames {
			f.Rect = f.Rect.Mirror(d.Width)
			q.Frames[k] = f
		}
		m.Pages[i] = q
	}
	return &m
}

//go:embed leaflet.toml
var embedded embed.FS

// Leaflet returns the two-page Make-IT-Safe parent leaflet, read from the embedded
// leaflet.toml. Each call returns a new copy.
func Leaflet() (*Design, error) { return Load(embedded, "leaflet.toml") }

// Load reads and checks the design file name of fsys. Every problem of the file is reported at
// once, in a *datafile.Error-like *Error naming file, line and key.
func Load(fsys fs.FS, name string) (*Design, error) {
	data, err := datafile.Read(fsys, name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	return Parse(data, name)
}

// MaxFileSize is the largest design file read: a design comes from a partner, and a file far
// larger than any design is refused before the TOML decoder sees it.
const MaxFileSize = 1 << 20

// Clone returns a copy of the design that shares nothing a caller can change with it.
func (d *Design) Clone() *Design {
	c := *d
	c.Document.Title = slices.Clone(d.Document.Title)
	icons := map[*Icon]*Icon{}
	icon := func(ic *Icon) *Icon {
		if ic == nil {
			return nil
		}
		if n, ok := icons[ic]; ok {
			return n
		}
		n := &Icon{Name: ic.Name, Parts: slices.Clone(ic.Parts)}
		for i, p := range n.Parts {
			n.Parts[i].Segs = slices.Clone(p.Segs)
			for k, s := range n.Parts[i].Segs {
				n.Parts[i].Segs[k].Pts = slices.Clone(s.Pts)
			}
		}
		icons[ic] = n
		return n
	}
	c.Pages = make([]Page, len(d.Pages))
	for i, p := range d.Pages {
		q := Page{Name: p.Name, Shapes: slices.Clone(p.Shapes), Frames: slices.Clone(p.Frames)}
		if p.Flow != nil {
			flow := *p.Flow
			q.Flow = &flow
		}
		for k := range q.Shapes {
			q.Shapes[k].Icon = icon(q.Shapes[k].Icon)
		}
		for k, f := range q.Frames {
			q.Frames[k].Messages = slices.Clone(f.Messages)
			if f.Marker != nil {
				m := *f.Marker
				m.Icon = icon(m.Icon)
				q.Frames[k].Marker = &m
			}
			if f.Background != nil {
				b := *f.Background
				q.Frames[k].Background = &b
			}
		}
		c.Pages[i] = q
	}
	return &c
}
