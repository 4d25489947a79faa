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

// extractors are the readers every word must come back from: poppler (Evince, Okular…) and
// PDFium (Chrome, Edge).
func extractors(t *testing.T) map[string]func(string) (string, error) {
	out := map[string]func(string) (string, error){}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out["poppler"] = func(path string) (string, error) {
			b, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			return string(b), err
		}
	} else {
		t.Log("pdftotext not found (Debian poppler-utils): poppler not measured")
	}
	dir, _ := filepath.Abs("testdata/pdfium")
	if _, err := exec.LookPath("node"); err != nil {
		t.Log("node not found: PDFium not measured")
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", "@hyzyla", "pdfium")); err != nil {
		t.Logf("PDFium reader not installed: run `npm ci --prefix %s`", "examples/typeset/testdata/pdfium")
	} else {
		out["pdfium"] = func(path string) (string, error) {
			b, err := exec.Command("node", filepath.Join(dir, "text.mjs"), path).Output()
			return string(b), err
		}
	}
	return out
}

// TestTextComesBack sets every locale's text four times (narrow and wide, start-aligned and
// justified) and checks that poppler and PDFium give back every word of it, in order.
func TestTextComesBack(t *testing.T) {
	readers := extractors(t)
	if len(readers) == 0 {
		t.Skip("no PDF text reader here: install poppler-utils, node and the PDFium reader (see .ci/run)")
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
			for name, extract := range readers {
				text, err := extract(path)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if miss := missing(want, words(text)); len(miss) > 0 {
					t.Errorf("%s: %d of %d words not given back in order, first %q", name, len(miss), len(want), miss[:min(8, len(miss))])
				}
			}
		})
	}
}
