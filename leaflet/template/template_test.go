package template

import (
	"fmt"
	"io/fs"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/catalog"
	"github.com/ecpat/makeitsafe/locales"
)

const eps = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) < eps }

func TestRectMirror(t *testing.T) {
	for _, tc := range []struct {
		r     Rect
		width float64
		want  Rect
	}{
		{Rect{10, 20, 30, 40}, 100, Rect{60, 20, 30, 40}},
		{Rect{0, 0, 100, 5}, 100, Rect{0, 0, 100, 5}},
		{Rect{-8, -8, 116, 50}, 100, Rect{-8, -8, 116, 50}}, // a full-width band with bleed stays put
		{Rect{35, 1, 30, 2}, 100, Rect{35, 1, 30, 2}},       // centred
	} {
		if got := tc.r.Mirror(tc.width); got != tc.want {
			t.Errorf("%+v.Mirror(%g) = %+v, want %+v", tc.r, tc.width, got, tc.want)
		}
	}
}

// shapeRest and frameRest zero the rectangle, to compare the rest.
func shapeRest(s Shape) Shape { s.Rect = Rect{}; return s }
func frameRest(f Frame) Frame { f.Rect = Rect{}; return f }

func TestMirror(t *testing.T) {
	orig := Leaflet
	before := snapshot(orig)
	m := orig.Mirror()
	if !reflect.DeepEqual(snapshot(orig), before) {
		t.Fatal("Mirror changed the design it was called on")
	}
	if m.Width != orig.Width || m.Height != orig.Height || m.Bleed != orig.Bleed || m.BadgeFill != orig.BadgeFill ||
		!reflect.DeepEqual(m.Styles, orig.Styles) {
		t.Errorf("Mirror changed the page size, bleed, badge fill or styles")
	}
	if len(m.Pages) != len(orig.Pages) {
		t.Fatalf("Mirror: %d pages, want %d", len(m.Pages), len(orig.Pages))
	}
	reflected := func(what string, got, r Rect) {
		t.Helper()
		if want := orig.Width - r.X - r.W; got.X != want || got.Y != r.Y || got.W != r.W || got.H != r.H {
			t.Errorf("%s: %+v mirrored to %+v, want {X:%g Y:%g W:%g H:%g}", what, r, got, want, r.Y, r.W, r.H)
		}
	}
	for i, p := range orig.Pages {
		q := m.Pages[i]
		if len(q.Shapes) != len(p.Shapes) || len(q.Frames) != len(p.Frames) {
			t.Fatalf("page %d: mirrored %d shapes and %d frames, want %d and %d", i, len(q.Shapes), len(q.Frames), len(p.Shapes), len(p.Frames))
		}
		for k, s := range p.Shapes {
			reflected(fmt.Sprintf("page %d shape %d", i, k), q.Shapes[k].Rect, s.Rect)
			if !reflect.DeepEqual(shapeRest(q.Shapes[k]), shapeRest(s)) {
				t.Errorf("page %d shape %d: mirrored %+v, want the same kind, icon and colours as %+v", i, k, q.Shapes[k], s)
			}
		}
		for k, f := range p.Frames {
			reflected(f.Name, q.Frames[k].Rect, f.Rect)
			if !reflect.DeepEqual(frameRest(q.Frames[k]), frameRest(f)) {
				t.Errorf("%s: mirrored %+v, want the same style and messages as %+v", f.Name, q.Frames[k], f)
			}
		}
	}

	// Mirroring twice gives the design back (up to rounding).
	mm := m.Mirror()
	for i, p := range orig.Pages {
		for k, s := range p.Shapes {
			if got := mm.Pages[i].Shapes[k].Rect; !near(got.X, s.Rect.X) || got.Y != s.Rect.Y || got.W != s.Rect.W || got.H != s.Rect.H {
				t.Errorf("page %d shape %d: mirrored twice %+v, want %+v", i, k, got, s.Rect)
			}
		}
		for k, f := range p.Frames {
			if got := mm.Pages[i].Frames[k].Rect; !near(got.X, f.Rect.X) || got.Y != f.Rect.Y || got.W != f.Rect.W || got.H != f.Rect.H {
				t.Errorf("%s: mirrored twice %+v, want %+v", f.Name, got, f.Rect)
			}
		}
	}
}

