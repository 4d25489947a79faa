package design

import (
	"fmt"
	"slices"

	"github.com/ecpat/makeitsafe/leaflet/internal/datafile"
)

// frameFlow reads a frame's place in its page's flow, and its columns.
func (p *parser) frameFlow(t datafile.Table, f *Frame) {
	f.Row = t.String("row", "")
	f.MinHeight = p.length(t, "min_height", f.Rect.H, false)
	if f.MinHeight < 0 {
		t.Problemf("min_height", "must not be negative")
	}
	if t.Has("min_height") && f.Row == "" {
		t.Problemf("min_height", "only a frame in a row (row = \"…\") changes its height")
	}
	f.Columns = int(t.Number("columns", 1))
	if f.Columns < 1 || f.Columns > 4 {
		t.Problemf("columns", "want 1 to 4 columns")
		f.Columns = 1
	}
	f.Gutter = p.length(t, "gutter", f.Style.Size*1.5, false)
	if f.Gutter < 0 || f.Columns > 1 && !t.Failed("rect") && float64(f.Columns-1)*f.Gutter >= f.Rect.W {
		t.Problemf("gutter", "the gutters leave no room for the columns")
	}
}

// shapeFlow reads a shape's place in its page's flow.
func (p *parser) shapeFlow(t datafile.Table, s *Shape) {
	s.Row = t.String("row", "")
	s.Stretch = t.Bool("stretch", false)
	if s.Stretch && s.Row == "" {
		t.Problemf("stretch", "only a shape in a row (row = \"…\") grows with it")
	}
}

// pageFlow reads a page's [page.flow] and checks that the rows its frames and shapes name lie
// inside it, one below the other.
func (p *parser) pageFlow(t datafile.Table, pg *Page, shapes, frames []datafile.Table) {
	var rowed []string
	for _, f := range pg.Frames {
		if f.Row != "" {
			rowed = append(rowed, f.Row)
		}
	}
	for _, s := range pg.Shapes {
		if s.Row != "" {
			rowed = append(rowed, s.Row)
		}
	}
	if _, ok := t.Value("flow"); !ok {
		if len(rowed) > 0 {
			t.Problemf("", "frames or shapes name rows (row = %q) but the page has no [page.flow]", rowed[0])
		}
		return
	}
	ft := t.Table("flow")
	pg.Flow = &Flow{
		Top:    p.length(ft, "top", 0, true),
		Bottom: p.length(ft, "bottom", 0, true),
		MaxGap: p.length(ft, "max_gap", 36, false),
	}
	ft.Done()
	if pg.Flow.Bottom <= pg.Flow.Top {
		ft.Problemf("bottom", "must be below top")
		return
	}
	rows := pg.Rows()
	if len(rows) == 0 {
		ft.Problemf("", "no frame or shape names a row of the flow (row = \"…\")")
	}
	for i, r := range rows {
		if r.Top < pg.Flow.Top || r.Bottom > pg.Flow.Bottom {
			ft.Problemf("", "row %q (%.1f to %.1f) is not inside the flow (%.1f to %.1f)", r.Name, r.Top, r.Bottom, pg.Flow.Top, pg.Flow.Bottom)
		}
		if i > 0 && r.Top < rows[i-1].Bottom {
			ft.Problemf("", "row %q begins above the end of row %q: rows lie one below the other", r.Name, rows[i-1].Name)
		}
	}
	for i, f := range pg.Frames {
		if f.Row == "" && pg.Flow != nil && overlaps(f.Rect, pg.Flow) {
			frames[i].Problemf("row", "the frame lies in the page's flow: give it a row")
		}
	}
	for i, s := range pg.Shapes {
		if s.Row == "" && pg.Flow != nil && overlaps(s.Rect, pg.Flow) {
			shapes[i].Problemf("row", "the shape lies in the page's flow: give it a row")
		}
	}
}

func overlaps(r Rect, f *Flow) bool { return r.Y < f.Bottom && r.Y+r.H > f.Top }

// Row is a row of a page's flow as designed: the frames and shapes that name it, and the
// band of the page they take.
type Row struct {
	Name        string
	Top, Bottom float64
	Frames      []int // indexes into Page.Frames
	Shapes      []int // indexes into Page.Shapes
}

// Rows returns the rows of the page's flow, top to bottom.
func (pg *Page) Rows() []Row {
	byName := map[string]*Row{}
	var order []string
	add := func(name string, rc Rect) *Row {
		r, ok := byName[name]
		if !ok {
			r = &Row{Name: name, Top: rc.Y, Bottom: rc.Y + rc.H}
			byName[name] = r
			order = append(order, name)
		}
		r.Top, r.Bottom = min(r.Top, rc.Y), max(r.Bottom, rc.Y+rc.H)
		return r
	}
	for i, f := range pg.Frames {
		if f.Row != "" {
			r := add(f.Row, f.Rect)
			r.Frames = append(r.Frames, i)
		}
	}
	for i, s := range pg.Shapes {
		if s.Row != "" {
			r := add(s.Row, s.Rect)
			r.Shapes = append(r.Shapes, i)
		}
	}
	rows := make([]Row, len(order))
	for i, name := range order {
		rows[i] = *byName[name]
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		switch {
		case a.Top < b.Top:
			return -1
		case a.Top > b.Top:
			return 1
		}
		return 0
	})
	return rows
}

// String describes a row, for messages.
func (r Row) String() string { return fmt.Sprintf("row %s (%.1f to %.1f)", r.Name, r.Top, r.Bottom) }
