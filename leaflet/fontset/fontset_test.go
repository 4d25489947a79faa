package fontset

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/locales"
	"github.com/go-text/typesetting/language"
)

var loadShipped = sync.OnceValues(func() (*Set, error) { return Load(fonts.FS()) })

func shipped(t *testing.T) *Set {
	t.Helper()
	s, err := loadShipped()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestChoice checks the fonts the shipped locales are set in: what fonts.toml and the fonts'
// cmaps must keep giving.
func TestChoice(t *testing.T) {
	s := shipped(t)
	tests := []struct {
		lang   string
		script language.Script
		bold   bool
		want   string
	}{
		{"ur", language.Arabic, false, "NotoNastaliqUrdu-Regular"},
		{"ur", language.Common, true, "NotoNastaliqUrdu-Bold"}, // by file: it declares weight 400
		{"ur-PK", language.Inherited, false, "NotoNastaliqUrdu-Regular"},
		{"ar", language.Arabic, false, "NotoNaskhArabic-Regular"},
		{"ar", language.Common, false, "NotoNaskhArabic-Regular"},
		{"fa", language.Arabic, false, "NotoNaskhArabic-Regular"},
		{"hi", language.Devanagari, false, "NotoSansDevanagari-Regular"},
		{"hi", language.Arabic, false, "NotoNaskhArabic-Regular"},
		{"bn", language.Common, false, "NotoSansBengali-Regular"},
		{"pa", language.Gurmukhi, true, "NotoSansGurmukhi-Bold"},
		{"pa-IN", language.Common, false, "NotoSansGurmukhi-Regular"},
		{"ur", language.Latin, false, "NotoSans-Regular"}, // a URL in Urdu text
		{"ru", language.Cyrillic, false, "NotoSans-Regular"},
		{"sr-Latn", language.Common, false, "NotoSans-Regular"},
		{"vi", language.Common, false, "NotoSans-Regular"},
		{"el", language.Greek, false, "NotoSans-Regular"},
		{"en", language.Tamil, false, "NotoSans-Regular"}, // no family covers Tamil: the first
	}
	for _, tt := range tests {
		got := s.ForScript(tt.script, language.NewLanguage(tt.lang), tt.bold)
		if got.Name != tt.want {
			t.Errorf("ForScript(%v, %s, bold %v) = %s, want %s", tt.script, tt.lang, tt.bold, got.Name, tt.want)
		}
	}
	if p := s.Primary(language.NewLanguage("ur-PK"), false); p.Name != "NotoNastaliqUrdu-Regular" {
		t.Errorf("Primary(ur-PK) = %s", p.Name)
	}
}

// TestFamiliesFromFiles checks that every font file of the folder is loaded once, as one face
// of a family, whatever the files are.
func TestFamiliesFromFiles(t *testing.T) {
	s := shipped(t)
	files, err := fs.Glob(fonts.FS(), "*.ttf")
	if err != nil {
		t.Fatal(err)
	}
	loaded := map[string]*Font{}
	for _, f := range s.Fonts() {
		if loaded[f.Name] != nil {
			t.Errorf("%s loaded twice", f.Name)
		}
		loaded[f.Name] = f
	}
	if len(loaded) != len(files) {
		t.Errorf("%d fonts loaded from %d files", len(loaded), len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(file, ".ttf")
		f := loaded[name]
		switch {
		case f == nil:
			t.Errorf("%s not loaded", file)
		case f.Bold != strings.HasSuffix(name, "-Bold"):
			t.Errorf("%s: Bold = %v", file, f.Bold)
		case f.Family == "":
			t.Errorf("%s: no family name", file)
		}
	}
	regular := s.Fonts()[:len(files)/2]
	for i, f := range regular {
		if b := s.Fonts()[len(regular)+i]; f.Bold || !b.Bold || strings.TrimSuffix(f.Name, "-Regular") != strings.TrimSuffix(b.Name, "-Bold") {
			t.Errorf("Fonts()[%d] = %s and Fonts()[%d] = %s: want a family's regular and bold", i, f.Name, len(regular)+i, b.Name)
		}
	}
}

func TestFallback(t *testing.T) {
	s := shipped(t)
	families := len(s.Fonts()) / 2
	for _, lang := range []string{"hi", "bn", "ur", "en"} {
		for _, bold := range []bool{false, true} {
			l := language.NewLanguage(lang)
			first := s.ForScript(language.Latin, l, bold)
			chain := s.Fallback(first, l)
			if chain[0] != first || len(chain) != families {
				t.Errorf("fallback of %s in %s: %d fonts starting with %s, want %d starting with %s", first, lang, len(chain), chain[0], families, first)
			}
			if primary := s.Primary(l, bold); first != primary && chain[1] != primary {
				t.Errorf("fallback of %s in %s: %s second, want the language's own font, %s", first, lang, chain[1], primary)
			}
			seen := map[*Font]bool{}
			for _, f := range chain {
				if seen[f] {
					t.Errorf("fallback of %s in %s: %s twice", first, lang, f)
				}
				seen[f] = true
				if f.Bold != bold {
					t.Errorf("fallback of %s in %s holds %s, of the other weight", first, lang, f)
				}
			}
		}
	}
	// A danda after a Latin word in Bengali text: Noto Sans lacks it; the Bengali font comes next.
	bn := language.NewLanguage("bn")
	found := ""
	for _, f := range s.Fallback(s.ForScript(language.Latin, bn, false), bn) {
		if f.Has('।') {
			found = f.Name
			break
		}
	}
	if found != "NotoSansBengali-Regular" {
		t.Errorf("the danda in Bengali text comes from %q, want NotoSansBengali-Regular", found)
	}
}

// TestLocales checks that every catalogue in locales/ has fonts for its script, and that its
// text's own font covers that script.
func TestLocales(t *testing.T) {
	s := shipped(t)
	files, err := fs.Glob(locales.FS(), "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no catalogue in locales/")
	}
	for _, file := range files {
		tag := strings.TrimSuffix(file, ".toml")
		if err := s.Supports(tag); err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		scripts, err := LocaleScripts(tag)
		if err != nil {
			t.Fatal(err)
		}
		primary := s.Primary(language.NewLanguage(tag), false)
		if fam := s.familyOf(primary); fam.coverage[scripts[0]] < minCoverage {
			t.Errorf("%s: set in %s, which does not cover %v", file, primary, scripts[0])
		}
	}
}

func (s *Set) familyOf(f *Font) *family {
	for _, fam := range s.families {
		if fam.regular == f || fam.bold == f {
			return fam
		}
	}
	return nil
}

// TestCoverage logs the coverage figures of every family (go test -run TestCoverage -v), which
// fonts/README.md quotes, and checks that each family covers some script, none near the line.
func TestCoverage(t *testing.T) {
	s := shipped(t)
	for _, fam := range s.families {
		var b strings.Builder
		covers := 0
		for _, sc := range sortedScripts(fam.coverage) {
			share := fam.coverage[sc]
			mark := ""
			if share >= minCoverage {
				mark = " covered"
				covers++
			}
			fmt.Fprintf(&b, " %s (%v) %.0f%% of %d letters%s;", scriptName(sc), sc, 100*share, scriptInfos()[sc].letters, mark)
		}
		t.Logf("%s:%s", fam.stem, b.String())
		if covers == 0 {
			t.Errorf("%s covers no script: it is only ever a fallback", fam.stem)
		}
	}
}

func TestLocaleScripts(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"ur", "Arab"},
		{"ar", "Arab"},
		{"pa", "Guru"},
		{"pa-IN", "Guru"},
		{"sr-Latn", "Latn"},
		{"sh", "Latn"},
		{"sr", "Cyrl"},
		{"hi", "Deva"},
		{"ta", "Taml"},
		{"ja", "Hani Hira Kana"},
		{"zh-TW", "Hani"},
		{"qaa", "Zzzz"},
	}
	for _, tt := range tests {
		scripts, err := LocaleScripts(tt.tag)
		if err != nil {
			t.Errorf("LocaleScripts(%q): %v", tt.tag, err)
			continue
		}
		var got []string
		for _, sc := range scripts {
			got = append(got, sc.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("LocaleScripts(%q) = %v, want %s", tt.tag, got, tt.want)
		}
	}
	if _, err := LocaleScripts("not a tag"); err == nil {
		t.Error("LocaleScripts(\"not a tag\"): no error")
	}
}

