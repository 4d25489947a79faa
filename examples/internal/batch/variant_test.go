package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecpat/makeitsafe/leaflet/preflight"
)

// TestVariant: -variant screen prints the screen variant, PDF/UA-1 and smaller than print;
// -check preflights it as such; a variant that is neither, and marks on screen, are errors.
func TestVariant(t *testing.T) {
	out := t.TempDir()
	for _, variant := range []string{"print", "screen"} {
		if stdout, _, err := run(t, "-variant", variant, "-out", filepath.Join(out, variant), "-lang", "ar"); err != nil {
			t.Fatalf("-variant %s: %v\n%s", variant, err, stdout)
		}
	}
	print, err := os.ReadFile(filepath.Join(out, "print", "ar.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	screen, err := os.ReadFile(filepath.Join(out, "screen", "ar.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := preflight.Check(screen)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Print || !r.Accessible || r.Untagged != 0 {
		t.Errorf("-variant screen: errors %v, print %v, PDF/UA %v, %d untagged", r.Errors(), r.Print, r.Accessible, r.Untagged)
	}
	if len(screen) >= len(print) {
		t.Errorf("-variant screen: %d bytes, print %d", len(screen), len(print))
	}

	stdout, _, err := run(t, "-check", "-variant", "screen", "-lang", "en")
	if err != nil || !strings.Contains(stdout, "en: preflight: PDF/UA-1: yes: tagged") ||
		!strings.Contains(stdout, "2 links") || strings.Contains(stdout, "preflight error") {
		t.Errorf("-check -variant screen: %v\n%s", err, stdout)
	}

	for _, tc := range []struct {
		args  []string
		words string
	}{
		{[]string{"-variant", "web"}, `-variant "web": want print or screen`},
		{[]string{"-variant", "screen", "-marks"}, "-marks is for print"},
	} {
		if _, _, err := run(t, append(tc.args, "-out", out)...); err == nil || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%v: %v, want an error saying %q", tc.args, err, tc.words)
		}
	}
}
