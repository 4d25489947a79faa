package catalog_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
)

func ptr(n int) *int { return &n }

// TestTextNeverPrintsNoValue asks for messages that text/template would print with "<no value>"
// and expects a *MessageError naming the locale, the file, the line and the message instead.
func TestTextNeverPrintsNoValue(t *testing.T) {
	de := withHashes(deTOML)
	misspelt := strings.Replace(de, "{{.Organisation}}", "{{.Organization}}", 1)
	action := strings.Replace(de, "{{.Website}}", "{{len .Website}}", 1)
	tests := []struct {
		name   string
		de     string
		tag    language.Tag
		id     string
		data   map[string]string
		kind   catalog.Kind
		file   string
		line   int
		strict bool
	}{
		{"data lacks a placeholder", de, language.German, "HelpContact", map[string]string{"Website": "x"},
			catalog.KindPlaceholders, "de.toml", lineOf(t, de, "[HelpContact]") + 2, false},
		{"data lacks a placeholder, in English", de, language.English, "HelpWebsite", nil,
			catalog.KindPlaceholders, "en.toml", lineOf(t, enTOML, "[HelpWebsite]") + 1, false},
		{"misspelt placeholder", misspelt, language.German, "HelpContact", map[string]string{"Organisation": "ECPAT"},
			catalog.KindPlaceholders, "de.toml", lineOf(t, misspelt, "[HelpContact]"), false},
		{"misspelt placeholder with its value given", misspelt, language.German, "HelpContact", map[string]string{"Organization": "ECPAT"},
			catalog.KindPlaceholders, "de.toml", lineOf(t, misspelt, "[HelpContact]"), false},
		{"template action", action, language.German, "HelpWebsite", map[string]string{"Website": "x"},
			catalog.KindAction, "de.toml", lineOf(t, action, "HelpWebsite ="), false},
		{"missing, strict", strings.Replace(de, "HelpWebsite = \"Website: {{.Website}}\"\n", "", 1), language.German, "HelpWebsite", map[string]string{"Website": "x"},
			catalog.KindMissing, "de.toml", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := load(t, mapFS("en.toml", enTOML, "de.toml", tt.de))
			s, err := c.Messages(tt.tag, tt.strict).Text(tt.id, tt.data, nil)
			var me *catalog.MessageError
			if !errors.As(err, &me) {
				t.Fatalf("Text(%s) = %q, %v; want a *MessageError", tt.id, s, err)
			}
			if strings.Contains(s, "<no value>") {
				t.Errorf("Text(%s) printed %q", tt.id, s)
			}
			want := catalog.MessageError{Locale: tt.tag, File: tt.file, Line: tt.line, ID: tt.id, Kind: tt.kind, Err: me.Err}
			if *me != want {
				t.Errorf("got  %+v\nwant %+v", *me, want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, fmt.Sprintf("%s: %s: message %s: ", position(tt.file, tt.line), tt.tag, tt.id)) {
				t.Errorf("Error() = %q: does not begin with the file, line, locale and message", msg)
			}
		})
	}
}

func position(file string, line int) string {
	if line == 0 {
		return file
	}
	return file + ":" + strconv.Itoa(line)
}

func TestTextFallsBackToEnglish(t *testing.T) {
	de := strings.Replace(withHashes(deTOML), "[Intro]\nhash = \""+goi18nHash("The opening paragraph.", "Hello.")+"\"\nother = \"Hallo.\"\n", "", 1)
	c := load(t, mapFS("en.toml", enTOML, "de.toml", de))

	m := c.Messages(language.German, false)
	if m.Tag() != language.German {
		t.Errorf("Tag() = %s", m.Tag())
	}
	for range 2 {
		if s, err := m.Text("Intro", nil, nil); s != "Hello." || err != nil {
			t.Fatalf("Text(Intro) = %q, %v; want English", s, err)
		}
	}
	w := m.Warnings()
	want := catalog.Problem{Locale: language.German, File: "de.toml", Message: "Intro", Kind: catalog.KindMissing}
	if len(w) != 1 {
		t.Fatalf("Warnings() = %v, want one", w)
	}
	if want.Text = w[0].Text; w[0] != want || !strings.Contains(w[0].Text, "English") {
		t.Errorf("warning %+v, want %+v saying English is printed", w[0], want)
	}

	if _, err := m.Text("HelpContact", map[string]string{"Organisation": "X"}, nil); err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings()) != 1 {
		t.Errorf("Warnings() = %v: a message the locale has added one", m.Warnings())
	}

	// A locale with no catalogue at all prints English.
	zu := c.Messages(language.Zulu, false)
	if s, err := zu.Text("Intro", nil, nil); s != "Hello." || err != nil || len(zu.Warnings()) != 1 {
		t.Errorf("Text(zu, Intro) = %q, %v, warnings %v", s, err, zu.Warnings())
	}
	if _, err := c.Messages(language.Zulu, true).Text("Intro", nil, nil); err == nil {
		t.Error("strict Text(zu, Intro) succeeded")
	}
}