// snapshot copies a design's pages deeply enough to notice a change.
func snapshot(t Template) []Page {
	var out []Page
	for _, p := range t.Pages {
		var q Page
		q.Shapes = slices.Clone(p.Shapes)
		for _, f := range p.Frames {
			f.Messages = slices.Clone(f.Messages)
			q.Frames = append(q.Frames, f)
		}
		out = append(out, q)
	}
	return out
}

func TestStyles(t *testing.T) {
	for name, st := range Leaflet.Styles {
		if st.Size <= 0 || st.MinSize <= 0 || st.MinSize > st.Size {
			t.Errorf("style %s: size %g, smallest %g: want 0 < MinSize ≤ Size", name, st.Size, st.MinSize)
		}
		if st.Leading < 0 || st.SpaceAfter < 0 {
			t.Errorf("style %s: negative leading or space after", name)
		}
		if st.Align < Start || st.Align > Justify {
			t.Errorf("style %s: alignment %d", name, st.Align)
		}
	}
	used := map[string]bool{}
	for _, p := range Leaflet.Pages {
		for _, f := range p.Frames {
			if _, ok := Leaflet.Styles[f.Style]; !ok {
				t.Errorf("%s: style %q is not in Styles", f.Name, f.Style)
			}
			used[f.Style] = true
		}
	}
	for name := range Leaflet.Styles {
		if !used[name] {
			t.Errorf("style %s: used by no frame", name)
		}
	}
}

func TestGeometry(t *testing.T) {
	if len(Leaflet.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(Leaflet.Pages))
	}
	// A4 in points, 3 mm bleed.
	if !near(Leaflet.Width, 595.276) || !near(Leaflet.Height, 841.890) || math.Abs(Leaflet.Bleed-3/25.4*72) > 0.001 {
		t.Errorf("page %g × %g, bleed %g: want A4 (595.276 × 841.890) and 3 mm (8.504)", Leaflet.Width, Leaflet.Height, Leaflet.Bleed)
	}
	w, h, b := Leaflet.Width, Leaflet.Height, Leaflet.Bleed
	names := map[string]bool{}
	for i, p := range Leaflet.Pages {
		if len(p.Frames) == 0 {
			t.Errorf("page %d: no frame", i)
		}
		for _, f := range p.Frames {
			if names[f.Name] {
				t.Errorf("frame name %s used twice", f.Name)
			}
			names[f.Name] = true
			r := f.Rect
			if r.W <= 0 || r.H <= 0 || r.X < 0 || r.Y < 0 || r.X+r.W > w+eps || r.Y+r.H > h+eps {
				t.Errorf("page %d frame %s: %+v is not inside the trimmed page (%g × %g)", i, f.Name, r, w, h)
			}
			if len(f.Messages) == 0 {
				t.Errorf("%s: no message", f.Name)
			}
			if f.Count != "" && f.Count != "Checks" {
				t.Errorf("%s: count %q, want Checks or none", f.Name, f.Count)
			}
		}
		for k, s := range p.Shapes {
			r := s.Rect
			if r.W <= 0 || r.H <= 0 {
				t.Errorf("page %d shape %d: empty %+v", i, k, r)
			}
			if r.X < -b-eps || r.Y < -b-eps || r.X+r.W > w+b+eps || r.Y+r.H > h+b+eps {
				t.Errorf("page %d shape %d (kind %d): %+v is not inside the page and its bleed", i, k, s.Kind, r)
			}
		}
	}
}

