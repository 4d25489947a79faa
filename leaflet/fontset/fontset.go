// Package fontset knows the leaflet's font files: which file serves which script and language, in
// which weight, and which font to fall back to for a character the first choice lacks.
//
// Nothing about a font is written in Go:
//   - the families are the pairs of files X-Regular.ttf and X-Bold.ttf in the font folder;
//   - the scripts a family covers come from its own cmap: a family covers a script when each of
//     its files maps at least 60% of the script's letters in the script's home page, the 256
//     code points U+xx00–U+xxFF that hold its first letter;
//   - the order in which families are tried, and the languages that prefer a family (Urdu is set
//     in Nastaliq, other Arabic-script text in Naskh), come from the folder's data file,
//     fonts.toml (see DataFile);
//   - a language's script comes from golang.org/x/text (ur → Arab, pa → Guru, sr-Latn → Latn).
//
// fonts/README.md describes the data file and how to add a script. Set.Supports tells, before
// any text is set, whether a locale's script has a font.
//
// A Set is parsed once and is safe for concurrent use: nothing but a cache of each language's
// script changes after Load. Faces, which cache glyph data and are not safe for concurrent use,
// are made per user with NewFaces.
package fontset

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/sfnt"
)

// Font is one parsed font file.
type Font struct {
	Name   string // PostScript-style name, from the file name: "NotoSans-Bold"
	Family string // the family name the font declares: "Noto Sans"
	Bold   bool   // chosen by file name, never by the weight the font declares
	Data   []byte // the file as it is
	Font   *font.Font

	tables map[string][]byte // the file's tables by tag, slices of Data (see Table)
}

// Table returns the bytes of the font file's table tag ("glyf", "OS/2"…), or nil when the file
// has none. They are the file's own bytes, shared by every user of the font: read them, never
// change them. The table directory is read once, when the font is loaded, so that what embeds
// the font's glyphs in a document (package pdf) reads only the tables and glyphs it needs.
func (f *Font) Table(tag string) []byte { return f.tables[tag] }

// Upem returns the font's units per em.
func (f *Font) Upem() float64 { return float64(f.Font.Upem()) }

// Has reports whether the font maps r to a glyph.
func (f *Font) Has(r rune) bool {
	_, ok := f.Font.NominalGlyph(r)
	return ok
}

// String names the font, for messages.
func (f *Font) String() string { return strings.TrimSuffix(f.Name, "-Regular") }

// File suffixes of a family's two faces. The face is chosen by file name, because the weight a
// font declares cannot be trusted (NotoNastaliqUrdu-Bold.ttf declares 400).
const (
	regularSuffix = "-Regular.ttf"
	boldSuffix    = "-Bold.ttf"
)

// family is one pair of files and what is known of it.
type family struct {
	stem          string              // file name before the suffix: "NotoSans"
	langs         []language.Language // from the data file: languages that prefer this family
	where         string              // where the data file lists the languages, for messages
	regular, bold *Font
	coverage      map[language.Script]float64 // share of each script's letters, the lower of both files
}

func (fam *family) font(bold bool) *Font {
	if bold {
		return fam.bold
	}
	return fam.regular
}

// prefers reports whether the data file lists lang, or a language lang is a variant of (ur for
// ur-pk), among the family's languages. It is asked for every character set: it allocates nothing.
func (fam *family) prefers(lang language.Language) bool {
	for _, l := range fam.langs {
		if lang == l || len(lang) > len(l) && lang[len(l)] == '-' && lang[:len(l)] == l {
			return true
		}
	}
	return false
}

// Set is the parsed fonts, regular and bold of every family.
type Set struct {
	families      []*family // in fallback order: those of the data file, then the others by name
	regular, bold []*Font   // in the order of families
	covering      map[language.Script][]*family
	scripts       sync.Map // language.Language -> []language.Script, the language's scripts
}

// Load parses every family of fonts in fsys: each pair X-Regular.ttf, X-Bold.ttf at its root,
// in the order and with the language preferences of its data file, fonts.toml (see
// fonts/README.md). Without a data file, families are tried in file-name order and no language
// prefers one. A .ttf file that is not one of a pair, and a data file that does not check, are
// errors.
func Load(fsys fs.FS) (*Set, error) {
	stems, err := findFamilies(fsys)
	if err != nil {
		return nil, err
	}
	listed, err := readData(fsys, stems)
	if err != nil {
		return nil, err
	}
	s := &Set{covering: map[language.Script][]*family{}}
	fams := order(stems, listed)
	if err := loadAll(fsys, fams); err != nil {
		return nil, err
	}
	for _, fam := range fams {
		s.families = append(s.families, fam)
		s.regular = append(s.regular, fam.regular)
		s.bold = append(s.bold, fam.bold)
		for _, sc := range sortedScripts(fam.coverage) {
			if fam.coverage[sc] >= minCoverage {
				s.covering[sc] = append(s.covering[sc], fam)
			}
		}
	}
	if err := checkLanguages(s.families); err != nil {
		return nil, err
	}
	return s, nil
}

