package catalog_test

import (
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/catalog"
	"github.com/ecpat/makeitsafe/locales"
)

// embeddedTags are the locales the leaflet ships, English (the source) first.
var embeddedTags = []string{"en", "fr", "nl", "de", "sr-Latn", "ar", "tr", "ro", "ru", "bn", "hi", "pa", "ur", "vi"}

func loadEmbedded(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(locales.FS)
	if err != nil {
		t.Fatalf("Load(locales.FS): %v", err)
	}
	return c
}

func load(t *testing.T, fsys fs.FS) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func tagStrings(tags []language.Tag) []string {
	s := make([]string, len(tags))
	for i, t := range tags {
		s[i] = t.String()
	}
	return s
}

func TestLoadEmbeddedTags(t *testing.T) {
	c := loadEmbedded(t)
	got := tagStrings(c.Tags())
	if len(got) == 0 || got[0] != "en" {
		t.Fatalf("Tags() = %v, want English first", got)
	}
	want := slices.Clone(embeddedTags)
	slices.Sort(want)
	sorted := slices.Clone(got)
	slices.Sort(sorted)
	if !slices.Equal(sorted, want) {
		t.Fatalf("Tags() = %v, want the %d locales %v", got, len(embeddedTags), embeddedTags)
	}
	// Tags returns a copy: changing it does not change the catalogue.
	tags := c.Tags()
	tags[0] = language.Zulu
	if c.Tags()[0] != language.English {
		t.Error("changing the slice Tags returned changed the catalogue")
	}
}

func TestMatch(t *testing.T) {
	c := loadEmbedded(t)
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
		{"tr-TR", "tr", false},
		{"ro-RO", "ro", false},
		{"bn-BD", "bn", false},
		{"hi-IN", "hi", false},
		{"vi-VN", "vi", false},
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
				avail := msg[strings.LastIndex(msg, "available:"):]
				for _, want := range embeddedTags {
					if !slices.Contains(strings.Fields(strings.TrimPrefix(avail, "available:")), want) {
						t.Errorf("error %q does not list available locale %s", msg, want)
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
			case tt.warning && warning == "":
				t.Errorf("Match(%q): no warning, want one (served by another script)", tt.requested)
			case tt.warning && !strings.Contains(warning, tt.want):
				t.Errorf("Match(%q): warning %q does not name %s", tt.requested, warning, tt.want)
			case !tt.warning && warning != "":
				t.Errorf("Match(%q): unexpected warning %q", tt.requested, warning)
			}
		})
	}
}

// TestEmbeddedCataloguesPassCheck is the guarantee that every shipped catalogue has every
// message of English, with the same template placeholders, every plural form its language
// needs and no explicit bidi controls.
func TestEmbeddedCataloguesPassCheck(t *testing.T) {
	c := loadEmbedded(t)
	for _, tag := range c.Tags() {
		t.Run(tag.String(), func(t *testing.T) {
			for _, p := range c.Check(tag) {
				t.Error(p)
			}
		})
	}
}

// A small source and translations with one problem of each kind.
const (
	srcTOML = `
Intro = "Hello."
HelpContact = "Questions? Contact {{.Organisation}}."
HelpWebsite = "Website: {{.Website}}"

[ChecklistCount]
one = "{{.Count}} agreement"
other = "{{.Count}} agreements"
`
	brokenFrTOML = `
HelpContact = "Une question ? Contactez ` + "\u202B" + `{{.Organisation}}."
HelpWebsite = "Site web : {{.Site}}"
Extra = "Ce message n'existe pas en anglais."

[ChecklistCount]
one = "{{.Count}} accord"
many = "{{.Count}} accords"
other = "{{.Count}} accords"
`
	ruNoFewTOML = `
Intro = "Здравствуйте."
HelpContact = "Вопросы? Обращайтесь в {{.Organisation}}."
HelpWebsite = "Сайт: {{.Website}}"

[ChecklistCount]
one = "{{.Count}} договорённость"
many = "{{.Count}} договорённостей"
other = "{{.Count}} договорённости"
`
	arNoTwoTOML = `
Intro = "مرحبا."
HelpContact = "هل لديك أسئلة؟ تواصل مع {{.Organisation}}."
HelpWebsite = "الموقع الإلكتروني: {{.Website}}"

[ChecklistCount]
zero = "{{.Count}} اتفاق"
one = "{{.Count}} اتفاق"
few = "{{.Count}} اتفاقات"
many = "{{.Count}} اتفاقا"
other = "{{.Count}} اتفاق"
`
	goodDeTOML = `
Intro = "Hallo."
HelpContact = "Fragen? Kontakt: {{.Organisation}}."
HelpWebsite = "Website: {{.Website}}"

[ChecklistCount]
one = "{{.Count}} Vereinbarung"
other = "{{.Count}} Vereinbarungen"
`
)

