package tomlpos

import (
	"slices"
	"testing"
)

const doc = `# a comment
name = "x" # another
[sheet]
width = 595.276
"quoted key" = 1

[[page]]
name = "front"
  [[page.frame]]
  name = "title"
  rect = [1, 2,
          3, 4]
  background = { colour = "orange", shape = "pill" }
  [[page.frame]]
  name = "intro"
  text = """
multi = "not a key"
"""
  after = 1

[[page]]
name = "back"
  [[page.shape]]
  kind = "fill"
  [[page.frame]]
  name = "help"
  parts = [ { path = "M" }, { path = "L" } ]

[colour]
teal.c = 90
[Intro]
other = "x"
`

func TestLine(t *testing.T) {
	l := Scan([]byte(doc))
	for _, tc := range []struct {
		path string
		want int
	}{
		{"name", 2},
		{"sheet", 3},
		{"sheet.width", 4},
		{"sheet.quoted key", 5},
		{"page[0]", 7},
		{"page[0].name", 8},
		{"page[0].frame[0]", 9},
		{"page[0].frame[0].name", 10},
		{"page[0].frame[0].rect", 11},
		{"page[0].frame[0].background", 13},
		{"page[0].frame[0].background.shape", 13},
		{"page[0].frame[1].name", 15},
		{"page[0].frame[1].text", 16},
		{"page[0].frame[1].multi", 14}, // not a key: inside a string; the frame's line
		{"page[0].frame[1].after", 19},
		{"page[1].name", 22},
		{"page[1].shape[0].kind", 24},
		{"page[1].frame[0].name", 26},
		{"page[1].frame[0].parts[1].path", 27}, // inside an array: the array's line
		{"colour.teal.c", 30},
		{"Intro.other", 32},
		{"nothing", 0},
	} {
		if got := l.Line(tc.path); got != tc.want {
			t.Errorf("Line(%q) = %d, want %d", tc.path, got, tc.want)
		}
	}
	if got := l.Find("page.frame.name"); !slices.Equal(got, []int{10, 15, 26}) {
		t.Errorf("Find(page.frame.name) = %v, want [10 15 26]", got)
	}
	if got := l.Find("page.frame.multi"); got != nil {
		t.Errorf("Find(page.frame.multi) = %v: a key found inside a string", got)
	}
}

func TestScanNeverPanics(t *testing.T) {
	for _, s := range []string{"", "[", "[[", "a =", `a = "`, "a = '''", "a = {", "a = [", "= 1", "a.=1", `"a`, "[[a]]\n[a.b]\nc=1"} {
		Scan([]byte(s))
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{doc, "a = {}Z", "a = {}x = 1", "[[a]]\nb = { c = [ { d = 1 } ] }", "a = '''\n'''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := Scan([]byte(s))
		for p := range l.exact {
			l.Line(p)
		}
	})
}
