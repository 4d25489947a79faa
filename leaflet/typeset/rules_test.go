package typeset

import (
	"strings"
	"testing"
)

// trimmed returns each line's text as set, without the spaces at its ends.
func trimmed(b *Block) []string {
	var out []string
	for _, l := range lineTexts(b) {
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

// TestRunt sets a paragraph at every width at which its last line would hold a single short
// word: with Runt, the last line takes the last word of the line before.
func TestRunt(t *testing.T) {
	ts := newTypesetter(t, "en", false)
	text := "Start talking about life online when your child is young, and keep talking as they grow up."
	found := 0
	for width := 60.0; width <= 300; width += 2 {
		without, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 11}}}, width, 1e4)
		if err != nil {
			t.Fatal(err)
		}
		lines := trimmed(without)
		last := lines[len(lines)-1]
		if len(lines) < 3 || strings.Contains(last, " ") || len([]rune(last)) >= 8 {
			continue
		}
		found++
		with, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 11, Runt: 8}}}, width, 1e4)
		if err != nil {
			t.Fatal(err)
		}
		got := trimmed(with)
		if l := got[len(got)-1]; !strings.Contains(l, " ") {
			t.Errorf("width %g: last line %q, want two words (lines %q)", width, l, got)
		}
		if strings.Join(got, " ") != strings.Join(lines, " ") {
			t.Errorf("width %g: text changed: %q, was %q", width, got, lines)
		}
		for _, l := range with.Lines {
			if lineWidth(l) > width+1e-6 {
				t.Errorf("width %g: a line %gpt wide", width, lineWidth(l))
			}
		}
	}
	if found == 0 {
		t.Fatal("no width leaves a short last word: the test proves nothing")
	}
}

// TestUnbroken sets addresses and numbers at every width: a line never ends inside one that
// fits on a line.
func TestUnbroken(t *testing.T) {
	ts := newTypesetter(t, "en", false)
	held := []string{"www.ecpat.org.uk/get-help", "info@ecpat.be", "0808\u00a0000\u00a04321", "(2011–2014)", "116\u00a0000", "0800-123-456"}
	text := "See www.ecpat.org.uk/get-help or write to info@ecpat.be, call 0808\u00a0000\u00a04321 or 0800-123-456; the survey (2011–2014) and Child Focus 116\u00a0000 say so."
	for width := 70.0; width <= 400; width += 3 {
		b, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 10}}}, width, 1e4)
		if err != nil {
			t.Fatal(err)
		}
		lines := trimmed(b)
		joined := strings.Join(lines, "\n")
		for _, h := range held {
			one, err := ts.Set([]Paragraph{{Text: h, Style: Style{Size: 10}}}, 1e5, 1e4)
			if err != nil {
				t.Fatal(err)
			}
			if lineWidth(one.Lines[0]) > width {
				continue // wider than a line: it has to be cut
			}
			if !strings.Contains(joined, h) {
				t.Errorf("width %g: %q broken across lines: %q", width, h, lines)
			}
		}
	}
}
