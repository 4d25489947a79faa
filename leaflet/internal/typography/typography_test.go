package typography

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// show makes the spaces of a text visible: · no-break, ˙ narrow no-break.
func show(s string) string {
	return strings.NewReplacer("\u00a0", "·", "\u202f", "˙").Replace(s)
}

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		locale, in, want string
	}{
		{"fr", "Une question ? Contactez ECPAT Belgium.", "Une question˙? Contactez ECPAT Belgium."},
		{"fr", "Site web : www.ecpat.be", "Site web·: www.ecpat.be"},
		{"fr", "Attention ; voilà !", "Attention˙; voilà˙!"},
		{"fr", "« Non »", "«˙Non˙»"},
		{"fr", "«Non»", "«Non»"}, // no space to change: none is added
		{"fr", "38 % des enfants, 30% aussi", "38·% des enfants, 30·% aussi"},
		{"fr", "https://www.ecpat.be?x=1", "https://www.ecpat.be?x=1"}, // addresses have no spaces: untouched
		{"fr-BE", "Pourquoi ?", "Pourquoi˙?"},
		{"de", "38 % der Kinder, 30% auch: gut", "38·% der Kinder, 30·% auch: gut"},
		{"pl", "Rozmawiaj z dzieckiem w domu i w szkole.", "Rozmawiaj z·dzieckiem w·domu i·w·szkole."},
		{"pl", "A potem", "A·potem"},
		{"en", "Why ? 38 % a b", "Why ? 38 % a b"},
		{"ar", "38% من الأطفال", "38% من الأطفال"},
	} {
		got := show(For(language.MustParse(tc.locale)).Apply(tc.in))
		if got != tc.want {
			t.Errorf("%s: Apply(%q) = %q, want %q (· no-break space, ˙ narrow no-break space)", tc.locale, tc.in, got, tc.want)
		}
	}
}

func TestNativeDigits(t *testing.T) {
	for _, tc := range []struct {
		locale, in, want string
	}{
		{"ar", "38% من 9 إلى 12 (2011–2014)", "٣٨٪ من ٩ إلى ١٢ (٢٠١١–٢٠١٤)"},
		{"ur", "13 سال، 30%", "۱۳ سال، ۳۰٪"},
		{"bn", "৭টি, 38%", "৭টি, ৩৮%"},
		{"hi", "13 साल", "१३ साल"},
		{"pa", "13 ਸਾਲ", "੧੩ ਸਾਲ"},
		{"en", "13 years", "13 years"},
		{"fr", "13 ans", "13 ans"},
	} {
		r := For(language.MustParse(tc.locale))
		if got := r.NativeDigits(tc.in); got != tc.want {
			t.Errorf("%s: NativeDigits(%q) = %q, want %q", tc.locale, tc.in, got, tc.want)
		}
		if r.HasDigits() != (tc.in != tc.want) {
			t.Errorf("%s: HasDigits() = %v", tc.locale, r.HasDigits())
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"[fr]\nguillemet = true\n", `t.toml:2: fr.guillemet: unknown key; did you mean "guillemets"?`},
		{"[ar]\ndigits = \"٠١٢\"\n", "t.toml:2: ar.digits: want the ten digits"},
		{"[\"not a tag!\"]\n", `t.toml:1: not a tag!: "not a tag!" is not a BCP 47 language tag`},
	} {
		_, err := Parse([]byte(tc.src), "t.toml")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want %q…", tc.src, err, tc.want)
		}
	}
}