// findFamilies returns the stems of the pairs of files at the root of fsys, sorted.
func findFamilies(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("fontset: %w", err)
	}
	regular, bold := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() || !strings.EqualFold(path.Ext(name), ".ttf"):
		case strings.HasSuffix(name, regularSuffix):
			regular[strings.TrimSuffix(name, regularSuffix)] = true
		case strings.HasSuffix(name, boldSuffix):
			bold[strings.TrimSuffix(name, boldSuffix)] = true
		default:
			return nil, fmt.Errorf("fontset: %s: a font file must be named X%s or X%s", name, regularSuffix, boldSuffix)
		}
	}
	var stems []string
	for stem := range regular {
		if !bold[stem] {
			return nil, fmt.Errorf("fontset: %s%s has no %s%s beside it", stem, regularSuffix, stem, boldSuffix)
		}
		stems = append(stems, stem)
	}
	for stem := range bold {
		if !regular[stem] {
			return nil, fmt.Errorf("fontset: %s%s has no %s%s beside it", stem, boldSuffix, stem, regularSuffix)
		}
	}
	if len(stems) == 0 {
		return nil, fmt.Errorf("fontset: no font family in the folder: want pairs of files X%s, X%s", regularSuffix, boldSuffix)
	}
	sort.Strings(stems)
	return stems, nil
}

// order returns the families in fallback order: those listed in the data file, in its order,
// then the others in file-name order.
func order(stems []string, listed []listedFamily) []*family {
	var out []*family
	done := map[string]bool{}
	for _, l := range listed {
		out = append(out, &family{stem: l.stem, langs: l.langs, where: l.where})
		done[l.stem] = true
	}
	for _, stem := range stems {
		if !done[stem] {
			out = append(out, &family{stem: stem})
		}
	}
	return out
}

// loadAll reads the files of every family, one after another, then parses them and measures
// the scripts they cover, as many at once as there are processors (parsing is most of the time
// a Printer takes to start), and gives each family its fonts and its coverage.
func loadAll(fsys fs.FS, fams []*family) error {
	type file struct {
		name string
		bold bool
		data []byte
		font *Font
		cov  map[language.Script]float64
		err  error
	}
	var files []*file
	for _, fam := range fams {
		for _, bold := range []bool{false, true} {
			f := &file{name: fam.stem + regularSuffix, bold: bold}
			if bold {
				f.name = fam.stem + boldSuffix
			}
			var err error
			if f.data, err = fs.ReadFile(fsys, f.name); err != nil {
				return fmt.Errorf("fontset: %w", err)
			}
			files = append(files, f)
		}
	}
	var wg sync.WaitGroup
	next := make(chan *file)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for f := range next {
				if f.font, f.err = parse(f.name, f.data, f.bold); f.err == nil {
					f.cov = coverage(f.font.Font)
				}
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	for i, fam := range fams {
		reg, bold := files[2*i], files[2*i+1]
		if err := cmp.Or(reg.err, bold.err); err != nil {
			return err
		}
		fam.regular, fam.bold = reg.font, bold.font
		fam.coverage = map[language.Script]float64{} // the lower of both files
		for sc, share := range reg.cov {
			fam.coverage[sc] = min(share, bold.cov[sc])
		}
	}
	return nil
}

// parse parses the font file named file.
func parse(file string, data []byte, bold bool) (*Font, error) {
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("fontset: parse %s: %w", file, err)
	}
	tables, err := sfnt.Tables(data)
	if err != nil {
		return nil, fmt.Errorf("fontset: parse %s: %w", file, err)
	}
	name := strings.TrimSuffix(file, path.Ext(file))
	return &Font{Name: name, Family: face.Describe().Family, Bold: bold, Data: data, Font: face.Font, tables: tables}, nil
}

// Fonts returns every font of the set, regular ones first, each weight in fallback order.
func (s *Set) Fonts() []*Font {
	return append(append([]*Font(nil), s.regular...), s.bold...)
}

// Primary returns the font a language's text is set in: the first choice for the language's
// script (see ForScript).
func (s *Set) Primary(lang language.Language, bold bool) *Font {
	return s.ForScript(s.scriptOf(lang), lang, bold)
}

// ForScript returns the first-choice font for text of script in language lang: among the
// families that cover the script, in fallback order, the first that the data file lists for the
// language (Urdu: Noto Nastaliq Urdu), else the first. Text of no particular script (digits,
// punctuation: Common, Inherited, Unknown) counts as the language's own script. When no family
// covers the script, the first font of the set is returned, and the fallback finds what it can.
func (s *Set) ForScript(script language.Script, lang language.Language, bold bool) *Font {
	if !script.Strong() || script == language.Unknown {
		script = s.scriptOf(lang)
	}
	fams := s.covering[script]
	for _, fam := range fams {
		if fam.prefers(lang) {
			return fam.font(bold)
		}
	}
	if len(fams) > 0 {
		return fams[0].font(bold)
	}
	return s.families[0].font(bold)
}

// Fallback returns the fonts to try, in order, for a character of text in language lang that
// first lacks: first, then the language's own font (a danda after a Latin name in Bengali text
// comes from the Bengali font), then every other font of the same weight, in fallback order.
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

// scriptOf returns the script text in lang is written in (the first, for a tag that stands for
// several), or Unknown when golang.org/x/text cannot tell. Results are cached: this is asked for
// every digit and space.
func (s *Set) scriptOf(lang language.Language) language.Script {
	v, ok := s.scripts.Load(lang)
	if !ok {
		scripts, err := LocaleScripts(string(lang))
		if err != nil || len(scripts) == 0 {
			scripts = []language.Script{language.Unknown}
		}
		v, _ = s.scripts.LoadOrStore(lang, scripts)
	}
	return v.([]language.Script)[0]
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
