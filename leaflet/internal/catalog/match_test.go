package catalog_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
)

func TestMatch(t *testing.T) {
	var files []string
	for _, tag := range []string{"en", "ar", "de", "fr", "nl", "pa", "ru", "sr-Latn", "ur"} {
		files = append(files, tag+".toml", "Intro = \"x\"\n")
	}
	c := load(t, mapFS(files...))
	tests := []struct {
		requested string
		want      string // served by; "" for an *UnknownLocaleError
		warning   bool
	}{
		{"en", "en", false},
		{"en-GB", "en", false},
		{"en-US", "en", false},
		{"pa", "pa", false},
		{"pa-IN", "pa", false},
		{"pa-Guru", "pa", false},
		{"sh", "sr-Latn", false},
		{"hbs", "sr-Latn", false},
		{"sr-Latn", "sr-Latn", false},
		{"sr-Latn-RS", "sr-Latn", false},
		{"de-AT", "de", false},
		{"de-CH", "de", false},
		{"fr-BE", "fr", false},
		{"nl-BE", "nl", false},
		{"ur-PK", "ur", false},
		{"ar-EG", "ar", false},
		{"ar-MA", "ar", false},
		{"ru-RU", "ru", false},
		{"sr", "sr-Latn", true},
		{"sr-Cyrl", "sr-Latn", true},
		{"xx", "", false},
		{"zh", "", false},
		{"bs", "", false},
		{"", "", false},
		{"not a tag!", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.requested, func(t *testing.T) {
			tag, warning, err := c.Match(tt.requested)
			if tt.want == "" {
				var unknown *catalog.UnknownLocaleError
				if !errors.As(err, &unknown) {
					t.Fatalf("Match(%q) = %v, %q, %v; want an *UnknownLocaleError", tt.requested, tag, warning, err)
				}
				if unknown.Requested != tt.requested {
					t.Errorf("Requested = %q, want %q", unknown.Requested, tt.requested)
				}
				msg := err.Error()
				if !strings.Contains(msg, strconv.Quote(tt.requested)) {
					t.Errorf("error %q does not name the request %q", msg, tt.requested)
				}
				avail := strings.Fields(msg[strings.LastIndex(msg, "available:")+len("available:"):])
				for _, tag := range c.Tags() {
					if !slices.Contains(avail, tag.String()) {
						t.Errorf("error %q does not list available locale %s", msg, tag)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Match(%q): %v", tt.requested, err)
			}
			if tag.String() != tt.want {
				t.Errorf("Match(%q) = %s, want %s", tt.requested, tag, tt.want)
			}
			switch {
			case tt.warning && !strings.Contains(warning, tt.want):
				t.Errorf("Match(%q): warning %q does not name %s", tt.requested, warning, tt.want)
			case !tt.warning && warning != "":
				t.Errorf("Match(%q): unexpected warning %q", tt.requested, warning)
			}
		})
	}
}
