package leaflet

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// placement is a page as laid out for one locale: where each frame and shape lands, and the
// text of the frames of the page's flow, already set.
type placement struct {
	frames []design.Rect
	shapes []design.Rect
	set    map[int]*setText // by frame index: text the flow has set
}

// setText is a frame's text, set in its columns.
type setText struct {
	cols  []*typeset.Block
	size  float64
	paras []Paragraph
}

// height is the room the text needs: its tallest column.
func (s *setText) height() float64 {
	h := 0.0
	for _, c := range s.cols {
		h = max(h, c.Height)
	}
	return h
}

// place lays a page out. Frames and shapes outside the page's flow stay where they are
// designed. The flow's rows take the height their text needs, one below the other, with at
// least their designed gaps and the room left over spread between them; only when they do not
// fit is their text set smaller, all of it by the same steps, each frame down to its style's
// smallest size at the most.
func (r *render) place(page design.Page) (*placement, error) {
	pl := &placement{set: map[int]*setText{}}
	for _, f := range page.Frames {
		pl.frames = append(pl.frames, f.Rect)
	}
	for _, s := range page.Shapes {
		pl.shapes = append(pl.shapes, s.Rect)
	}
	if page.Flow == nil {
		return pl, nil
	}
	rows := page.Rows()
	paras := map[int][]Paragraph{}
	for _, row := range rows {
		for _, i := range row.Frames {
			p, err := r.bind(page, page.Frames[i])
			if err != nil {
				return nil, err
			}
			paras[i] = p
		}
	}
	steps := 0
	for _, row := range rows {
		for _, i := range row.Frames {
			st := r.style(page.Frames[i])
			steps = max(steps, int(math.Floor((st.Size-st.MinSize)/fitStep+1e-9)))
		}
	}
	try := func(k int) (*placement, bool, error) {
		sets := map[int]*setText{}
		for _, row := range rows {
			for _, i := range row.Frames {
				s, err := r.setColumns(page.Frames[i], paras[i], r.stepSize(page.Frames[i], k))
				if err != nil {
					return nil, false, err
				}
				sets[i] = s
			}
		}
		next := &placement{frames: slices.Clone(pl.frames), shapes: slices.Clone(pl.shapes), set: sets}
		bottom := stack(page, rows, next)
		return next, bottom <= page.Flow.Bottom+0.01, nil
	}
	best, fits, err := try(0)
	if err != nil {
		return nil, err
	}
	if !fits {
		smallest, ok, err := try(steps)
		if err != nil {
			return nil, err
		}
		if !ok {
			if frame := r.helplinesFrame(page, rows); frame != "" {
				if err := r.fewerHelplines(frame, func() (bool, error) {
					_, err := r.place(page)
					return err == nil, nil
				}); err != nil {
					return nil, err
				}
			}
			return nil, r.flowError(page, rows, smallest)
		}
		lo, hi := 0, steps // step lo does not fit, step hi does
		best = smallest
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			p, ok, err := try(mid)
			if err != nil {
				return nil, err
			}
			if ok {
				hi, best = mid, p
			} else {
				lo = mid
			}
		}
	}
	spread(page, rows, best)
	for _, row := range rows {
		for _, i := range row.Frames {
			f := page.Frames[i]
			r.record(f, best.set[i])
		}
	}
	return best, nil
}

// stepSize is a frame's text size k fitting steps below its style's size, and never below its
// smallest.
func (r *render) stepSize(f design.Frame, k int) float64 {
	st := r.style(f)
	return max(st.MinSize, st.Size-fitStep*float64(k))
}

// flowError reports a flow whose rows do not fit even at their smallest sizes: one *FitError
// for each frame whose text needs more room than designed, the most first.
func (r *render) flowError(page design.Page, rows []design.Row, p *placement) error {
	over := stack(page, rows, p) - page.Flow.Bottom
	type long struct {
		f    design.Frame
		more float64
	}
	var longs []long
	for _, row := range rows {
		for _, i := range row.Frames {
			f := page.Frames[i]
			if more := p.set[i].height() - f.Rect.H; more > 0.5 {
				longs = append(longs, long{f, more})
			}
		}
	}
	slices.SortStableFunc(longs, func(a, b long) int { return cmpFloat(b.more, a.more) })
	var errs []error
	for _, l := range longs {
		errs = append(errs, fmt.Errorf("leaflet: %w", &FitError{Locale: r.tag, Frame: l.f.Name, Messages: l.f.Messages, Overflow: over, MinSize: r.style(l.f).MinSize}))
	}
	if len(errs) == 0 { // nothing longer than designed: the design itself does not fit
		return fmt.Errorf("leaflet: %s: page %s: its rows run %.1fpt past the flow's bottom as designed", r.tag, page.Name, over)
	}
	return errors.Join(errs...)
}

