package fontset

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/go-text/typesetting/language"
	xlanguage "golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/tomlpos"
)

// DataFile is the name of the data file in a font folder: what the font files cannot say about
// themselves. Its schema is in fonts/README.md:
//
//	[[family]]                 # one table per family, in fallback order
//	file = "NotoNastaliqUrdu"  # the files NotoNastaliqUrdu-Regular.ttf and -Bold.ttf
//	languages = ["ur"]         # optional: BCP 47 tags of languages that prefer this family
const DataFile = "fonts.toml"

// data is the data file, as decoded.
type data struct {
	Family []struct {
		File      string   `toml:"file"`
		Languages []string `toml:"languages"`
	} `toml:"family"`
}

// listedFamily is one checked [[family]] of the data file.
type listedFamily struct {
	stem  string
	langs []language.Language
	where string // "fonts.toml:7: family[2].languages", for messages about the languages
}

// readData reads the data file of fsys, if there is one, and checks it against the families
// found (stems). Every problem is reported, each naming the file, the line and the key.
//
// That each language is written in a script its family covers is checked by checkLanguages,
// once the fonts are parsed.
func readData(fsys fs.FS, stems []string) ([]listedFamily, error) {
	src, err := fs.ReadFile(fsys, DataFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fontset: %w", err)
	}
	var d data
	md, err := toml.Decode(string(src), &d)
	if err != nil {
		return nil, fmt.Errorf("fontset: %s: %w", DataFile, err)
	}
	lines := tomlpos.Scan(src)
	var problems []error
	problem := func(key, format string, args ...any) {
		line := lines.Line(key)
		if found := lines.Find(key); line == 0 && len(found) > 0 {
			line = found[0]
		}
		problems = append(problems, fmt.Errorf("fontset: %s:%d: %s: %s", DataFile, line, key, fmt.Sprintf(format, args...)))
	}
	for _, k := range md.Undecoded() {
		for _, key := range elementKeys(lines, k, len(d.Family)) {
			problem(key, "unknown key (the file holds [[family]] tables of file and languages)")
		}
	}
	var out []listedFamily
	seen := map[string]string{} // stem -> key of the element that lists it
	for i, f := range d.Family {
		key := fmt.Sprintf("family[%d]", i)
		switch {
		case f.File == "":
			problem(key, "no file: give the name of its files without %s or %s", regularSuffix, boldSuffix)
			continue
		case !slices.Contains(stems, f.File):
			problem(key+".file", "no %s%s and %s%s in the folder", f.File, regularSuffix, f.File, boldSuffix)
			continue
		case seen[f.File] != "":
			problem(key+".file", "%s is listed twice (also in %s)", f.File, seen[f.File])
			continue
		}
		seen[f.File] = key
		l := listedFamily{stem: f.File, where: fmt.Sprintf("%s:%d: %s.languages", DataFile, lines.Line(key+".languages"), key)}
		for _, tag := range f.Languages {
			t, err := xlanguage.Parse(tag)
			if err != nil {
				problem(key+".languages", "%q: %v", tag, err)
				continue
			}
			l.langs = append(l.langs, language.NewLanguage(t.String()))
		}
		out = append(out, l)
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return out, nil
}

// elementKeys names a key the decoder did not use ("family.langs") with the index of each
// [[family]] that defines it ("family[1].langs"), as tomlpos finds them; a key outside the
// families, or one tomlpos cannot place, is named as it is.
func elementKeys(lines tomlpos.Lines, k toml.Key, families int) []string {
	if len(k) < 2 || k[0] != "family" {
		return []string{k.String()}
	}
	rest := strings.Join(k[1:], ".")
	var out []string
	for i := range families {
		elem := fmt.Sprintf("family[%d]", i)
		if key := elem + "." + rest; lines.Line(key) != lines.Line(elem) {
			out = append(out, key)
		}
	}
	if len(out) == 0 {
		out = []string{k.String()}
	}
	return out
}

// checkLanguages checks that each language the data file lists for a family is written in a
// script the family covers: a preference for a family that cannot set the language's text
// would never apply.
func checkLanguages(families []*family) error {
	var problems []error
	for _, fam := range families {
		for _, lang := range fam.langs {
			scripts, err := LocaleScripts(string(lang))
			if err != nil {
				return err
			}
			for _, sc := range scripts {
				if fam.coverage[sc] < minCoverage {
					problems = append(problems, fmt.Errorf("fontset: %s: %s is written in %s (%s), which %s does not cover (%.0f%% of its letters, want %.0f%%)",
						fam.where, lang, scriptName(sc), sc, fam.stem, 100*fam.coverage[sc], 100*minCoverage))
				}
			}
		}
	}
	return errors.Join(problems...)
}
