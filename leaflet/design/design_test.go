package design

import (
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestLeaflet(t *testing.T) {
	d, err := Leaflet()
	if err != nil {
		t.Fatal(err)
	}
	if d.Width <= 0 || d.Height <= 0 || d.Bleed <= 0 {
		t.Errorf("sheet %g × %g, bleed %g", d.Width, d.Height, d.Bleed)
	}
	if len(d.Pages) == 0 {
		t.Fatal("no pages")
	}
	names := map[string]bool{}
	for _, p := range d.Pages {
		for _, f := range p.Frames {
			if names[f.Name] {
				t.Errorf("frame %s twice", f.Name)
			}
			names[f.Name] = true
			if f.Rect.W <= 0 || f.Rect.H <= 0 || f.Style.Size <= 0 || len(f.Messages) == 0 || f.Line == 0 {
				t.Errorf("frame %s: %+v", f.Name, f)
			}
			if f.Rect.X < 0 || f.Rect.Y < 0 || f.Rect.X+f.Rect.W > d.Width || f.Rect.Y+f.Rect.H > d.Height {
				t.Errorf("frame %s at %+v: outside the trimmed page", f.Name, f.Rect)
			}
		}
	}
	// Each call returns a copy a caller may change.
	d.Pages[0].Frames[0].Messages[0] = "Changed"
	e, _ := Leaflet()
	if e.Pages[0].Frames[0].Messages[0] == "Changed" {
		t.Error("Leaflet() returned a shared design")
	}
	if got := d.Messages(); len(got) == 0 || got[0] != "Title" {
		t.Errorf("Messages() = %v, want Title first", got)
	}
}

func TestRectMirror(t *testing.T) {
	for _, tc := range []struct {
		r     Rect
		width float64
		want  Rect
	}{
		{Rect{10, 20, 30, 40}, 100, Rect{60, 20, 30, 40}},
		{Rect{-8, -8, 116, 50}, 100, Rect{-8, -8, 116, 50}}, // a full-width band with bleed stays put
		{Rect{35, 1, 30, 2}, 100, Rect{35, 1, 30, 2}},       // centred
	} {
		if got := tc.r.Mirror(tc.width); got != tc.want {
			t.Errorf("%+v.Mirror(%g) = %+v, want %+v", tc.r, tc.width, got, tc.want)
		}
	}
}

func TestMirror(t *testing.T) {
	d, err := Leaflet()
	if err != nil {
		t.Fatal(err)
	}
	m := d.Mirror()
	if reflect.DeepEqual(m.Pages, d.Pages) {
		t.Fatal("mirrored design equals the design")
	}
	for i, p := range d.Pages {
		for k, f := range p.Frames {
			g := m.Pages[i].Frames[k]
			if want := f.Rect.Mirror(d.Width); g.Rect != want {
				t.Errorf("%s: mirrored to %+v, want %+v", f.Name, g.Rect, want)
			}
			g.Rect = f.Rect
			if !reflect.DeepEqual(g, f) {
				t.Errorf("%s: mirroring changed more than the rectangle", f.Name)
			}
		}
		for k, s := range p.Shapes {
			if want := s.Rect.Mirror(d.Width); m.Pages[i].Shapes[k].Rect != want {
				t.Errorf("page %s shape %d: mirrored to %+v, want %+v", p.Name, k, m.Pages[i].Shapes[k].Rect, want)
			}
		}
	}
	mm := m.Mirror()
	for i, p := range d.Pages {
		for k, f := range p.Frames {
			if got := mm.Pages[i].Frames[k].Rect; math.Abs(got.X-f.Rect.X) > 1e-9 {
				t.Errorf("%s: mirrored twice to x %g, want %g", f.Name, got.X, f.Rect.X)
			}
		}
	}
}

func TestPoster(t *testing.T) {
	d, err := Load(os.DirFS("../../examples/poster"), "poster.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 1 || math.Abs(d.Width-841.89) > 0.01 || math.Abs(d.Height-1190.55) > 0.01 {
		t.Errorf("poster: %d pages of %g × %g pt, want one A3 page", len(d.Pages), d.Width, d.Height)
	}
}

func TestLengths(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want float64
		ok   bool
	}{
		{int64(12), 12, true},
		{10.5, 10.5, true},
		{"3mm", 3 * 72 / 25.4, true},
		{"210 mm", 210 * 72 / 25.4, true},
		{"1.5cm", 1.5 * 72 / 2.54, true},
		{"12pt", 12, true},
		{"0.5in", 36, true},
		{"-3mm", -3 * 72 / 25.4, true},
		{"3 furlongs", 0, false},
		{"mm", 0, false},
		{true, 0, false},
	} {
		got, err := parseLength(tc.in)
		if (err == nil) != tc.ok || tc.ok && math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("parseLength(%v) = %g, %v; want %g, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestParsePath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // ops, or an error's words
	}{
		{"M 0 0 L 1 1 Z", "MLZ"},
		{"M0,0 L1,1 C 1 1 2 2 3 3 Z", "MLCZ"},
		{"M 0 0 1 1 2 2", "MLL"}, // after M, further pairs are lines
		{"M0 0L1 1Z", "MLZ"},
		{"M 1e-1 0 L 1 1", "ML"},
		{"L 0 0", "starts with M"},
		{"M 0 0 Q 1 1 2 2", "absolute commands"},
		{"M 0 0 L 1", "needs 2 numbers"},
		{"M 0 x", "not a number"},
		{"", "empty"},
	} {
		segs, err := parsePath(tc.in)
		if err != nil {
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parsePath(%q): %v, want %q", tc.in, err, tc.want)
			}
			continue
		}
		var ops []byte
		for _, s := range segs {
			ops = append(ops, s.Op)
		}
		if string(ops) != tc.want {
			t.Errorf("parsePath(%q) = %s, want %s", tc.in, ops, tc.want)
		}
	}
}

