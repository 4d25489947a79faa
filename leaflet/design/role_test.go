package design

import (
	"errors"
	"strings"
	"testing"
)

// roles is a good design with every role: a heading and a list in one section, a paragraph, a
// figure read before the heading, a write-in item of the list, decoration.
const roles = `name = "roles"
[sheet]
width = 100
height = 100
[colour]
ink = [0, 0, 0, 90]
[style.body]
size = 10
colour = "ink"
[marker.box]
kind = "box"
size = 1
colour = "ink"
[[icon.dot]]
circle = [0.5, 0.5, 0.5]
[[page]]
name = "p"
[[page.shape]]
kind = "icon"
icon = "dot"
rect = [0, 0, 10, 10]
colour = "ink"
role = "figure"
alt = "Intro"
before = "head"
[[page.shape]]
kind = "fill"
rect = [0, 90, 10, 10]
colour = "ink"
role = "item"
list = "items"
[[page.shape]]
kind = "fill"
rect = [0, 0, 100, 1]
colour = "ink"
[[page.frame]]
name = "head"
role = "h1"
section = "s"
rect = [0, 0, 50, 10]
style = "body"
messages = ["Title"]
[[page.frame]]
name = "items"
role = "list"
section = "s"
marker = "box"
rect = [0, 20, 50, 50]
style = "body"
messages = ["Check1", "Check2"]
[[page.frame]]
name = "foot"
rect = [0, 80, 50, 10]
style = "body"
messages = ["Footer"]
`

func TestRoles(t *testing.T) {
	d, err := Parse([]byte(roles), "roles.toml")
	if err != nil {
		t.Fatal(err)
	}
	pg := d.Pages[0]
	shapes := []struct {
		role        Role
		alt, before string
		list        string
	}{{Figure, "Intro", "p/head", ""}, {Item, "", "", "p/items"}, {Artifact, "", "", ""}}
	for i, want := range shapes {
		s := pg.Shapes[i]
		if s.Role != want.role || s.Alt != want.alt || s.Before != want.before || s.List != want.list || s.FileLine == 0 {
			t.Errorf("shape %d: %v %q %q %q (line %d), want %+v", i, s.Role, s.Alt, s.Before, s.List, s.FileLine, want)
		}
	}
	frames := []struct {
		tag, section string
	}{{"H1", "s"}, {"L", "s"}, {"P", ""}}
	for i, want := range frames {
		if f := pg.Frames[i]; f.Tag() != want.tag || f.Section != want.section {
			t.Errorf("frame %s: %s in %q, want %s in %q", f.Name, f.Tag(), f.Section, want.tag, want.section)
		}
	}
	if m := d.Messages(); !strings.Contains(strings.Join(m, " "), "Intro") {
		t.Errorf("Messages() = %v, without the figure's alt text", m)
	}
	if got := d.Mirror().Pages[0].Shapes[0].Role; got != Figure {
		t.Errorf("mirrored: the figure is a %v", got)
	}
}

// TestRoleErrors changes one line of the good design and expects one problem, on that line,
// naming the key.
func TestRoleErrors(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		key, words     string
	}{
		{"unknown frame role", `role = "h1"`, `role = "title"`, "page[0].frame[0].role", "want p, h1 to h6, list or artifact"},
		{"unknown shape role", `role = "item"`, `role = "label"`, "page[0].shape[1].role", "want artifact, figure or item"},
		{"figure without alt", `alt = "Intro"` + "\n", "", "page[0].shape[0].alt", "a figure needs"},
		{"figure before no frame", `before = "head"`, `before = "header"`, "page[0].shape[0].before", `no frame "header"`},
		{"item of no list", `list = "items"`, `list = "foot"`, "page[0].shape[1].list", `no list frame "foot"`},
		{"item without list", `list = "items"` + "\n", "", "page[0].shape[1].list", "missing"},
		{"alt on decoration", "rect = [0, 0, 100, 1]\n", "rect = [0, 0, 100, 1]\nalt = \"Intro\"\n", "page[0].shape[2].role", "for a figure"},
		{"list without marker", `marker = "box"` + "\n", "", "page[0].frame[1].role", "needs a marker"},
		{"first heading not h1", `role = "h1"`, `role = "h2"`, "page[0].frame[0].role", "first heading must be h1"},
		{"a level skipped", "name = \"foot\"\n", "name = \"foot\"\nrole = \"h3\"\n", "page[0].frame[2].role", "h3 after h1"},
		{"a section cut", "messages = [\"Footer\"]\n", "messages = [\"Footer\"]\n[[page.frame]]\nname = \"z\"\nsection = \"s\"\nrect = [0, 0, 1, 1]\nstyle = \"body\"\nmessages = [\"Intro\"]\n",
			"page[0].frame[3].section", "must follow one another"},
		{"an artifact in a section", "name = \"foot\"\n", "name = \"foot\"\nrole = \"artifact\"\nsection = \"t\"\n", "page[0].frame[2].section", "in no section"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(roles, tc.old, tc.new, 1)
			if src == roles {
				t.Fatalf("%q not in the good design", tc.old)
			}
			_, err := Parse([]byte(src), "bad.toml")
			var e *Error
			if !errors.As(err, &e) || len(e.Problems) != 1 {
				t.Fatalf("Parse: %v, want one problem", err)
			}
			if p := e.Problems[0]; p.Key != tc.key || p.Line == 0 || !strings.Contains(p.Text, tc.words) {
				t.Errorf("problem %q; want key %s, saying %q", p, tc.key, tc.words)
			}
		})
	}
}
