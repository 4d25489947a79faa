package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// invisible are the characters a reader may give back that are not text: marks of direction,
// soft hyphens (what glyphs with no text of their own map to), embedding controls.
var invisible = regexp.MustCompile("[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

// brokenCompound is a compound or range broken at its own hyphen or dash at a line end.
var brokenCompound = regexp.MustCompile(`([-–])\n\s*`)

// edge is the punctuation trimmed from the ends of words before they are compared: readers
// attach it to one side or the other of a word in right-to-left text.
const edge = ".,;:!?()[]{}«»\"'“”„‘’‹›-–—…/·•،؛؟۔।"

// words splits text into words for comparison: NFC, invisible characters dropped, a compound
// broken at its own hyphen at a line end joined again, edge punctuation trimmed.
func words(text string) []string {
	text = norm.NFC.String(invisible.ReplaceAllString(text, ""))
	text = brokenCompound.ReplaceAllString(text, "$1")
	var out []string
	for _, w := range strings.Fields(text) {
		if w = strings.Trim(w, edge); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// missing returns the words of want that are not in the longest common subsequence of want and
// got: want must come back whole and in the same order.
func missing(want, got []string) []string {
	n, m := len(want), len(got)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	for i, j := 0, 0; i < n; {
		switch {
		case j < m && want[i] == got[j]:
			i, j = i+1, j+1
		case j < m && lcs[i][j+1] >= lcs[i+1][j]:
			j++
		default:
			out = append(out, want[i])
			i++
		}
	}
	return out
}

// TestTextComesBack sets every locale's text four times (narrow and wide, start-aligned and
// justified) and checks that poppler gives back every word of it, in order. (The same settings
// are read back by PDFium and pdf.js too in leaflet/pdf's TestSettingsComeBack.)
func TestTextComesBack(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: install Debian's poppler-utils (.ci/run does)")
	}
	d, err := newDemo()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, tag := range d.leaflet.Locales() {
		t.Run(tag.String(), func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if _, err := d.write(&buf, tag); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tag.String()+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			paras, err := d.text(tag)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for range settings {
				want = append(want, words(strings.Join(paras, "\n"))...)
			}
			text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			if miss := missing(want, words(string(text))); len(miss) > 0 {
				t.Errorf("poppler: %d of %d words not given back in order, first %q", len(miss), len(want), miss[:min(8, len(miss))])
			}
		})
	}
}