func TestScriptError(t *testing.T) {
	s := shipped(t)
	latinOnly, err := Load(folder(t, "", "NotoSans"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set               *Set
		tag, script, name string
		inMessage         []string
	}{
		{s, "ta", "Taml", "Tamil", []string{`locale "ta"`, "Tamil (Taml)", "fonts/", "Adding a locale", "Adding a script"}},
		{s, "ja", "Hani", "Han", []string{"Han (Hani)"}},
		{s, "qaa", "Zzzz", "Unknown", []string{`"qaa"`, "qaa-Latn"}},
		{latinOnly, "ar", "Arab", "Arabic", []string{"Arabic (Arab)"}},
		{latinOnly, "hi-IN", "Deva", "Devanagari", []string{`"hi-IN"`, "Devanagari (Deva)"}},
	}
	for _, tt := range tests {
		err := tt.set.Supports(tt.tag)
		var se *ScriptError
		if !errors.As(err, &se) {
			t.Errorf("Supports(%q) = %v, want a *ScriptError", tt.tag, err)
			continue
		}
		if *se != (ScriptError{Locale: tt.tag, Script: tt.script, Name: tt.name}) {
			t.Errorf("Supports(%q) = %+v", tt.tag, *se)
		}
		for _, want := range tt.inMessage {
			if !strings.Contains(se.Error(), want) {
				t.Errorf("Supports(%q): %q does not say %q", tt.tag, se.Error(), want)
			}
		}
	}
	if err := latinOnly.Supports("sr-Latn"); err != nil {
		t.Errorf("a Latin font, Supports(sr-Latn): %v", err)
	}
	if err := s.Supports("not a tag"); err == nil || errors.As(err, new(*ScriptError)) {
		t.Errorf("Supports(\"not a tag\") = %v, want an error about the tag", err)
	}
}

// folder returns a font folder holding the shipped files of the families named (file stems)
// and, unless it is empty, a data file.
func folder(t *testing.T, data string, stems ...string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	if data != "" {
		m[DataFile] = &fstest.MapFile{Data: []byte(data)}
	}
	for _, stem := range stems {
		for _, suffix := range []string{regularSuffix, boldSuffix} {
			b, err := fs.ReadFile(fonts.FS(), stem+suffix)
			if err != nil {
				t.Fatal(err)
			}
			m[stem+suffix] = &fstest.MapFile{Data: b}
		}
	}
	return m
}

// TestUnlisted checks that a family the data file does not list is used, after the listed ones,
// for the scripts it covers, and that a folder without a data file works.
func TestUnlisted(t *testing.T) {
	const data = "[[family]]\nfile = \"NotoSans\"\n\n[[family]]\nfile = \"NotoNastaliqUrdu\"\nlanguages = [\"ur\"]\n"
	stems := []string{"NotoSans", "NotoNastaliqUrdu", "NotoSansDevanagari", "NotoNaskhArabic"}
	tests := []struct {
		name, data   string
		lang         string
		script       language.Script
		want         string
		wantFallback string
	}{
		{"listed", data, "ur", language.Common, "NotoNastaliqUrdu", "NotoNastaliqUrdu NotoSans NotoNaskhArabic NotoSansDevanagari"},
		{"unlisted", data, "hi", language.Devanagari, "NotoSansDevanagari", "NotoSansDevanagari NotoSans NotoNastaliqUrdu NotoNaskhArabic"},
		// Listed families come first: Arabic in Nastaliq, though Naskh sorts before it.
		{"listed first", data, "ar", language.Arabic, "NotoNastaliqUrdu", "NotoNastaliqUrdu NotoSans NotoNaskhArabic NotoSansDevanagari"},
		{"no data file", "", "ur", language.Arabic, "NotoNaskhArabic", "NotoNaskhArabic NotoNastaliqUrdu NotoSans NotoSansDevanagari"},
		{"no data file, Latin", "", "en", language.Latin, "NotoSans", "NotoSans NotoNaskhArabic NotoNastaliqUrdu NotoSansDevanagari"},
	}
	for _, tt := range tests {
		s, err := Load(folder(t, tt.data, stems...))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		lang := language.NewLanguage(tt.lang)
		first := s.ForScript(tt.script, lang, false)
		if first.String() != tt.want {
			t.Errorf("%s: ForScript(%v, %s) = %s, want %s", tt.name, tt.script, tt.lang, first, tt.want)
		}
		var chain []string
		for _, f := range s.Fallback(first, lang) {
			chain = append(chain, f.String())
		}
		if got := strings.Join(chain, " "); got != tt.wantFallback {
			t.Errorf("%s: fallback %s, want %s", tt.name, got, tt.wantFallback)
		}
		if err := s.Supports(tt.lang); err != nil {
			t.Errorf("%s: Supports(%s): %v", tt.name, tt.lang, err)
		}
	}
}

// TestDataErrors checks that every problem of a data file is reported with the file, the line
// and the key.
func TestDataErrors(t *testing.T) {
	stems := []string{"NotoSans", "NotoNastaliqUrdu"}
	tests := []struct {
		name, data string
		want       []string
	}{
		{"unknown key", "[[family]]\nfile = \"NotoSans\"\n\n[[family]]\nfile = \"NotoNastaliqUrdu\"\nlangs = [\"ur\"]\n",
			[]string{"fonts.toml:6: family[1].langs: unknown key"}},
		{"unknown table", "[[family]]\nfile = \"NotoSans\"\n[order]\nfirst = \"NotoSans\"\n",
			[]string{"fonts.toml:3: order: unknown key", "fonts.toml:4: order.first: unknown key"}},
		{"bad language", "[[family]]\nfile = \"NotoSans\"\n[[family]]\nfile = \"NotoNastaliqUrdu\"\nlanguages = [\"ur\", \"u r\"]\n",
			[]string{`fonts.toml:5: family[1].languages: "u r"`}},
		{"language of another script", "[[family]]\nfile = \"NotoSans\"\nlanguages = [\"en\", \"ur\"]\n",
			[]string{"fonts.toml:3: family[0].languages: ur is written in Arabic (Arab), which NotoSans does not cover"}},
		{"no such family", "[[family]]\nfile = \"NotoSans\"\n\n[[family]]\nfile = \"NotoSansTamil\"\n",
			[]string{"fonts.toml:5: family[1].file: no NotoSansTamil-Regular.ttf and NotoSansTamil-Bold.ttf"}},
		{"no file", "[[family]]\nfile = \"NotoSans\"\n\n[[family]]\nlanguages = [\"ur\"]\n",
			[]string{"fonts.toml:4: family[1]: no file"}},
		{"twice", "[[family]]\nfile = \"NotoSans\"\n[[family]]\nfile = \"NotoSans\"\n",
			[]string{"fonts.toml:4: family[1].file: NotoSans is listed twice (also in family[0])"}},
		{"wrong type", "[[family]]\nfile = \"NotoSans\"\nlanguages = \"en\"\n",
			[]string{"fonts.toml", "line 3", "family.languages"}},
		{"not TOML", "[[family]\nfile = \"NotoSans\"\n",
			[]string{"fonts.toml", "line 2"}},
	}
	for _, tt := range tests {
		_, err := Load(folder(t, tt.data, stems...))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, want := range tt.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: error %q does not say %q", tt.name, err, want)
			}
		}
	}
}

