// Package template declares the Make-IT-Safe leaflet's design as data: page size and bleed,
// colours, text styles, and for each page its shapes (bands, boxes, icons) and text frames, each
// frame filled by messages of the catalogue. Coordinates are for left-to-right locales, in points
// from the trimmed page's top-left corner; Mirror gives the right-to-left design.
package template

// Color is a CMYK process colour, components from 0 to 1.
type Color struct{ C, M, Y, K float64 }

// Align is where a style's lines sit, relative to the text's direction.
type Align int

const (
	Start Align = iota
	End
	Center
	Justify
)

// Style is how a frame's text is set.
type Style struct {
	Bold       bool
	Size       float64 // font size
	MinSize    float64 // fitting shrinks text down to this size, no further
	Leading    float64 // line pitch as a multiple of the fonts' height; 0 is 1
	Align      Align
	SpaceAfter float64 // between paragraphs of a frame
	Color      Color
}

// Rect is a rectangle: top-left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// Mirror returns the rectangle reflected across the vertical middle of a page width wide.
func (r Rect) Mirror(width float64) Rect {
	r.X = width - r.X - r.W
	return r
}

// ShapeKind says what a shape draws.
type ShapeKind int

const (
	Fill   ShapeKind = iota // a filled rectangle
	Icon                    // an icon from Icons, fitted into the rectangle
	Circle                  // a filled circle inscribed in the rectangle
	Rule                    // a filled bar: the rectangle itself, kept thin
	Box                     // the outline of the rectangle: an empty checkbox
)

// Shape is a piece of the design that is not text.
type Shape struct {
	Kind  ShapeKind
	Rect  Rect
	Color Color
	Icon  string // for Icon
	Back  Color  // for Icon: the colour behind it, in which its cutouts are drawn
}

// Frame is a rectangle filled with messages, one paragraph each, in one style. A message whose
// template data is empty (a partner without an e-mail address, say) is left out.
type Frame struct {
	Name     string // for messages: "front/talk-body"
	Rect     Rect
	Style    string   // key of Template.Styles
	Messages []string // message IDs
	Count    string   // for a plural message: the template quantity that gives its count
	Checks   bool     // a checklist: an empty box is drawn before each paragraph, at the start side
	Badge    bool     // drawn on a rounded pill of the style's background (Template.BadgeFill)
}

// Page is one page of the design.
type Page struct {
	Shapes []Shape
	Frames []Frame
}

// Template is a whole design.
type Template struct {
	Width, Height float64 // trimmed page
	Bleed         float64
	BadgeFill     Color
	Styles        map[string]Style
	Pages         []Page
}

// Mirror returns the design for right-to-left locales: every shape and frame reflected across
// the page's vertical middle. Icons are reflected by the drawing code.
func (t Template) Mirror() Template {
	m := t
	m.Pages = make([]Page, len(t.Pages))
	for i, p := range t.Pages {
		var q Page
		for _, s := range p.Shapes {
			s.Rect = s.Rect.Mirror(t.Width)
			q.Shapes = append(q.Shapes, s)
		}
		for _, f := range p.Frames {
			f.Rect = f.Rect.Mirror(t.Width)
			q.Frames = append(q.Frames, f)
		}
		m.Pages[i] = q
	}
	return m
}
