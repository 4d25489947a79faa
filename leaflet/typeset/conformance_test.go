package typeset

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/bidi"
)

// bidiCharacterTest is Unicode's conformance test of the bidi algorithm, as Debian's
// unicode-data package installs it.
const bidiCharacterTest = "/usr/share/unicode/BidiCharacterTest.txt"

// TestBidiCharacterTest runs every line of Unicode's BidiCharacterTest.txt that the typesetter
// takes: those without explicit embeddings, overrides and isolates, which it refuses. Each
// line's levels (rules W1–I2, then L1, which the typesetter meets by trimming white space at
// line ends and setting tabs as spaces) and visual order (L2) must be Unicode's.
func TestBidiCharacterTest(t *testing.T) {
	f, err := os.Open(bidiCharacterTest)
	if err != nil {
		t.Skipf("%v: install Debian's unicode-data package (apt-get install unicode-data) to run Unicode's bidi conformance test", err)
	}
	defer f.Close()
	var passed, skipped, failed int
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		c, ok := parseBidiCase(line)
		if !ok {
			t.Fatalf("line %d: cannot read %q", n, line)
		}
		levels, err := resolveLevels(c.text, c.base)
		if err != nil { // an explicit embedding, override or isolate
			skipped++
			continue
		}
		levels = lineLevels(c.text, levels, c.base)
		got, order := c.compare(levels)
		if got != c.levels || !slices.Equal(order, c.order) {
			if failed++; failed <= 10 {
				t.Errorf("line %d: %s\nlevels %s, want %s\norder %v, want %v", n, line, got, c.levels, order, c.order)
			}
			continue
		}
		passed++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if failed > 0 {
		t.Errorf("%d of %d applicable lines failed", failed, passed+failed)
	}
	t.Logf("%d applicable lines passed, %d failed; %d lines with explicit embeddings, overrides or isolates skipped", passed, failed, skipped)
}

// bidiCase is one line of BidiCharacterTest.txt.
type bidiCase struct {
	text   []rune
	base   Level
	levels string // space-separated, "x" for a character removed by X9
	order  []int
}

func parseBidiCase(line string) (bidiCase, bool) {
	fields := strings.Split(line, ";")
	if len(fields) != 5 {
		return bidiCase{}, false
	}
	var c bidiCase
	for _, h := range strings.Fields(fields[0]) {
		r, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return bidiCase{}, false
		}
		c.text = append(c.text, rune(r))
	}
	switch fields[1] {
	case "0":
		c.base = 0
	case "1":
		c.base = 1
	default: // P2, P3: the first strong character's direction
		for _, r := range c.text {
			p, _ := bidi.LookupRune(r)
			if cl := p.Class(); cl == bidi.L || cl == bidi.R || cl == bidi.AL {
				if cl != bidi.L {
					c.base = 1
				}
				break
			}
		}
	}
	if strconv.Itoa(int(c.base)) != fields[2] {
		return bidiCase{}, false
	}
	c.levels = fields[3]
	for _, s := range strings.Fields(fields[4]) {
		i, err := strconv.Atoi(s)
		if err != nil {
			return bidiCase{}, false
		}
		c.order = append(c.order, i)
	}
	return c, true
}

// compare returns levels as the test file writes them, and the visual order of the characters
// X9 does not remove.
func (c bidiCase) compare(levels []Level) (string, []int) {
	var kept []int
	var s []string
	for i, r := range c.text {
		if removed(r) {
			s = append(s, "x")
			continue
		}
		s = append(s, strconv.Itoa(int(levels[i])))
		kept = append(kept, i)
	}
	lv := make([]Level, len(kept))
	for k, i := range kept {
		lv[k] = levels[i]
	}
	var order []int
	for _, k := range VisualOrder(lv) {
		order = append(order, kept[k])
	}
	return strings.Join(s, " "), order
}

// removed reports whether rule X9 removes r: boundary neutrals (and the explicit controls,
// which the typesetter refuses).
func removed(r rune) bool {
	p, _ := bidi.LookupRune(r)
	return p.Class() == bidi.BN
}

// lineLevels applies rule L1 to a line that is a whole paragraph: segment and paragraph
// separators, and white space before them and at the end of the line, take the paragraph's
// level.
func lineLevels(text []rune, levels []Level, base Level) []Level {
	out := slices.Clone(levels)
	trailing := true // in white space that runs to the line's end or to a separator
	for i := len(text) - 1; i >= 0; i-- {
		p, _ := bidi.LookupRune(text[i])
		switch p.Class() {
		case bidi.S, bidi.B:
			out[i], trailing = base, true
		case bidi.WS, bidi.BN, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			if trailing {
				out[i] = base
			}
		default:
			trailing = false
		}
	}
	return out
}