func TestLoadErrors(t *testing.T) {
	full := folder(t, "", "NotoSans")
	lone := fstest.MapFS{"NotoSans-Regular.ttf": full["NotoSans-Regular.ttf"]}
	odd := folder(t, "", "NotoSans")
	odd["NotoSans-Italic.ttf"] = full["NotoSans-Regular.ttf"]
	broken := folder(t, "", "NotoSans")
	broken["NotoSans-Bold.ttf"] = &fstest.MapFile{Data: []byte("not a font")}
	tests := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"empty", fstest.MapFS{}, "no font family"},
		{"lone regular", lone, "NotoSans-Regular.ttf has no NotoSans-Bold.ttf"},
		{"odd name", odd, "NotoSans-Italic.ttf: a font file must be named"},
		{"not a font", broken, "parse NotoSans-Bold.ttf"},
	}
	for _, tt := range tests {
		_, err := Load(tt.fsys)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
}

func TestRightToLeft(t *testing.T) {
	for tag, want := range map[string]bool{
		"ar": true, "ur": true, "fa": true, "he": true, "ckb": true, "dv": true, "pa-Arab": true, "pa-PK": true,
		"syr": true, "nqo": true, "ff-Adlm": true, "yi": true, "ur-IN": true, "az-Arab": true,
		"en": false, "pa": false, "hi": false, "sr-Latn": false, "ru": false, "ja": false, "az": false, "tlh": false,
	} {
		got, err := RightToLeft(tag)
		if err != nil || got != want {
			t.Errorf("RightToLeft(%s) = %v, %v; want %v", tag, got, err, want)
		}
	}
	if _, err := RightToLeft("not a tag!"); err == nil {
		t.Error("RightToLeft of no tag: no error")
	}
}
