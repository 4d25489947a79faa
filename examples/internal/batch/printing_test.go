package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecpat/makeitsafe/leaflet/preflight"
)

// TestCheckPreflight: -check ends each locale with its PDF's preflight.
func TestCheckPreflight(t *testing.T) {
	stdout, _, err := run(t, "-check", "-lang", "en,ar")
	if err != nil {
		t.Fatalf("-check: %v\n%s", err, stdout)
	}
	for _, want := range []string{
		"en: preflight: PDF/X-4: yes: PDF 1.6; output intent FOGRA39",
		"ar: preflight: fonts: 4, 4 embedded, 4 subset:",
		"en: preflight: ink: highest 180% (C90 M35 Y35 K20, page 1), limit 300%",
		"ar: preflight: text: smallest 7.5pt",
		"en: preflight: hairlines: none under 0.25pt",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("-check does not say %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "preflight error") {
		t.Errorf("-check finds preflight errors:\n%s", stdout)
	}
}

// TestMarks: -marks prints the sheet with its slug, crop marks in /All outside the bleed.
func TestMarks(t *testing.T) {
	out := t.TempDir()
	if stdout, _, err := run(t, "-marks", "-out", out, "-lang", "ur"); err != nil {
		t.Fatalf("-marks: %v\n%s", err, stdout)
	}
	pdf, err := os.ReadFile(filepath.Join(out, "ur.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := preflight.Check(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.MarksInk != 4 {
		t.Errorf("with -marks: %v, marks of %g%% ink", r.Errors(), 100*r.MarksInk)
	}
	if p := r.Pages[0]; p.Media == p.Bleed {
		t.Errorf("with -marks the media box is the bleed box: %v", p.Media)
	}
}