// helplinesFrame names the last frame in rows that prints the edition's help lines, or "" if none does.
func (r *render) helplinesFrame(page design.Page, rows []design.Row) string {
	name := ""
	for _, row := range rows {
		for _, i := range row.Frames {
			if r.usesHelplines(page.Frames[i]) {
				name = page.Frames[i].Name
			}
		}
	}
	return name
}

// setColumns sets a frame's paragraphs at a size, in the frame's columns.
func (r *render) setColumns(f design.Frame, paras []Paragraph, size float64) (*setText, error) {
	s := &setText{size: size, paras: paras}
	if len(paras) == 0 {
		s.cols = []*typeset.Block{{}}
		return s, nil
	}
	cf := f
	n := max(f.Columns, 1)
	cf.Rect.W = (f.Rect.W - float64(n-1)*f.Gutter) / float64(n)
	cf.Rect.H = math.Inf(1)
	b, err := r.setAt(cf, paras, size)
	if err != nil {
		return nil, err
	}
	s.cols = balance(b, n)
	return s, nil
}

// balance cuts a block into n columns of about equal height, at line boundaries, each column's
// lines moved up to its top.
func balance(b *typeset.Block, n int) []*typeset.Block {
	if n <= 1 || len(b.Lines) < 2 {
		return []*typeset.Block{b}
	}
	top := func(l typeset.Line) float64 { return l.Baseline - l.Ascent }
	bottom := func(l typeset.Line) float64 { return l.Baseline + l.Descent }
	var cols []*typeset.Block
	lines := b.Lines
	for c := n; c > 1 && len(lines) > 0; c-- {
		left := bottom(lines[len(lines)-1]) - top(lines[0])
		target := left / float64(c)
		k := 1
		for k < len(lines) && bottom(lines[k])-top(lines[0]) <= target+0.01 {
			k++
		}
		// the cut after k lines or k+1 lines, whichever leaves the columns closer
		if k < len(lines)-1 {
			over := bottom(lines[k]) - top(lines[0]) - target
			under := target - (bottom(lines[k-1]) - top(lines[0]))
			if over < under {
				k++
			}
		}
		cols = append(cols, shifted(lines[:k], top(lines[0])))
		lines = lines[k:]
	}
	if len(lines) > 0 {
		cols = append(cols, shifted(lines, top(lines[0])))
	}
	return cols
}

// shifted returns lines as a block of their own, moved up by dy.
func shifted(lines []typeset.Line, dy float64) *typeset.Block {
	b := &typeset.Block{Lines: slices.Clone(lines)}
	for i := range b.Lines {
		b.Lines[i].Baseline -= dy
	}
	if n := len(b.Lines); n > 0 {
		b.Height = b.Lines[n-1].Baseline + b.Lines[n-1].Descent
	}
	return b
}

// stack places a flow's rows one below the other, each as tall as its text needs, with their
// designed gaps, and returns the bottom of the last row.
func stack(page design.Page, rows []design.Row, p *placement) float64 {
	prevDesigned, prevBottom := 0.0, 0.0
	for k, row := range rows {
		shift := 0.0
		if k > 0 {
			shift = prevBottom + (row.Top - prevDesigned) - row.Top
		}
		bottom := growRow(page, row, p)
		for _, i := range row.Frames {
			p.frames[i].Y += shift
		}
		for _, i := range row.Shapes {
			p.shapes[i].Y += shift
		}
		prevDesigned, prevBottom = row.Bottom, bottom+shift
	}
	return prevBottom
}

