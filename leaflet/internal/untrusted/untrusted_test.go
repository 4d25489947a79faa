package untrusted

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheckNesting(t *testing.T) {
	deep := strings.Repeat("a.", MaxNesting) + "a = 1"
	for _, tc := range []struct {
		name, src string
		line      int // of the error; 0 for none
	}{
		{"catalogue", "[Intro]\ndescription = \"x\"\nother = \"Hello.\"\n", 0},
		{"dots in strings", `a = "` + strings.Repeat(".", 100) + `"` + "\nb = '" + strings.Repeat("{[.", 100) + "'\n", 0},
		{"dots in a comment", "# " + strings.Repeat("a.", 100) + "\na = 1\n", 0},
		{"multi-line strings", "a = \"\"\"\n" + strings.Repeat("{", 100) + "\n\"\"\"\nb = '''\n" + strings.Repeat(".", 100) + "'''\n" + deep, 6},
		{"escaped quote", `a = "\"` + strings.Repeat(".", 100) + `"` + "\n", 0},
		{"quoted keys", `"a.b"."c.d" = 1`, 0},
		{"sixteen parts", strings.Repeat("a.", MaxNesting-1) + "a = 1", 0},
		{"seventeen parts", "x = 1\n" + deep, 2},
		{"header", "[" + strings.Repeat("a.", MaxNesting) + "a]", 1},
		{"inline tables", "a = " + strings.Repeat("{b = ", MaxNesting+1) + "1" + strings.Repeat("}", MaxNesting+1), 1},
		{"arrays", "a = " + strings.Repeat("[", MaxNesting+1), 1},
		{"many shallow", strings.Repeat("a = {b = [1, 2.5]}\n", 1000), 0},
		{"unterminated string", "a = \"" + strings.Repeat(".", 100) + "\nb = 1\n", 0},
	} {
		err := CheckNesting([]byte(tc.src))
		var ne *NestingError
		switch {
		case tc.line == 0 && err != nil:
			t.Errorf("%s: %v, want none", tc.name, err)
		case tc.line != 0 && (!errors.As(err, &ne) || ne.Line != tc.line):
			t.Errorf("%s: %v, want a *NestingError on line %d", tc.name, err, tc.line)
		}
	}
}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{"small.toml": {Data: []byte("a = 1\n")}, "large.toml": {Data: make([]byte, 2048)}}
	if data, err := ReadFile(fsys, "small.toml", 1024); err != nil || string(data) != "a = 1\n" {
		t.Errorf("small: %q, %v", data, err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(fsys, "large.toml", 1024); !errors.As(err, &tl) || !strings.Contains(err.Error(), "larger than 1 KiB") {
		t.Errorf("large: %v, want a *TooLargeError", err)
	}
	if _, err := ReadFile(fsys, "missing.toml", 1024); err == nil {
		t.Error("missing: no error")
	}
}

func TestClassify(t *testing.T) {
	for r, want := range map[rune]Hidden{
		'a': Visible, ' ': Visible, '\t': Visible, '\n': Visible, 'ب': Visible, '\u00a0': Visible,
		'\u202a': Explicit, '\u202e': Explicit, '\u2066': Explicit, '\u2069': Explicit,
		'\u200e': Mark, '\u200f': Mark, '\u061c': Mark,
		'\u200c': Joiner, '\u200d': Joiner, '\u00ad': Soft,
		'\u200b': ZeroWidth, '\u2060': ZeroWidth, '\ufeff': ZeroWidth, '\u180e': ZeroWidth, '\ufe0f': ZeroWidth, '\U000e0041': ZeroWidth,
		'\u0000': Control, '\u0007': Control, '\r': Control, '\u007f': Control, '\u0085': Control,
	} {
		if got := Classify(r); got != want {
			t.Errorf("Classify(%U) = %d, want %d", r, got, want)
		}
	}
	if got := Name(0x200F); got != "U+200F RIGHT-TO-LEFT MARK" {
		t.Errorf("Name(U+200F) = %q", got)
	}
}
