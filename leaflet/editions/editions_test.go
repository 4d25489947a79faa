package editions

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestDefault(t *testing.T) {
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if e.Organisation != "ECPAT Belgium" || e.Website != "www.ecpat.be" || e.Email != "info@ecpat.be" || e.Emergency != "112" {
		t.Errorf("Default() = %+v", e)
	}
	if len(e.Helplines) != 1 || e.Helplines[0].Name != "Child Focus" || e.Helplines[0].Number != "116 000" {
		t.Fatalf("help lines %+v, want Child Focus 116 000", e.Helplines)
	}
	if len(e.Locales) != 0 {
		t.Errorf("Locales = %v, want none (every locale)", e.Locales)
	}
	e.Helplines[0].Name = "changed"
	if f, _ := Default(); f.Helplines[0].Name != "Child Focus" {
		t.Error("Default() returned a shared edition")
	}
}

const uk = `organisation = "ECPAT UK"
website = "www.ecpat.org.uk"
email = ""
emergency = "999"
locales = ["en", "ur", "bn"]

[[helpline]]
name = "Childline"
number = "0800 1111"
[helpline.description]
en = "free, confidential help for children and young people"
de = "kostenlose, vertrauliche Hilfe"
sr = "besplatna pomoć"

[[helpline]]
name = "Second line"
number = "0808 000 000"
[helpline.description]
en = "for parents"
`

func TestParse(t *testing.T) {
	e, err := Parse([]byte(uk), "ecpat-uk.toml")
	if err != nil {
		t.Fatal(err)
	}
	if e.File != "ecpat-uk.toml" || e.Organisation != "ECPAT UK" || e.Email != "" || e.Emergency != "999" {
		t.Errorf("Parse = %+v", e)
	}
	if strings.Join(e.Locales, " ") != "en ur bn" {
		t.Errorf("Locales = %v", e.Locales)
	}
	if len(e.Helplines) != 2 || e.Helplines[1].Name != "Second line" || e.Helplines[0].Line != 7 || e.Helplines[1].Line != 15 {
		t.Errorf("Helplines = %+v", e.Helplines)
	}
}

func TestDescription(t *testing.T) {
	e, err := Parse([]byte(uk), "ecpat-uk.toml")
	if err != nil {
		t.Fatal(err)
	}
	h := e.Helplines[0]
	for _, tc := range []struct {
		locale  string
		want    string
		english bool
	}{
		{"en", "free, confidential help for children and young people", false},
		{"en-GB", "free, confidential help for children and young people", false},
		{"de", "kostenlose, vertrauliche Hilfe", false},
		{"de-AT", "kostenlose, vertrauliche Hilfe", false},
		{"sr-Latn", "free, confidential help for children and young people", true}, // "sr" is Cyrillic by default
		{"ur", "free, confidential help for children and young people", true},
	} {
		got, english := h.Description(language.MustParse(tc.locale))
		if got != tc.want || english != tc.english {
			t.Errorf("Description(%s) = %q, %v; want %q, %v", tc.locale, got, english, tc.want, tc.english)
		}
	}
}

// TestErrors changes one line of a good edition and expects exactly one problem, on that line,
// naming the key.
func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		line           int
		key, words     string
	}{
		{"unknown key", `emergency = "999"`, `emergancy = "999"`, 4, "emergancy", `unknown key; did you mean "emergency"?`},
		{"unknown helpline key", `number = "0800 1111"`, "number = \"0800 1111\"\nphone = \"1\"", 10, "helpline[0].phone", "unknown key"},
		{"no organisation", `organisation = "ECPAT UK"`, `organisation = ""`, 1, "organisation", "missing"},
		{"no number", `number = "0808 000 000"`, `number = " "`, 17, "helpline[1].number", "missing"},
		{"no English", `en = "for parents"`, `fr = "pour les parents"`, 18, "helpline[1].description", "no English description"},
		{"bad locale", `locales = ["en", "ur", "bn"]`, `locales = ["en", "urdu!"]`, 5, "locales", `"urdu!"`},
		{"bad description tag", `de = "kostenlose, vertrauliche Hilfe"`, `"deutsch!" = "x"`, 12, "helpline[0].description.deutsch!", "not a BCP 47"},
		{"two lines", `website = "www.ecpat.org.uk"`, "website = \"www.ecpat.org.uk\\nwww.x\"", 2, "website", "U+000A"},
		{"wrong type", `emergency = "999"`, `emergency = 999`, 4, "emergency", "string in quotes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(uk, tc.old, tc.new, 1)
			if src == uk {
				t.Fatalf("%q not in the edition", tc.old)
			}
			_, err := Parse([]byte(src), "bad.toml")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse: %v, want an *Error", err)
			}
			if len(e.Problems) != 1 {
				t.Fatalf("%d problems, want 1:\n%v", len(e.Problems), err)
			}
			p := e.Problems[0]
			if p.File != "bad.toml" || p.Line != tc.line || p.Key != tc.key || !strings.Contains(p.Text, tc.words) {
				t.Errorf("problem %q; want bad.toml line %d, key %s, saying %q", p, tc.line, tc.key, tc.words)
			}
		})
	}
}