func brokenFS() fstest.MapFS {
	return fstest.MapFS{
		"en.toml": {Data: []byte(srcTOML)},
		"fr.toml": {Data: []byte(brokenFrTOML)},
		"ru.toml": {Data: []byte(ruNoFewTOML)},
		"ar.toml": {Data: []byte(arNoTwoTOML)},
		"de.toml": {Data: []byte(goodDeTOML)},
	}
}

func TestCheckFindsProblems(t *testing.T) {
	c := load(t, brokenFS())
	type want struct {
		message string
		what    []string // substrings of Problem.What
	}
	tests := []struct {
		locale string
		file   string
		want   []want // in any order; nothing else may be reported
	}{
		{"fr", "fr.toml", []want{
			{"Intro", []string{"missing"}},
			{"Extra", []string{"not in the English source"}},
			{"HelpWebsite", []string{"{{.Site}}", "{{.Website}}"}},
			{"HelpContact", []string{"bidi", "U+202B"}},
		}},
		{"ru", "ru.toml", []want{
			{"ChecklistCount", []string{`"few"`}},
		}},
		{"ar", "ar.toml", []want{
			{"ChecklistCount", []string{`"two"`}},
		}},
		{"de", "de.toml", nil},
		{"en", "en.toml", nil},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			tag := language.MustParse(tt.locale)
			got := c.Check(tag)
			defer func() {
				if t.Failed() {
					for _, p := range got {
						t.Logf("got: %s", p)
					}
				}
			}()
			if len(got) != len(tt.want) {
				t.Errorf("Check(%s): %d problems, want %d", tt.locale, len(got), len(tt.want))
			}
			for _, w := range tt.want {
				i := slices.IndexFunc(got, func(p catalog.Problem) bool { return p.Message == w.message })
				if i < 0 {
					t.Errorf("Check(%s): no problem with message %s", tt.locale, w.message)
					continue
				}
				p := got[i]
				if p.Locale != tag || p.File != tt.file {
					t.Errorf("problem %q: locale %s, file %q; want %s, %q", p, p.Locale, p.File, tag, tt.file)
				}
				for _, s := range w.what {
					if !strings.Contains(p.What, s) {
						t.Errorf("problem %q: What does not say %q", p, s)
					}
				}
				str := p.String()
				for _, s := range []string{tt.locale, tt.file, w.message} {
					if !strings.Contains(str, s) {
						t.Errorf("problem %q does not name %q", str, s)
					}
				}
			}
		})
	}
	t.Run("no catalogue", func(t *testing.T) {
		got := c.Check(language.Dutch)
		if len(got) != 1 || got[0].Locale != language.Dutch || !strings.Contains(got[0].What, "no catalogue") {
			t.Errorf("Check(nl) = %v, want one problem: no catalogue", got)
		}
	})
}

func ptr(n int) *int { return &n }

func TestMessagesFallback(t *testing.T) {
	c := load(t, brokenFS())
	fr := language.French

	t.Run("lenient", func(t *testing.T) {
		m := c.Messages(fr, false)
		if m.Tag() != fr {
			t.Errorf("Tag() = %s, want fr", m.Tag())
		}
		got, err := m.Text("Intro", nil, nil)
		if err != nil {
			t.Fatalf("Text(Intro) in fr, missing from fr.toml: %v; want the English text", err)
		}
		if got != "Hello." {
			t.Errorf("Text(Intro) = %q, want English %q", got, "Hello.")
		}
		w := m.Warnings()
		if len(w) != 1 || !strings.Contains(w[0], "fr") || !strings.Contains(w[0], "Intro") {
			t.Errorf("Warnings() = %q, want one naming fr and Intro", w)
		}
	})

	t.Run("lenient, no warning for a message the locale has", func(t *testing.T) {
		m := c.Messages(fr, false)
		if _, err := m.Text("HelpContact", map[string]any{"Organisation": "X"}, nil); err != nil {
			t.Fatal(err)
		}
		if w := m.Warnings(); len(w) != 0 {
			t.Errorf("Warnings() = %q, want none", w)
		}
	})

	t.Run("strict", func(t *testing.T) {
		m := c.Messages(fr, true)
		got, err := m.Text("Intro", nil, nil)
		var me *catalog.MessageError
		if !errors.As(err, &me) {
			t.Fatalf("strict Text(Intro) = %q, %v; want a *MessageError", got, err)
		}
		if me.Locale != fr || me.ID != "Intro" {
			t.Errorf("MessageError locale %s, ID %q; want fr, Intro", me.Locale, me.ID)
		}
		for _, s := range []string{"fr", "Intro"} {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("error %q does not name %q", err, s)
			}
		}
	})

	t.Run("unknown everywhere", func(t *testing.T) {
		for _, strict := range []bool{false, true} {
			m := c.Messages(language.English, strict)
			_, err := m.Text("NoSuchMessage", nil, nil)
			var me *catalog.MessageError
			if !errors.As(err, &me) || me.ID != "NoSuchMessage" {
				t.Errorf("strict=%v: Text(NoSuchMessage) error %v, want a *MessageError naming it", strict, err)
			}
		}
	})
}

