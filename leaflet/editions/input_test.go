package editions

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestNumbers parses the phone numbers of issue 10 with every separator partners write.
func TestNumbers(t *testing.T) {
	for _, n := range []string{
		"0800-123-456", "116 000", "116\u00a0000", "116\u2009000", "116\u202f000", "+32 2 522 63 23",
		"+44 (0)20 7946 0000", "02/512.12.12", "112",
	} {
		src := "organisation = \"O\"\nemergency = \"" + n + "\"\n[[helpline]]\nname = \"N\"\nnumber = \"" + n + "\"\n[helpline.description]\nen = \"d\"\n"
		e, err := Parse([]byte(src), "e.toml")
		if err != nil {
			t.Errorf("%q: %v", n, err)
			continue
		}
		if e.Emergency != n || e.Helplines[0].Number != n {
			t.Errorf("%q read as %q, %q", n, e.Emergency, e.Helplines[0].Number)
		}
	}
}

// TestUntrustedFields changes one value of a good edition into what a careless or hostile
// partner might write and expects one problem naming its line and key.
func TestUntrustedFields(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		line           int
		key, words     string
	}{
		{"RLM in a number", `"0800 1111"`, "\"12 34\u200f 56\"", 9, "helpline[0].number", "U+200F RIGHT-TO-LEFT MARK"},
		{"ALM in a number", `emergency = "999"`, "emergency = \"9\u061c99\"", 4, "emergency", "U+061C ARABIC LETTER MARK"},
		{"isolate in a name", `name = "Childline"`, "name = \"\u2067Childline\u2069\"", 8, "helpline[0].name", "U+2067"},
		{"zero-width space in a website", `website = "www.ecpat.org.uk"`, "website = \"www.ecpat\u200b.org.uk\"", 2, "website", "U+200B ZERO WIDTH SPACE"},
		{"joiner in an e-mail address", `email = ""`, "email = \"info@ecp\u200dat.org\"", 3, "email", "U+200D"},
		{"space in an e-mail address", `email = ""`, `email = "info @ecpat.org"`, 3, "email", "space"},
		{"word joiner in a description", `en = "for parents"`, "en = \"for\u2060 parents\"", 19, "helpline[1].description.en", "U+2060"},
		{"letters in a number", `"0808 000 000"`, `"0808 CHILDREN"`, 17, "helpline[1].number", "not a phone number"},
		{"plus inside a number", `emergency = "999"`, `emergency = "9+99"`, 4, "emergency", "not a phone number"},
		{"no digit", `emergency = "999"`, `emergency = "-"`, 4, "emergency", "no digit"},
		{"Arabic-Indic digits", `emergency = "999"`, "emergency = \"\u0669\u0669\u0669\"", 4, "emergency", "not a phone number"},
		{"long name", `organisation = "ECPAT UK"`, `organisation = "` + strings.Repeat("ECPAT ", 40) + `"`, 1, "organisation", "more than the 200"},
		{"long description", `en = "for parents"`, `en = "` + strings.Repeat("for parents ", 50) + `"`, 19, "helpline[1].description.en", "more than the 500"},
		{"deep nesting", `email = ""`, "email = \"\"\n" + strings.Repeat("a.", 40) + "a = 1", 4, "", "nested more than 16"},
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

func TestLargeFile(t *testing.T) {
	big := uk + "# " + strings.Repeat("x", MaxFileSize) + "\n"
	for name, parse := range map[string]func() error{
		"Parse": func() error { _, err := Parse([]byte(big), "big.toml"); return err },
		"Load":  func() error { _, err := Load(fstest.MapFS{"big.toml": {Data: []byte(big)}}, "big.toml"); return err },
	} {
		start := time.Now()
		err := parse()
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), "larger than 256 KiB") {
			t.Errorf("%s: %v, want an *Error saying the file is too large", name, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s took %v", name, d)
		}
	}
}

// TestCheck checks editions made in Go, which no file has checked.
func TestCheck(t *testing.T) {
	good := Edition{Organisation: "ECPAT UK", Website: "www.ecpat.org.uk", Emergency: "999",
		Helplines: []Helpline{{Name: "Childline", Number: "0800 1111", Descriptions: map[string]string{"en": "for children"}}}}
	if err := good.Check(); err != nil {
		t.Errorf("a good edition: %v", err)
	}
	for name, change := range map[string]func(e *Edition){
		"RLM in a number":      func(e *Edition) { e.Helplines[0].Number = "12 34\u200f 56" },
		"letters in a number":  func(e *Edition) { e.Emergency = "nine" },
		"no organisation":      func(e *Edition) { e.Organisation = "" },
		"long organisation":    func(e *Edition) { e.Organisation = strings.Repeat("x", 1<<20) },
		"zero-width in a name": func(e *Edition) { e.Helplines[0].Name = "Child\u200bline" },
		"tab in a description": func(e *Edition) { e.Helplines[0].Descriptions["en"] = "for\tchildren" },
		"space in a website":   func(e *Edition) { e.Website = "www.ecpat .org" },
	} {
		e := good
		e.Helplines = []Helpline{good.Helplines[0]}
		e.Helplines[0].Descriptions = map[string]string{"en": "for children"}
		change(&e)
		var ee *Error
		if err := e.Check(); !errors.As(err, &ee) || len(ee.Problems) != 1 {
			t.Errorf("%s: %v, want one problem", name, err)
		}
	}
}

// FuzzParse reads any edition file: Parse must never panic, and what it accepts Check accepts
// too, within the limits and free of hidden characters. Seeds: testdata/fuzz/FuzzParse and the
// files above.
func FuzzParse(f *testing.F) {
	f.Add(uk)
	def, err := embedded.ReadFile("ecpat-belgium.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(def))
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse([]byte(src), "fuzz.toml")
		if err != nil {
			var ee *Error
			if !errors.As(err, &ee) || len(ee.Problems) == 0 {
				t.Fatalf("Parse: %v, want an *Error with problems", err)
			}
			return
		}
		if err := e.Check(); err != nil {
			t.Errorf("Parse accepted an edition that Check refuses: %v", err)
		}
	})
}
