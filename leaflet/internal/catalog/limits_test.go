package catalog_test

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
)

// TestHostileCataloguesAreQuick loads catalogues made to be slow (issue 10: deeply nested tables
// took 100 s in the TOML decoder, a 1 MB message over a minute to print) and expects each to be
// refused, with its line, in well under a second.
func TestHostileCataloguesAreQuick(t *testing.T) {
	nestedHeaders := func() string {
		var b strings.Builder
		path := "a"
		for range 400 { // 160 KB
			path += ".a"
			b.WriteString("[" + path + "]\n")
		}
		return b.String()
	}()
	tests := []struct {
		name string
		de   string
		kind catalog.Kind
		line int
		says string
	}{
		{"inline tables", "Intro = " + strings.Repeat("{a=", 50000) + strings.Repeat("}", 50000), catalog.KindParse, 1, "nested more than 16"},
		{"dotted key", strings.Repeat("a.", 100000) + "a = \"x\"", catalog.KindParse, 1, "nested more than 16"},
		{"table headers", nestedHeaders, catalog.KindParse, 16, "nested more than 16"},
		{"arrays", "Intro = " + strings.Repeat("[", 100000), catalog.KindParse, 1, "nested more than 16"},
		{"file", "Intro = \"" + strings.Repeat("x", catalog.MaxFileSize) + "\"", catalog.KindParse, 0, "larger than 1 MiB"},
		{"message", "Intro = \"" + strings.Repeat("Hallo. ", 140000) + "\"", catalog.KindLength, 1, "more than the 4000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			c := load(t, mapFS("en.toml", enTOML, "de.toml", tt.de))
			probs := c.Check(language.German)
			if d := time.Since(start); d > time.Second {
				t.Errorf("%d bytes took %v to load and check", len(tt.de), d)
			}
			for _, p := range probs {
				if p.Kind == tt.kind && p.Line == tt.line && strings.Contains(p.Text, tt.says) {
					return
				}
			}
			t.Errorf("no problem of kind %s on line %d saying %q:\n%s", tt.kind, tt.line, tt.says, lines(probs))
		})
	}
}
