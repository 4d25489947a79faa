package datafile

import (
	"errors"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	src := `title = "x"
sizes = [1, 2.5]
[[row]]
name = "a"
wdith = 3
[[row]]
name = 4
`
	f, top, err := Parse([]byte(src), "t.toml", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if got := top.String("title", ""); got != "x" {
		t.Errorf("title = %q", got)
	}
	if got := top.Numbers("sizes", 2); len(got) != 2 || got[1] != 2.5 {
		t.Errorf("sizes = %v", got)
	}
	if got := top.Number("absent", 7); got != 7 {
		t.Errorf("absent = %v, want the default", got)
	}
	rows := top.Tables("row")
	if len(rows) != 2 || rows[1].Path() != "row[1]" {
		t.Fatalf("rows %v", rows)
	}
	for _, r := range rows {
		r.String("name", "")
		r.Number("width", 0)
		r.Done()
	}
	top.Done()
	var e *Error
	if !errors.As(f.Err(), &e) || len(e.Problems) != 2 {
		t.Fatalf("Err() = %v, want 2 problems", f.Err())
	}
	want := []string{
		`t.toml:5: row[0].wdith: unknown key; did you mean "width"? (known keys: name, width)`,
		`t.toml:7: row[1].name: want a string in quotes, not the number 4`,
	}
	for i, p := range e.Problems {
		if p.String() != want[i] {
			t.Errorf("problem %d = %q, want %q", i, p, want[i])
		}
	}
	if !rows[1].Failed("name") || rows[0].Failed("name") {
		t.Error("Failed: want true for row[1].name only")
	}
}

func TestParseError(t *testing.T) {
	_, _, err := Parse([]byte("a = 1\nb = \"open\n"), "t.toml", 1<<20)
	var e *Error
	if !errors.As(err, &e) || e.Problems[0].Line != 2 || !strings.HasPrefix(err.Error(), "t.toml:2: ") {
		t.Errorf("Parse: %v, want an *Error on line 2", err)
	}
}

// TestLimits refuses data larger than its limit, and data nested deeper than any data file, before
// the TOML decoder sees them, each with one problem naming the file.
func TestLimits(t *testing.T) {
	for name, src := range map[string]string{
		"too large": "a = \"" + strings.Repeat("x", 100) + "\"\n",
		"too deep":  "a=" + strings.Repeat("[", 30) + strings.Repeat("]", 30),
	} {
		_, _, err := Parse([]byte(src), "t.toml", 64)
		var e *Error
		if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].File != "t.toml" {
			t.Errorf("%s: %v, want one problem of t.toml", name, err)
		}
	}
}