func TestTextUnknownMessage(t *testing.T) {
	c := load(t, mapFS("en.toml", enTOML, "de.toml", withHashes(deTOML)))
	for _, strict := range []bool{false, true} {
		_, err := c.Messages(language.German, strict).Text("NoSuchMessage", nil, nil)
		var me *catalog.MessageError
		if !errors.As(err, &me) || me.ID != "NoSuchMessage" || me.Kind != catalog.KindUnknown {
			t.Errorf("strict=%v: Text(NoSuchMessage) error %v, want a *MessageError of kind unknown", strict, err)
		}
	}
	if c.Has("NoSuchMessage") || !c.Has("Intro") {
		t.Error("Has is wrong")
	}
}

func TestTextPlural(t *testing.T) {
	en := "[ChecklistCount]\none = \"{{.Count}} agreement\"\nother = \"{{.Count}} agreements\"\n"
	files := []string{"en.toml", en}
	// The CLDR plural category of each count, per language: each form of the fixture prints its
	// name after the count.
	byCount := map[string]map[int]string{
		"en": {0: "agreements", 1: "agreement", 2: "agreements", 7: "agreements"},
		"ru": {0: "many", 1: "one", 2: "few", 3: "few", 7: "many", 11: "many", 21: "one", 22: "few", 100: "many"},
		"ar": {0: "zero", 1: "one", 2: "two", 3: "few", 7: "few", 11: "many", 100: "other", 103: "few"},
		"fr": {0: "one", 1: "one", 2: "other", 7: "other", 1000000: "many"},
	}
	for tag, forms := range map[string]string{"ru": "one few many other", "ar": "zero one two few many other", "fr": "one many other"} {
		var b strings.Builder
		b.WriteString("[ChecklistCount]\n")
		for _, f := range strings.Fields(forms) {
			fmt.Fprintf(&b, "%s = \"{{.Count}} %s\"\n", f, f)
		}
		files = append(files, tag+".toml", b.String())
	}
	c := load(t, mapFS(files...))
	for tag, counts := range byCount {
		m := c.Messages(language.MustParse(tag), true)
		for n, form := range counts {
			want := strconv.Itoa(n) + " " + form
			if got, err := m.Text("ChecklistCount", nil, &n); got != want || err != nil {
				t.Errorf("%s: Text(ChecklistCount, %d) = %q, %v; want %q", tag, n, got, err, want)
			}
		}
	}

	// A form the count chooses but the message lacks is an error, not another form.
	c = load(t, mapFS("en.toml", en, "ru.toml", "[ChecklistCount]\none = \"{{.Count}} one\"\nmany = \"{{.Count}} many\"\nother = \"{{.Count}} other\"\n"))
	ru := c.Messages(language.Russian, true)
	if s, err := ru.Text("ChecklistCount", nil, ptr(1)); s != "1 one" || err != nil {
		t.Errorf("Text(ChecklistCount, 1) = %q, %v", s, err)
	}
	_, err := ru.Text("ChecklistCount", nil, ptr(3))
	var me *catalog.MessageError
	if !errors.As(err, &me) || me.Kind != catalog.KindPlural || !strings.Contains(err.Error(), `"few"`) {
		t.Errorf("Text(ChecklistCount, 3) without a few form: %v, want a *MessageError of kind plural", err)
	}
	// Count is data only when a count is given.
	if _, err := ru.Text("ChecklistCount", nil, nil); !errors.As(err, &me) || me.Kind != catalog.KindPlaceholders {
		t.Errorf("Text(ChecklistCount) without a count: %v, want a *MessageError of kind placeholders", err)
	}
	if s, err := ru.Text("ChecklistCount", map[string]string{"Count": "all"}, nil); s != "all other" || err != nil {
		t.Errorf("Text(ChecklistCount, Count: all) = %q, %v", s, err)
	}
}

func TestMessageErrorString(t *testing.T) {
	tests := []struct {
		err  catalog.MessageError
		want string
	}{
		{catalog.MessageError{Locale: language.French, File: "fr.toml", Line: 40, ID: "HelpContact", Err: errors.New("no value for the placeholder {{.Organisation}}")},
			"fr.toml:40: fr: message HelpContact: no value for the placeholder {{.Organisation}}"},
		{catalog.MessageError{Locale: language.French, File: "fr.toml", ID: "Intro", Err: errors.New("missing (strict mode)")},
			"fr.toml: fr: message Intro: missing (strict mode)"},
		{catalog.MessageError{Locale: language.Zulu, ID: "Intro", Err: errors.New("no catalogue")},
			"zu: message Intro: no catalogue"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