const good = `name = "test"
[sheet]
width = 100
height = "50mm"
[colour]
ink = [0, 0, 0, 90]
[style.body]
size = 10
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
[[page.frame]]
name = "f"
rect = [0, 0, 50, 50]
style = "body"
messages = ["Intro"]
`

// TestErrors changes one line of a good design and expects exactly one problem, on that line,
// naming the key.
// TestPrintColours checks the rules of print on colours: none over the ink limit, text that
// may be set under 12pt in one ink. Each case edits the good design (old → new, in pairs) and
// expects one problem, or none when line is 0.
func TestPrintColours(t *testing.T) {
	for _, tc := range []struct {
		name      string
		edits     []string
		line      int
		key, text string
	}{
		{"300% is the limit", []string{"[colour]\n", "[colour]\nheavy = [100, 100, 100, 0]\n"}, 0, "", ""},
		{"over the limit", []string{"[colour]\n", "[colour]\nheavy = [100, 100, 60, 90]\n"}, 6, "colour.heavy", "350% total ink"},
		{"white small text", []string{`ink = [0, 0, 0, 90]`, `ink = [0, 0, 0, 0]`}, 0, "", ""},
		{"rich black small text", []string{`ink = [0, 0, 0, 90]`, `ink = [40, 30, 30, 100]`}, 9, "style.body.colour", "text under 12pt must be in one ink"},
		{"two-ink small text", []string{`ink = [0, 0, 0, 90]`, `ink = [0, 55, 95, 0]`}, 9, "style.body.colour", `"ink" is 2 inks`},
		{"four inks at 12pt", []string{`ink = [0, 0, 0, 90]`, `ink = [90, 35, 35, 20]`, "size = 10\n", "size = 12\n"}, 0, "", ""},
		{"four inks shrinking under 12pt", []string{`ink = [0, 0, 0, 90]`, `ink = [90, 35, 35, 20]`, "size = 10\n", "size = 14\nmin_size = 11\n"},
			10, "style.body.colour", "may be set at 11pt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := good
			for i := 0; i+1 < len(tc.edits); i += 2 {
				if !strings.Contains(src, tc.edits[i]) {
					t.Fatalf("%q not in the good design", tc.edits[i])
				}
				src = strings.Replace(src, tc.edits[i], tc.edits[i+1], 1)
			}
			_, err := Parse([]byte(src), "bad.toml")
			if tc.line == 0 {
				if err != nil {
					t.Errorf("Parse: %v, want no problem", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || len(e.Problems) != 1 {
				t.Fatalf("Parse: %v, want one problem", err)
			}
			if p := e.Problems[0]; p.Line != tc.line || p.Key != tc.key || !strings.Contains(p.Text, tc.text) {
				t.Errorf("problem %q; want line %d, key %s, saying %q", p, tc.line, tc.key, tc.text)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	if _, err := Parse([]byte(good), "good.toml"); err != nil {
		t.Fatalf("good design: %v", err)
	}
	for _, tc := range []struct {
		name, old, new string
		line           int
		key, words     string
	}{
		{"unknown key", `name = "f"`, "name = \"f\"\nmesages = [\"X\"]", 21, "page[0].frame[0].mesages", `unknown key; did you mean "messages"?`},
		{"unknown style", `style = "body"`, `style = "bodi"`, 22, "page[0].frame[0].style", `no style "bodi"`},
		{"unknown colour", `colour = "ink"` + "\n[[icon", `colour = "inc"` + "\n[[icon", 9, "style.body.colour", `no colour "inc"`},
		{"colour range", `ink = [0, 0, 0, 90]`, `ink = [0, 0, 0, 190]`, 6, "colour.ink", "from 0 to 100"},
		{"bad length", `height = "50mm"`, `height = "50 furlongs"`, 4, "sheet.height", "not a length"},
		{"min size", "size = 10\n", "size = 10\nmin_size = 12\n", 9, "style.body.min_size", "at most size"},
		{"bad rect", `rect = [0, 0, 50, 50]`, `rect = [0, 0, 50]`, 21, "page[0].frame[0].rect", "four lengths"},
		{"no messages", `messages = ["Intro"]`, `messages = []`, 23, "page[0].frame[0].messages", "missing"},
		{"unknown icon", `icon = "dot"`, `icon = "dots"`, 16, "page[0].shape[0].icon", `no icon "dots"`},
		{"bad kind", `kind = "icon"`, `kind = "star"`, 15, "page[0].shape[0].kind", `"star"`},
		{"bad path", `circle = [0.5, 0.5, 0.5]`, `path = "M 0 0 Q 1 1"`, 11, "icon.dot[0].path", "absolute commands"},
		{"count", `messages = ["Intro"]`, "messages = [\"Intro\"]\ncount = \"items\"", 24, "page[0].frame[0].count", `no frame "items"`},
		{"wrong type", `size = 10`, `size = "big"`, 8, "style.body.size", "want a number"},
		{"bad align", "size = 10\n", "size = 10\nalign = \"left\"\n", 9, "style.body.align", "start, end, centre or justify"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(good, tc.old, tc.new, 1)
			if src == good {
				t.Fatalf("%q not in the good design", tc.old)
			}
			_, err := Parse([]byte(src), "bad.toml")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse: %v, want an *Error", err)
			}
			if len(e.Problems) != 1 {
				t.Fatalf("%d problems, want 1:\n%v", len(e.Problems), err)
			}
			p := e.Problems[0]
			if p.File != "bad.toml" || p.Line != tc.line || p.Key != tc.key || !strings.Contains(p.Text, tc.words) {
				t.Errorf("problem %q; want bad.toml line %d, key %s, saying %q", p, tc.line, tc.key, tc.words)
			}
		})
	}
	t.Run("not TOML", func(t *testing.T) {
		_, err := Parse([]byte("name = \"x\"\n[sheet\n"), "bad.toml")
		var e *Error
		if !errors.As(err, &e) || e.Problems[0].Line == 0 {
			t.Errorf("Parse: %v, want an *Error on line 2", err)
		}
	})
	t.Run("several at once", func(t *testing.T) {
		src := strings.Replace(strings.Replace(good, `style = "body"`, `style = "x"`, 1), `kind = "icon"`, `kind = "y"`, 1)
		_, err := Parse([]byte(src), "bad.toml")
		var e *Error
		if !errors.As(err, &e) || len(e.Problems) != 2 || e.Problems[0].Line > e.Problems[1].Line {
			t.Errorf("Parse: %v, want 2 problems in line order", err)
		}
	})
}

// TestLimits refuses a design far larger than any, and one nested deeper than any, before the
// TOML decoder sees it.
func TestLimits(t *testing.T) {
	for name, src := range map[string]string{
		"too large": "name = \"" + strings.Repeat("x", MaxFileSize) + "\"\n",
		"too deep":  "a = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n",
	} {
		_, err := Parse([]byte(src), "bad.toml")
		var e *Error
		if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].File != "bad.toml" {
			t.Errorf("%s: %v, want one problem of bad.toml", name, err)
		}
	}
}

// TestClone changes a clone everywhere a caller could and expects the design unchanged.
func TestClone(t *testing.T) {
	d, err := Leaflet()
	if err != nil {
		t.Fatal(err)
	}
	before := d.Clone()
	c := d.Clone()
	c.Pages[0].Frames[0].Messages[0] = "X"
	c.Pages[0].Frames[0].Rect.X = -1
	c.Pages[0].Flow.Top = -1
	c.Document.Title[0] = "X"
	for _, p := range c.Pages {
		for k := range p.Shapes {
			if ic := p.Shapes[k].Icon; ic != nil {
				ic.Parts[0].Segs[0].Pts[0] = -1
			}
		}
		for k := range p.Frames {
			if m := p.Frames[k].Marker; m != nil {
				m.Size = -1
			}
		}
	}
	if !reflect.DeepEqual(d, before) {
		t.Error("changing a clone changed the design")
	}
}
