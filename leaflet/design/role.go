package design

import (
	"fmt"
	"slices"

	"github.com/ecpat/makeitsafe/leaflet/internal/datafile"
)

// Role is what a frame or a shape is to a reader who does not see the page: the structure
// element a tagged PDF gives it (ISO 32000-1, 14.8.4), which screen readers and text-to-speech
// follow, in the order of the design's frames. Frames are paragraphs unless they say otherwise;
// shapes are decoration (artifacts) unless they say otherwise.
type Role int

const (
	Paragraph Role = iota // P: each of a frame's paragraphs (a frame's default)
	Heading               // H1…H6: each of a frame's paragraphs, at the frame's Level
	List                  // L: each of a frame's paragraphs an item (LI), its marker the item's label (Lbl)
	Artifact              // drawn, not read: bands, backgrounds, rules, decorative icons (a shape's default)
	Figure                // a shape that carries meaning: read as its alternative text (Alt)
	Item                  // a shape that is an item of a list frame of its page: a write-in line's box
)

// frameRoles and shapeRoles are the values of a frame's and a shape's role key.
var (
	frameRoles = map[string]Role{"p": Paragraph, "h1": Heading, "h2": Heading, "h3": Heading,
		"h4": Heading, "h5": Heading, "h6": Heading, "list": List, "artifact": Artifact}
	shapeRoles = map[string]Role{"artifact": Artifact, "figure": Figure, "item": Item}
)

// frameRole reads a frame's role and section.
func (p *parser) frameRole(t datafile.Table, f *Frame) {
	f.Section = t.String("section", "")
	r := t.String("role", "p")
	role, ok := frameRoles[r]
	if !ok {
		t.Problemf("role", "%q: want p, h1 to h6, list or artifact", r)
		return
	}
	f.Role = role
	if role == Heading {
		f.Level = int(r[1] - '0')
	}
	if role == List && f.Marker == nil {
		t.Problemf("role", "a list frame needs a marker: each item's label")
	}
	if role == Artifact && f.Section != "" {
		t.Problemf("section", "an artifact is in no section")
	}
}

// shapeRole reads a shape's role and the keys that go with it: a figure's alternative text (a
// message ID) and the frame it is read before, an item's list frame. The frames are checked
// once the page is read (checkShapeRoles).
func (p *parser) shapeRole(t datafile.Table, s *Shape) {
	s.FileLine = t.Line("")
	r := t.String("role", "artifact")
	role, ok := shapeRoles[r]
	if !ok {
		t.Problemf("role", "%q: want artifact, figure or item", r)
		for _, k := range []string{"alt", "before", "list"} {
			t.Value(k) // known keys, not checked against a role that is not
		}
		return
	}
	s.Role = role
	s.Alt = t.String("alt", "")
	s.Before = t.String("before", "")
	s.List = t.String("list", "")
	switch {
	case role == Figure && s.Alt == "":
		t.Problemf("alt", "missing: a figure needs the ID of the message that describes it")
	case role != Figure && (s.Alt != "" || s.Before != ""):
		t.Problemf("role", "alt and before are for a figure (role = \"figure\")")
	case role == Item && s.List == "":
		t.Problemf("list", "missing: name the list frame of this page the item belongs to")
	case role != Item && s.List != "":
		t.Problemf("role", "list is for an item (role = \"item\")")
	}
}

// checkShapeRoles checks the frames a page's shapes name, and makes the names the frames'
// full ones ("page/frame").
func checkShapeRoles(pg *Page, tables []datafile.Table) {
	find := func(name string) *Frame {
		for i := range pg.Frames {
			if pg.Frames[i].Name == pg.Name+"/"+name {
				return &pg.Frames[i]
			}
		}
		return nil
	}
	for i := range pg.Shapes {
		s, t := &pg.Shapes[i], tables[i]
		if s.Before != "" {
			if find(s.Before) == nil {
				t.Problemf("before", "no frame %q on page %q", s.Before, pg.Name)
			}
			s.Before = pg.Name + "/" + s.Before
		}
		if s.List != "" {
			if f := find(s.List); f == nil || f.Role != List {
				t.Problemf("list", "no list frame %q on page %q (a frame with role = \"list\")", s.List, pg.Name)
			}
			s.List = pg.Name + "/" + s.List
		}
	}
}

// checkSections checks that the frames of each section of a page follow one another.
func checkSections(pg *Page, tables []datafile.Table) {
	var seen []string
	for i, f := range pg.Frames {
		if f.Section == "" || i > 0 && pg.Frames[i-1].Section == f.Section {
			continue
		}
		if slices.Contains(seen, f.Section) {
			tables[i].Problemf("section", "frames of section %q must follow one another: a section is read as one", f.Section)
		}
		seen = append(seen, f.Section)
	}
}

// checkHeadings checks the design's headings, in reading order, as PDF/UA asks (the Matterhorn
// Protocol's checkpoints 14-002 and 14-003): the first heading is h1, and a heading is at most
// one level below the one before it.
func (p *parser) checkHeadings(d *Design) {
	last := 0
	for i, pg := range d.Pages {
		for k, f := range pg.Frames {
			if f.Role != Heading {
				continue
			}
			key := fmt.Sprintf("page[%d].frame[%d].role", i, k)
			switch {
			case last == 0 && f.Level != 1:
				p.f.Problemf(key, "h%d: the design's first heading must be h1", f.Level)
			case f.Level > last+1 && last > 0:
				p.f.Problemf(key, "h%d after h%d: a heading is at most one level below the one before it", f.Level, last)
			}
			last = f.Level
		}
	}
}

// String returns the role as a design file writes it.
func (r Role) String() string {
	names := []string{"p", "heading", "list", "artifact", "figure", "item"}
	if int(r) < len(names) {
		return names[r]
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// Tag returns the frame's structure type: P, H1…H6, L, or "" for an artifact.
func (f Frame) Tag() string {
	switch f.Role {
	case Heading:
		return fmt.Sprintf("H%d", f.Level)
	case List:
		return "L"
	case Artifact:
		return ""
	}
	return "P"
}