func TestIcons(t *testing.T) {
	for i, p := range Leaflet.Pages {
		for k, s := range p.Shapes {
			if s.Kind != Icon {
				if s.Icon != "" {
					t.Errorf("page %d shape %d: kind %d names icon %q", i, k, s.Kind, s.Icon)
				}
				continue
			}
			if _, ok := Icons[s.Icon]; !ok {
				t.Errorf("page %d shape %d: no icon %q", i, k, s.Icon)
			}
			if _, ok := Cutouts[s.Icon]; ok && s.Back == s.Color {
				t.Errorf("page %d shape %d: icon %s has cutouts but they are drawn in its own colour", i, k, s.Icon)
			}
		}
	}
	for name := range Cutouts {
		if _, ok := Icons[name]; !ok {
			t.Errorf("cutouts for %q, which is not an icon", name)
		}
	}
	nPts := map[string]int{"M": 2, "L": 2, "C": 6, "Z": 0}
	check := func(set, name string, icon IconDef) {
		if len(icon) == 0 {
			t.Errorf("%s %s: no part", set, name)
		}
		for j, part := range icon {
			if len(part.Segs) == 0 || part.Segs[0].Op != "M" {
				t.Errorf("%s %s part %d: does not start with M", set, name, j)
			}
			if part.Stroke < 0 || part.Stroke > 0.5 {
				t.Errorf("%s %s part %d: stroke %g", set, name, j, part.Stroke)
			}
			for _, s := range part.Segs {
				n, ok := nPts[s.Op]
				if !ok || len(s.Pts) != n {
					t.Errorf("%s %s part %d: segment %s with %d numbers", set, name, j, s.Op, len(s.Pts))
				}
				for _, v := range s.Pts {
					if v < 0 || v > 1 {
						t.Errorf("%s %s part %d: %s point %g outside the unit square", set, name, j, s.Op, v)
					}
				}
			}
		}
	}
	for name, icon := range Icons {
		check("icon", name, icon)
	}
	for name, icon := range Cutouts {
		check("cutout", name, icon)
	}
}

// TestMessages checks the frames against the English source catalogue: every message a frame
// prints exists and can be filled in, and every message of the catalogue is printed somewhere.
func TestMessages(t *testing.T) {
	c, err := catalog.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	en := c.Messages(catalog.Source, true)
	data := map[string]any{}
	for _, p := range Leaflet.Pages {
		for _, f := range p.Frames {
			for _, id := range f.Messages {
				for _, name := range c.Placeholders(id) {
					data[name] = "x"
				}
			}
		}
	}
	used := map[string]bool{}
	for _, p := range Leaflet.Pages {
		for _, f := range p.Frames {
			var count *int
			if f.Count != "" {
				n := 7
				count = &n
			}
			for _, id := range f.Messages {
				used[id] = true
				s, err := en.Text(id, data, count)
				if err != nil || s == "" {
					t.Errorf("%s: message %s: %q, %v", f.Name, id, s, err)
				}
			}
		}
	}
	if w := en.Warnings(); len(w) != 0 {
		t.Errorf("warnings for the English source: %q", w)
	}

	src, err := fs.ReadFile(locales.FS, catalog.Source.String()+".toml")
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]any{}
	if err := toml.Unmarshal(src, &all); err != nil {
		t.Fatal(err)
	}
	for id := range all {
		if !used[id] {
			t.Errorf("message %s of the English source is printed by no frame", id)
		}
	}
	if catalog.Source != language.English {
		t.Errorf("source %s, want en", catalog.Source)
	}
}

// TestChecklistCount checks the badge's count: it counts the checklist's items.
func TestChecklistCount(t *testing.T) {
	var checks, counted int
	for _, p := range Leaflet.Pages {
		for _, f := range p.Frames {
			if f.Checks {
				checks += len(f.Messages)
			}
			if f.Count == "Checks" {
				counted++
				if !f.Badge {
					t.Errorf("%s: counts the checks but is not a badge", f.Name)
				}
			}
		}
	}
	if checks != 7 || counted != 1 {
		t.Errorf("%d checklist items and %d frames counting them, want 7 and 1", checks, counted)
	}
}
