package fontset

import (
	"io/fs"
	"testing"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/go-text/typesetting/language"
)

func TestChoice(t *testing.T) {
	s, err := Load(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang   string
		script language.Script
		bold   bool
		want   string
	}{
		{"ur", language.Arabic, false, "NotoNastaliqUrdu-Regular"},
		{"ur", language.Common, true, "NotoNastaliqUrdu-Bold"}, // by file: it declares weight 400
		{"ar", language.Arabic, false, "NotoNaskhArabic-Regular"},
		{"ar", language.Common, false, "NotoNaskhArabic-Regular"},
		{"hi", language.Devanagari, false, "NotoSansDevanagari-Regular"},
		{"bn", language.Common, false, "NotoSansBengali-Regular"},
		{"pa", language.Gurmukhi, true, "NotoSansGurmukhi-Bold"},
		{"ur", language.Latin, false, "NotoSans-Regular"}, // a URL in Urdu text
		{"ru", language.Cyrillic, false, "NotoSans-Regular"},
		{"vi", language.Common, false, "NotoSans-Regular"},
	}
	for _, tt := range tests {
		got := s.ForScript(tt.script, language.NewLanguage(tt.lang), tt.bold)
		if got.Name != tt.want {
			t.Errorf("%s, script %v, bold %v: %s, want %s", tt.lang, tt.script, tt.bold, got.Name, tt.want)
		}
	}
	if p := s.Primary(language.NewLanguage("ur-PK"), false); p.Name != "NotoNastaliqUrdu-Regular" {
		t.Errorf("Primary(ur-PK) = %s", p.Name)
	}
}

func TestFallback(t *testing.T) {
	s, err := Load(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	deva := s.ForScript(language.Devanagari, language.NewLanguage("hi"), false)
	chain := s.Fallback(deva, language.NewLanguage("hi"))
	if chain[0] != deva || len(chain) != 6 {
		t.Fatalf("fallback of %s: %d fonts starting with %s", deva.Name, len(chain), chain[0].Name)
	}
	// A danda after a Latin word in Bengali text: Noto Sans lacks it; the Bengali font comes next.
	latin := s.ForScript(language.Latin, language.NewLanguage("bn"), false)
	found := ""
	for _, f := range s.Fallback(latin, language.NewLanguage("bn")) {
		if f.Has('।') {
			found = f.Name
			break
		}
	}
	if found != "NotoSansBengali-Regular" {
		t.Errorf("the danda in Bengali text comes from %q, want NotoSansBengali-Regular", found)
	}
	seen := map[string]bool{}
	for _, f := range s.Fallback(latin, language.NewLanguage("bn")) {
		if seen[f.Name] {
			t.Errorf("%s twice in the fallback", f.Name)
		}
		seen[f.Name] = true
	}
	for _, f := range s.Fallback(deva, language.NewLanguage("hi")) {
		if f.Bold {
			t.Errorf("regular fallback holds a bold font: %s", f.Name)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(emptyFS{}); err == nil {
		t.Error("no font files: no error")
	}
}

type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) { return nil, fs.ErrNotExist }