// catalogueText reads locales/<tag>.toml as go-i18n does, for the expected text.
func catalogueText(t *testing.T, tag string) map[string]any {
	t.Helper()
	data, err := fs.ReadFile(locales.FS, tag+".toml")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMessagesTemplateData(t *testing.T) {
	c := loadEmbedded(t)
	data := map[string]any{"Organisation": "ECPAT Belgium", "Website": "https://ecpat.be"}
	for _, locale := range embeddedTags {
		t.Run(locale, func(t *testing.T) {
			tag := language.MustParse(locale)
			m := c.Messages(tag, true)
			src := catalogueText(t, locale)
			for _, id := range []string{"HelpContact", "HelpWebsite"} {
				got, err := m.Text(id, data, nil)
				if err != nil {
					t.Fatalf("Text(%s): %v", id, err)
				}
				want := src[id].(string)
				want = strings.ReplaceAll(want, "{{.Organisation}}", "ECPAT Belgium")
				want = strings.ReplaceAll(want, "{{.Website}}", "https://ecpat.be")
				if got != want {
					t.Errorf("Text(%s) = %q, want %q", id, got, want)
				}
				if strings.Contains(got, "{{") {
					t.Errorf("Text(%s) = %q: placeholder left unfilled", id, got)
				}
			}
			if w := m.Warnings(); len(w) != 0 {
				t.Errorf("Warnings() = %q", w)
			}
		})
	}
}

func TestMessagesPlural(t *testing.T) {
	c := loadEmbedded(t)
	// The CLDR plural category of each count, per language.
	forms := map[string]map[int]string{
		"en": {0: "other", 1: "one", 2: "other", 3: "other", 7: "other", 11: "other", 100: "other"},
		"ru": {0: "many", 1: "one", 2: "few", 3: "few", 7: "many", 11: "many", 21: "one", 22: "few", 100: "many"},
		"ar": {0: "zero", 1: "one", 2: "two", 3: "few", 7: "few", 11: "many", 100: "other", 103: "few"},
		"fr": {0: "one", 1: "one", 2: "other", 3: "other", 7: "other", 11: "other", 100: "other", 1000000: "many"},
	}
	for locale, byCount := range forms {
		src := catalogueText(t, locale)["ChecklistCount"].(map[string]any)
		m := c.Messages(language.MustParse(locale), true)
		for n, form := range byCount {
			t.Run(locale+"/"+strconv.Itoa(n), func(t *testing.T) {
				tmpl, ok := src[form].(string)
				if !ok {
					t.Fatalf("locales/%s.toml: ChecklistCount has no %q form", locale, form)
				}
				want := strings.ReplaceAll(tmpl, "{{.Count}}", strconv.Itoa(n))
				got, err := m.Text("ChecklistCount", nil, ptr(n))
				if err != nil {
					t.Fatalf("Text(ChecklistCount, %d): %v", n, err)
				}
				if got != want {
					t.Errorf("Text(ChecklistCount, %d) = %q, want the %s form %q", n, got, form, want)
				}
			})
		}
	}
}

func TestLoadErrors(t *testing.T) {
	en := &fstest.MapFile{Data: []byte(srcTOML)}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string // substrings of the error
	}{
		{"bad TOML", fstest.MapFS{
			"en.toml": en,
			"fr.toml": {Data: []byte("Intro = \"pas fermé\nHelpContact = 3 = 4\n")},
		}, []string{"fr.toml"}},
		{"bad TOML in the source", fstest.MapFS{
			"en.toml": {Data: []byte("[ChecklistCount\none = 1\n")},
		}, []string{"en.toml"}},
		{"file name not a tag", fstest.MapFS{
			"en.toml":      en,
			"notatag.toml": {Data: []byte(`Intro = "x"`)},
		}, []string{"notatag.toml", "language tag"}},
		{"no English", fstest.MapFS{
			"fr.toml": {Data: []byte(brokenFrTOML)},
			"de.toml": {Data: []byte(goodDeTOML)},
		}, []string{"en.toml"}},
		{"empty folder", fstest.MapFS{}, []string{"en.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := catalog.Load(tt.fsys)
			if err == nil {
				t.Fatalf("Load succeeded with tags %v; want an error", c.Tags())
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

func TestPlaceholders(t *testing.T) {
	c := loadEmbedded(t)
	tests := []struct {
		id   string
		want []string
	}{
		{"HelpWebsite", []string{"Website"}},
		{"HelpContact", []string{"Organisation"}},
		{"HelpHotline", []string{"HotlineName", "HotlineNumber"}},
		{"ChecklistCount", []string{"Count"}},
		{"Intro", nil},
		{"NoSuchMessage", nil},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := c.Placeholders(tt.id); !slices.Equal(got, tt.want) {
				t.Errorf("Placeholders(%s) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}
