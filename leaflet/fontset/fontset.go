// Package fontset knows the leaflet's font files: which file serves which script and language, in
// which weight, and which font to fall back to for a character the first choice lacks.
//
// A Set is parsed once and is safe for concurrent use: it is never changed after Load. Faces,
// which cache glyph data and are not safe for concurrent use, are made per user with NewFaces.
package fontset

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
)

// Font is one parsed font file.
type Font struct {
	Name   string // PostScript-style name, from the file name: "NotoSans-Bold"
	Family string // "Noto Sans"
	Bold   bool   // chosen by file name, never by the weight the font declares
	Data   []byte // the file as it is
	Font   *font.Font
}

// Upem returns the font's units per em.
func (f *Font) Upem() float64 { return float64(f.Font.Upem()) }

// Has reports whether the font maps r to a glyph.
func (f *Font) Has(r rune) bool {
	_, ok := f.Font.NominalGlyph(r)
	return ok
}

// family describes one family of files and the scripts it is the first choice for.
type family struct {
	name    string
	file    string // file name stem; "-Regular.ttf" and "-Bold.ttf" are appended
	scripts []language.Script
	langs   []string // languages for which this family wins over others of the same script
}

// families lists the families in fallback order: a character no earlier family has is looked
// for in the later ones.
var families = []family{
	{name: "Noto Sans", file: "NotoSans", scripts: []language.Script{language.Latin, language.Cyrillic, language.Greek}},
	{name: "Noto Naskh Arabic", file: "NotoNaskhArabic", scripts: []language.Script{language.Arabic}},
	{name: "Noto Nastaliq Urdu", file: "NotoNastaliqUrdu", langs: []string{"ur"}},
	{name: "Noto Sans Devanagari", file: "NotoSansDevanagari", scripts: []language.Script{language.Devanagari}},
	{name: "Noto Sans Bengali", file: "NotoSansBengali", scripts: []language.Script{language.Bengali}},
	{name: "Noto Sans Gurmukhi", file: "NotoSansGurmukhi", scripts: []language.Script{language.Gurmukhi}},
}

// Set is the parsed fonts, regular and bold of every family.
type Set struct {
	regular, bold []*Font // in the order of families
}

// Load parses the font files of every family from fsys (a folder holding NotoSans-Regular.ttf …).
func Load(fsys fs.FS) (*Set, error) {
	s := &Set{}
	for _, fam := range families {
		for _, bold := range []bool{false, true} {
			name := fam.file + "-Regular"
			if bold {
				name = fam.file + "-Bold"
			}
			data, err := fs.ReadFile(fsys, name+".ttf")
			if err != nil {
				return nil, fmt.Errorf("fontset: %w", err)
			}
			face, err := font.ParseTTF(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("fontset: parse %s.ttf: %w", name, err)
			}
			f := &Font{Name: name, Family: fam.name, Bold: bold, Data: data, Font: face.Font}
			if bold {
				s.bold = append(s.bold, f)
			} else {
				s.regular = append(s.regular, f)
			}
		}
	}
	return s, nil
}

// Fonts returns every font of the set, regular ones first.
func (s *Set) Fonts() []*Font {
	return append(append([]*Font(nil), s.regular...), s.bold...)
}

// Primary returns the font a language's text is set in: its script's family, or the family
// dedicated to the language (Urdu is set in Nastaliq, Arabic in Naskh).
func (s *Set) Primary(lang language.Language, bold bool) *Font {
	return s.ForScript(scriptOfLanguage(string(lang.Primary())), lang, bold)
}

// ForScript returns the first-choice font for text of script in language lang.
func (s *Set) ForScript(script language.Script, lang language.Language, bold bool) *Font {
	fonts := s.weight(bold)
	base := lang.Primary()
	for i, fam := range families {
		for _, l := range fam.langs {
			if l == string(base) && (script == language.Arabic || script == language.Common || script == language.Inherited) {
				return fonts[i]
			}
		}
	}
	if script == language.Common || script == language.Inherited || script == language.Unknown {
		script = scriptOfLanguage(string(base))
	}
	for i, fam := range families {
		for _, sc := range fam.scripts {
			if sc == script {
				return fonts[i]
			}
		}
	}
	return fonts[0]
}

// Fallback returns the fonts to try, in order, for a character of text in language lang that
// first lacks: first, then the language's own font (a danda after a Latin name in Bengali text
// comes from the Bengali font), then every other font.
func (s *Set) Fallback(first *Font, lang language.Language) []*Font {
	out := []*Font{first}
	if p := s.Primary(lang, first.Bold); p != first {
		out = append(out, p)
	}
	for _, f := range s.weight(first.Bold) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func (s *Set) weight(bold bool) []*Font {
	if bold {
		return s.bold
	}
	return s.regular
}

// scriptOfLanguage is the script a language is written in when its tag does not say.
func scriptOfLanguage(base string) language.Script {
	switch base {
	case "ar", "ur", "fa", "ps":
		return language.Arabic
	case "hi", "mr", "ne":
		return language.Devanagari
	case "bn", "as":
		return language.Bengali
	case "pa":
		return language.Gurmukhi
	case "ru", "uk", "bg", "mk", "be":
		return language.Cyrillic
	case "el":
		return language.Greek
	}
	return language.Latin
}

// Faces is a per-user view of a Set: one go-text face per font, created on first use. A Faces
// must not be shared between goroutines.
type Faces struct {
	set   *Set
	faces map[*Font]*font.Face
	fonts map[*font.Face]*Font
}

// NewFaces returns an empty Faces over s.
func (s *Set) NewFaces() *Faces {
	return &Faces{set: s, faces: map[*Font]*font.Face{}, fonts: map[*font.Face]*Font{}}
}

// Set returns the set the faces are made from.
func (fc *Faces) Set() *Set { return fc.set }

// Face returns the face of f.
func (fc *Faces) Face(f *Font) *font.Face {
	face, ok := fc.faces[f]
	if !ok {
		face = font.NewFace(f.Font)
		fc.faces[f] = face
		fc.fonts[face] = f
	}
	return face
}

// Font returns the font a face was made from.
func (fc *Faces) Font(face *font.Face) *Font { return fc.fonts[face] }

// String names the font, for messages.
func (f *Font) String() string { return strings.TrimSuffix(f.Name, "-Regular") }