// growRow sets the heights of a row's frames to what their text needs (but their least
// heights), moves what lies below a frame in its column by as much as the frame grew, stretches
// the row's stretching shapes by as much as the row grew, and returns the row's new bottom.
func growRow(page design.Page, row design.Row, p *placement) float64 {
	type item struct {
		frame bool
		i     int
		rc    design.Rect // as designed
	}
	var items []item
	for _, i := range row.Frames {
		items = append(items, item{true, i, page.Frames[i].Rect})
	}
	for _, i := range row.Shapes {
		if !page.Shapes[i].Stretch {
			items = append(items, item{false, i, page.Shapes[i].Rect})
		}
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmpFloat(a.rc.Y, b.rc.Y) })
	var done []moved
	designedBottom, newBottom := row.Top, row.Top
	for _, it := range items {
		rc := it.rc
		if it.frame {
			rc.Y += frameShift(done, it.rc)
			f := page.Frames[it.i]
			rc.H = max(f.MinHeight, p.set[it.i].height())
			p.frames[it.i] = rc
			done = append(done, moved{rc, it.rc})
		} else {
			rc.Y += shapeShift(done, it.rc)
			p.shapes[it.i] = rc
		}
		designedBottom = max(designedBottom, it.rc.Y+it.rc.H)
		newBottom = max(newBottom, rc.Y+rc.H)
	}
	grow := newBottom - designedBottom
	for _, i := range row.Shapes {
		if s := page.Shapes[i]; s.Stretch {
			p.shapes[i].H = s.Rect.H + grow
		}
	}
	return row.Bottom + grow
}

// moved is a frame of a row laid out: where it is now, and where it was designed.
type moved struct{ rc, was design.Rect }

// grew is how much lower a frame's bottom now lies than designed.
func (m moved) grew() float64 { return m.rc.Y + m.rc.H - (m.was.Y + m.was.H) }

// above reports whether a frame was designed above a rectangle.
func (m moved) above(rc design.Rect) bool { return m.was.Y+m.was.H <= rc.Y+0.5 }

// frameShift is how far a frame moves down: as far as the lowest of the frames directly above
// it in its column (those with no other frame of the column between them and it).
func frameShift(done []moved, rc design.Rect) float64 {
	shift, found := 0.0, false
	for i, m := range done {
		if !m.above(rc) || !sameColumn(m.was, rc) {
			continue
		}
		hidden := false
		for k, n := range done {
			if k != i && n.above(rc) && sameColumn(n.was, rc) && sameColumn(n.was, m.was) && n.was.Y >= m.was.Y+m.was.H-0.5 {
				hidden = true // n lies between m and the frame
				break
			}
		}
		if !hidden && (!found || m.grew() > shift) {
			shift, found = m.grew(), true
		}
	}
	return shift
}

// shapeShift is how far a shape moves down: with the frame nearest above it, in its column
// if there is one as near (a write-in box beside its line moves with the list above it).
func shapeShift(done []moved, rc design.Rect) float64 {
	best, found := moved{}, false
	for _, m := range done {
		if !m.above(rc) {
			continue
		}
		bottom, bestBottom := m.was.Y+m.was.H, best.was.Y+best.was.H
		if !found || bottom > bestBottom+0.5 || bottom > bestBottom-0.5 && sameColumn(m.was, rc) {
			best, found = m, true
		}
	}
	if !found {
		return 0
	}
	return best.grew()
}

// sameColumn reports whether two rectangles share some width, so that one lies above the other.
func sameColumn(a, b design.Rect) bool { return a.X < b.X+b.W-0.5 && b.X < a.X+a.W-0.5 }

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// spread shares the room a flow leaves under its last row between the gaps of its rows, each
// gap getting as much as the others up to the flow's largest gap; the rest stays at the bottom.
func spread(page design.Page, rows []design.Row, p *placement) {
	if len(rows) < 2 {
		return
	}
	last := rows[len(rows)-1]
	bottom := 0.0
	for _, i := range last.Frames {
		bottom = max(bottom, p.frames[i].Y+p.frames[i].H)
	}
	for _, i := range last.Shapes {
		bottom = max(bottom, p.shapes[i].Y+p.shapes[i].H)
	}
	extra := min(page.Flow.MaxGap, (page.Flow.Bottom-bottom)/float64(len(rows)))
	if extra <= 0 {
		return
	}
	for k, row := range rows[1:] {
		dy := extra * float64(k+1)
		for _, i := range row.Frames {
			p.frames[i].Y += dy
		}
		for _, i := range row.Shapes {
			p.shapes[i].Y += dy
		}
	}
}
