package catalog_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"

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
		{"sr-ME", "sr-Latn", false}, // Montenegro writes Serbian in Latin
		{"mo", "", false},           // Moldavian is ro-MD: no Romanian here
		{"sr", "sr-Latn", true},     // Serbian, in no particular script
		{"sr-RS", "sr-Latn", true},
		{"sr-Cyrl", "", false}, // asks for Cyrillic
		{"pa-Arab", "", false}, // Shahmukhi, not Gurmukhi
		{"pa-PK", "", false},   // Punjabi in Pakistan is written in Shahmukhi
		{"ur-IN", "ur", false},
		// Another language, which a matcher finds close, is never served (issue 10).
		{"so", "", false}, // not English
		{"az", "", false}, // not Russian
		{"ku", "", false}, // not Turkish (no tr here either)
		{"ckb", "", false},
		{"mr", "", false},
		{"br", "", false},
		{"lb", "", false},
		{"gsw", "", false},
		{"fy", "", false},
		{"af", "", false},
		{"ps", "", false},
		{"fa", "", false},
		{"und", "", false},
		{"x-private", "", false},
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

// TestMatchNeverAnotherLanguage asks for about a hundred tags, with the locales of the embedded
// catalogues, and checks that each is served by its own language or is an error.
func TestMatchNeverAnotherLanguage(t *testing.T) {
	var files []string
	for _, tag := range []string{"en", "ar", "bn", "de", "fr", "hi", "nl", "pa", "ro", "ru", "sr-Latn", "tr", "ur", "vi"} {
		files = append(files, tag+".toml", "Intro = \"x\"\n")
	}
	c := load(t, mapFS(files...))
	tags := strings.Fields(`af am ar-SA ar-TN as ast az az-Arab be bg bm bn-IN bo br bs ca ce ckb co cs cy da de-LI
		dv dz ee el en-IN eo es et eu fa ff fi fil fo fr-CA fur fy ga gd gl gsw gu ha haw he hi-Latn hr hu hy ia id
		ig is it ja jv ka kk km kn ko ks ku ky la lb lg ln lo lt lu lv mg mi mk ml mn mr ms mt my nb ne nl-SR nn no
		ny om or os pa-Arab pl ps pt qu rm rn ro-MD ru-UA rw sa sd se si sk sl sm sn so sq sr-Cyrl-BA st su sv sw ta
		te tg th ti tk tn to tr-CY tt ug uk ur-Arab uz vi-VN wo xh yi yo yue zh zu`)
	for _, requested := range tags {
		tag, warning, err := c.Match(requested)
		if err != nil {
			continue
		}
		want, _ := language.Make(requested).Base()
		got, _ := tag.Base()
		ws, _ := language.Make(requested).Script()
		gs, _ := tag.Script()
		if got != want || gs != ws && warning == "" {
			t.Errorf("Match(%q) = %s (warning %q): another language or script", requested, tag, warning)
		}
	}
}
