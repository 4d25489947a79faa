package typeset

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/internal/tomlpos"
	"github.com/go-text/typesetting/language"
	"golang.org/x/text/unicode/norm"
)

var regen = flag.Bool("regen", false, "TestHarfBuzz: write testdata/shaping/sentences.txt (from cases.txt and every catalogue), "+
	"words.tsv and runs.tsv (the pieces and runs the typesetter sets, for regen.py), and compare nothing; "+
	"`go generate ./leaflet/typeset` runs this, regen.py and the test")

var localesDir = flag.String("locales", "../../locales", "TestHarfBuzz: the folder of catalogues (<tag>.toml) whose text is compared")

const (
	shapingDir   = "testdata/shaping"
	editionFile  = "../editions/ecpat-belgium.toml" // the default edition, which fills {{.X}} actions
	regenCommand = "go generate ./leaflet/typeset"  // from the repository's root; needs hb-shape and python3
	hbTol        = 1.0                              // font units
	minWords     = 40                               // distinct words of its script compared per locale
	count        = 7                                // {{.Count}}: the points of the leaflet's checklist
)

// i18nKeys are the keys of a go-i18n message table that are not printed text (lower case: go-i18n
// reads them so).
var i18nKeys = []string{"description", "hash", "id", "leftdelim", "rightdelim"}

// hbGlyph is one glyph of hb-shape's JSON output.
type hbGlyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
	Ax int `json:"ax"`
	Ay int `json:"ay"`
}

// hbWord is one entry of harfbuzz.json's "words": a piece of a word shaped alone by hb-shape.
type hbWord struct {
	Lang   string    `json:"lang"`
	Font   string    `json:"font"` // file name in fonts/
	Text   string    `json:"text"`
	Glyphs []hbGlyph `json:"glyphs"`
}

// hbContext is one entry of harfbuzz.json's "context": a piece that HarfBuzz shapes otherwise
// within its run, in its sentence, than alone, and its glyphs there (as hb-shape gives them for
// the run, cut to the piece's clusters: clusters from the piece's first rune, the first glyph's
// pen position 0).
type hbContext struct {
	Lang   string    `json:"lang"`
	Font   string    `json:"font"`
	Line   string    `json:"line"`  // the sentence, NFC
	Start  int       `json:"start"` // the piece's first rune in Line
	Text   string    `json:"text"`
	Glyphs []hbGlyph `json:"glyphs"`
}

// hbReference is harfbuzz.json, as regen.py writes it.
type hbReference struct {
	Generator      string            `json:"generator"` // hb-shape --version
	Command        string            `json:"command"`   // how "words" were shaped
	ContextCommand string            `json:"context_command"`
	Fonts          map[string]string `json:"fonts"`   // file name -> SHA-256 of the file shaped with
	Words          []hbWord          `json:"words"`   // every piece, shaped alone
	Context        []hbContext       `json:"context"` // the pieces that HarfBuzz shapes otherwise in context
}

// sentence is one text TestHarfBuzz sets on one line.
type sentence struct {
	where      string // for messages: "sentences.txt:12", "locales/ta.toml:7 (Intro)"
	source     string // the file it comes from: "cases.txt", "locales/hi.toml"
	lang, text string
}

func (s sentence) key() string { return s.lang + "\t" + s.text }

// readSentenceFile reads a file of testdata/shaping holding one "lang<TAB>text" a line; blank
// lines and lines starting with '#' are skipped. The text is taken as it is: a phone number's
// groups are joined by U+00A0 there, as the leaflet sets them.
func readSentenceFile(t *testing.T, name string) []sentence {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shapingDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var out []sentence
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, text, ok := strings.Cut(line, "\t")
		if !ok || lang == "" || strings.TrimSpace(text) == "" {
			t.Fatalf("%s:%d: want lang<TAB>text, got %q", name, n+1, line)
		}
		out = append(out, sentence{where: fmt.Sprintf("%s:%d", name, n+1), source: name, lang: lang, text: text})
	}
	return out
}

// catalogue is one catalogue of locales/ and the sentences it prints.
type catalogue struct {
	tag   string // from the file name: "sr-Latn"
	sents []sentence
}

// readCatalogues reads every catalogue of locales/, in file-name order.
func readCatalogues(t *testing.T) []catalogue {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(*localesDir, "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no catalogue in %s", *localesDir)
	}
	sort.Strings(files)
	ed := readEdition(t)
	var out []catalogue
	for _, file := range files {
		out = append(out, readCatalogue(t, file, ed))
	}
	return out
}

// readCatalogue returns the sentences a catalogue prints: every string value of the file, in
// file order, read without knowing the catalogue's schema (flat `ID = "text"` messages and
// go-i18n tables `[ID]` with plural forms alike), but, inside a table, go-i18n's keys that are
// not text (i18nKeys). Template actions are filled in from the edition (each plural form with
// Count), and a string of several lines gives a sentence per line.
func readCatalogue(t *testing.T, file string, ed edition) catalogue {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	tag := strings.TrimSuffix(filepath.Base(file), ".toml")
	source := "locales/" + filepath.Base(file)
	strs, err := printedStrings(src)
	if err != nil {
		t.Fatalf("%s: %v", source, err)
	}
	c := catalogue{tag: tag}
	data := ed.data(tag)
	for _, s := range strs {
		where := fmt.Sprintf("%s:%d (%s)", source, s.line, s.key)
		text, err := fill(s, data)
		if err != nil {
			t.Fatalf("%s: %v (TestHarfBuzz fills {{.X}} from %s: %v)", where, err, editionFile, mapsKeys(data))
		}
		for _, line := range strings.Split(text, "\n") {
			switch {
			case strings.TrimSpace(line) == "":
			case strings.Contains(line, "\t"):
				t.Logf("%s: holds a tab, which sentences.txt cannot hold: not compared with HarfBuzz", where)
			default:
				c.sents = append(c.sents, sentence{where: where, source: source, lang: tag, text: line})
			}
		}
	}
	return c
}

// printedString is one string value of a catalogue.
type printedString struct {
	key, text   string
	line        int
	left, right string // the template delimiters of its message
}

// printedStrings returns every string value of a TOML catalogue, in file order, but for the
// keys of i18nKeys inside a table.
func printedStrings(src []byte) ([]printedString, error) {
	var doc map[string]any
	if _, err := toml.Decode(string(src), &doc); err != nil {
		return nil, err
	}
	lines := tomlpos.Scan(src)
	var out []printedString
	var walk func(path string, v any, table map[string]any)
	walk = func(path string, v any, table map[string]any) {
		switch v := v.(type) {
		case string:
			left, right := delim(table, "leftdelim", "{{"), delim(table, "rightdelim", "}}")
			out = append(out, printedString{key: path, text: v, line: lines.Line(path), left: left, right: right})
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e, table)
			}
		case []map[string]any:
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e, nil)
			}
		case map[string]any:
			keys := mapsKeys(v)
			sort.SliceStable(keys, func(i, j int) bool {
				li, lj := lines.Line(join(path, keys[i])), lines.Line(join(path, keys[j]))
				return li < lj || li == lj && keys[i] < keys[j]
			})
			for _, k := range keys {
				if path != "" && slices.Contains(i18nKeys, strings.ToLower(k)) {
					continue
				}
				walk(join(path, k), v[k], v)
			}
		}
	}
	walk("", doc, nil)
	return out, nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func mapsKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// delim returns the go-i18n delimiter key of a message table (any case), or def.
func delim(table map[string]any, key, def string) string {
	for k, v := range table {
		if s, ok := v.(string); ok && strings.ToLower(k) == key && s != "" {
			return s
		}
	}
	return def
}

// fill executes a string's template actions with data, as go-i18n does; an action naming a field
// data lacks is an error.
func fill(s printedString, data map[string]any) (string, error) {
	if !strings.Contains(s.text, s.left) {
		return s.text, nil
	}
	tmpl, err := template.New(s.key).Delims(s.left, s.right).Option("missingkey=error").Parse(s.text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// edition is what the default edition file says, read as plain TOML.
type edition struct {
	fields       map[string]any    // the template fields every locale shares
	descriptions map[string]string // the first helpline's description, by locale
}

// readEdition reads the default edition: organisation, website, email, emergency and the first
// [[helpline]] (name, number, description.<locale>), as the template fields Organisation,
// Website, Email, Emergency, HelplineName, HelplineNumber and HelplineDescription, the helpline
// also as HotlineName and HotlineNumber (the older message HelpHotline), and Count. Phone
// numbers' spaces become U+00A0, as the leaflet sets them.
func readEdition(t *testing.T) edition {
	t.Helper()
	var doc map[string]any
	if _, err := toml.DecodeFile(editionFile, &doc); err != nil {
		t.Fatal(err)
	}
	str := func(m map[string]any, key string) string {
		s, _ := m[key].(string)
		return s
	}
	helplines, _ := doc["helpline"].([]map[string]any)
	if len(helplines) == 0 {
		t.Fatalf("%s: no [[helpline]]", editionFile)
	}
	hl := helplines[0]
	ed := edition{
		fields: map[string]any{
			"Organisation":   str(doc, "organisation"),
			"Website":        str(doc, "website"),
			"Email":          str(doc, "email"),
			"Emergency":      phone(str(doc, "emergency")),
			"HelplineName":   str(hl, "name"),
			"HelplineNumber": phone(str(hl, "number")),
			"HotlineName":    str(hl, "name"),
			"HotlineNumber":  phone(str(hl, "number")),
			"Count":          count,
		},
		descriptions: map[string]string{},
	}
	desc, _ := hl["description"].(map[string]any)
	for k := range desc {
		ed.descriptions[k] = str(desc, k)
	}
	return ed
}

// data returns the template fields for a locale: the shared ones and the helpline's description
// in the locale, else in English.
func (ed edition) data(tag string) map[string]any {
	out := map[string]any{}
	for k, v := range ed.fields {
		out[k] = v
	}
	d, ok := ed.descriptions[tag]
	if !ok {
		d = ed.descriptions["en"]
	}
	out["HelplineDescription"] = d
	return out
}

// phone makes a phone number one word, as the leaflet does: its spaces become no-break spaces.
func phone(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

// wantSentences returns what sentences.txt must hold: the cases of cases.txt, then the sentences
// of every catalogue, each (language, text) once.
func wantSentences(t *testing.T, cats []catalogue) []sentence {
	t.Helper()
	all := readSentenceFile(t, "cases.txt")
	for _, c := range cats {
		all = append(all, c.sents...)
	}
	seen := map[string]bool{}
	var out []sentence
	for _, s := range all {
		if !seen[s.key()] {
			seen[s.key()] = true
			out = append(out, s)
		}
	}
	return out
}

// writeSentences writes sentences.txt: a header, then the sentences, under a comment naming
// the file each group comes from.
func writeSentences(t *testing.T, sents []sentence) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`# TestHarfBuzz sentences: lang<TAB>text, one a line. Made by ` + regenCommand + `: do not edit.
# First the hand-written cases of cases.txt, then every printed string of every catalogue in
# locales/ (but go-i18n's keys that are not text), its {{.X}} actions filled in from
# leaflet/editions/ecpat-belgium.toml and Count = 7. Phone numbers are written as the leaflet sets
# them, their groups joined by a no-break space (U+00A0). Each line is set on one line at 1000 pt;
# its words (split at U+0020) are compared with hb-shape.
`)
	source := ""
	for _, s := range sents {
		if s.source != source {
			source = s.source
			fmt.Fprintf(&b, "\n# %s\n", source)
		}
		fmt.Fprintf(&b, "%s\t%s\n", s.lang, s.text)
	}
	if err := os.WriteFile(filepath.Join(shapingDir, "sentences.txt"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// missingFrom returns the sentences of want whose (language, text) have is missing.
func missingFrom(want, have []sentence) []sentence {
	in := map[string]bool{}
	for _, s := range have {
		in[s.key()] = true
	}
	var out []sentence
	for _, s := range want {
		if !in[s.key()] {
			out = append(out, s)
		}
	}
	return out
}

// rightToLeft reports whether paragraphs in lang run right to left (fontset.RightToLeft).
func rightToLeft(t *testing.T, lang string) bool {
	t.Helper()
	rtl, err := fontset.RightToLeft(lang)
	if err != nil {
		t.Fatal(err)
	}
	return rtl
}

// ofScript returns a function that reports whether a word holds a letter of one of scripts.
func ofScript(scripts []language.Script) func(string) bool {
	return func(w string) bool {
		return strings.ContainsFunc(w, func(r rune) bool {
			return unicode.IsLetter(r) && slices.Contains(scripts, language.LookupScript(r))
		})
	}
}

// piece is the part of one word that one run of the line sets: its glyphs as the typesetter
// placed them, relative to the piece's leftmost pen position.
type piece struct {
	sent   sentence
	line   string // the sentence, NFC: what the clusters index
	start  int    // the piece's first rune in line
	word   string // the whole word
	text   string // the piece's runes, logical order
	font   *fontset.Font
	glyphs []placed
	err    string // the piece's glyphs could not be taken from the run
}

// placed is a glyph as the typesetter placed it, in font units.
type placed struct {
	id, cl  int     // cl: the cluster, from the piece's first rune
	x, y, a float64 // x from the piece's leftmost pen position; a: the advance
}

// key identifies the piece alone, in words.tsv and harfbuzz.json's "words".
func (p *piece) key() string { return p.sent.lang + "\t" + p.font.Name + ".ttf\t" + p.text }

// contextKey identifies the piece in its sentence, in harfbuzz.json's "context".
func (p *piece) contextKey() string {
	return fmt.Sprintf("%s\t%s.ttf\t%d\t%s", p.sent.lang, p.font.Name, p.start, p.line)
}

// setRun is one run of a set sentence: runes [start, end) of line, in one font and direction.
type setRun struct {
	lang       string
	font       *fontset.Font
	rtl        bool
	start, end int
	line       string
}

func (r *setRun) key() string {
	dir := "ltr"
	if r.rtl {
		dir = "rtl"
	}
	return fmt.Sprintf("%s\t%s.ttf\t%s\t%d\t%d\t%s", r.lang, r.font.Name, dir, r.start, r.end, r.line)
}

// setPieces sets each sentence on one line, in its language's direction, and cuts its words, at
// U+0020, into pieces, one per run that sets part of the word. It returns the pieces and the runs
// of every line.
func setPieces(t *testing.T, set *fontset.Set, sents []sentence) ([]piece, []setRun) {
	t.Helper()
	typesetters := map[string]*Typesetter{}
	var pieces []piece
	var runs []setRun
	for _, s := range sents {
		ts := typesetters[s.lang]
		if ts == nil {
			ts = New(set.NewFaces(), s.lang, rightToLeft(t, s.lang))
			typesetters[s.lang] = ts
		}
		b, err := ts.Set([]Paragraph{{Text: s.text, Style: Style{Size: 1000}}}, 1e9, 1e9)
		if err != nil {
			t.Fatalf("%s: %v", s.where, err)
		}
		if len(b.Lines) != 1 {
			t.Fatalf("%s: set in %d lines, want 1", s.where, len(b.Lines))
		}
		text := []rune(norm.NFC.String(s.text))
		line := b.Lines[0]
		// Each run's place in the sentence: its first rune is its smallest cluster.
		starts := make([]int, len(line.Runs))
		for i, r := range line.Runs {
			starts[i] = -1
			for _, g := range r.Glyphs {
				if starts[i] < 0 || g.Cluster < starts[i] {
					starts[i] = g.Cluster
				}
			}
			rs, re := starts[i], starts[i]+len(r.Text)
			if rs < 0 || re > len(text) || string(text[rs:re]) != string(r.Text) {
				t.Fatalf("%s: cannot find run %d %q in the sentence", s.where, i, string(r.Text))
			}
			runs = append(runs, setRun{lang: s.lang, font: r.Font, rtl: r.Level.RTL(), start: rs, end: re, line: string(text)})
		}
		for ws := 0; ws < len(text); {
			if text[ws] == ' ' {
				ws++
				continue
			}
			we := ws
			for we < len(text) && text[we] != ' ' {
				we++
			}
			for i, r := range line.Runs {
				if ps, pe := max(ws, starts[i]), min(we, starts[i]+len(r.Text)); ps < pe {
					p := piece{sent: s, line: string(text), start: ps, word: string(text[ws:we]), text: string(text[ps:pe]), font: r.Font}
					p.glyphs, p.err = pieceGlyphs(r, ps, pe)
					pieces = append(pieces, p)
				}
			}
			ws = we
		}
	}
	return pieces, runs
}

// pieceGlyphs returns the glyphs of run r whose clusters lie in runes [ps, pe) of the sentence,
// placed relative to the leftmost pen position among them, with clusters from ps.
func pieceGlyphs(r Run, ps, pe int) ([]placed, string) {
	pen, left, first, last := 0.0, 0.0, -1, -1
	for k, g := range r.Glyphs {
		if g.Cluster >= ps && g.Cluster < pe {
			if first < 0 {
				first, left = k, pen
			} else if last != k-1 {
				return nil, fmt.Sprintf("its glyphs are not contiguous in the run: glyph %d follows glyph %d", k, last)
			}
			last = k
		}
		pen += g.Advance
	}
	if first < 0 {
		return nil, "the run has no glyph for it"
	}
	units := r.Font.Upem() / r.Size // points to font units
	var out []placed
	for _, g := range r.Glyphs[first : last+1] {
		out = append(out, placed{id: int(g.ID), cl: g.Cluster - ps, x: (g.X - left) * units, y: g.Y * units, a: g.Advance * units})
	}
	return out, ""
}

// TestHarfBuzz proves that the typesetter shapes as HarfBuzz itself does. Every sentence of
// testdata/shaping/sentences.txt (the hand-written cases of cases.txt and every printed string of
// every catalogue in locales/) is set on one line at 1000 pt, in its language's direction (that
// of its script, from golang.org/x/text); each word (cut at U+0020) is cut into pieces, one per
// run that sets part of it (a word with digits or Latin letters inside Arabic, or punctuation
// from a fallback font, has several). Each piece must have the glyph IDs and clusters, in visual
// order, that Debian's hb-shape (HarfBuzz 6.0) gives for the piece shaped alone with the same
// font and language, direction and script guessed by hb-shape, and each glyph must sit where
// hb-shape puts it relative to the piece's leftmost pen position (pen + dx, dy), with its
// advance, within hbTol font units. A few pieces HarfBuzz itself shapes otherwise within their
// sentence than alone (the Nastaliq font's lookups look across spaces; a lone "(" in RTL text is
// mirrored): for those, harfbuzz.json holds hb-shape's glyphs for the piece's run shaped in its
// sentence, and the piece is compared with those instead, as strictly. The test fails, too, when
// a locale has fewer than minWords distinct words with a letter of its script shaped as HarfBuzz.
//
// The reference, testdata/shaping/harfbuzz.json, is made anew from the catalogues, the cases and
// the fonts by one command, from the repository's root (see testdata/shaping/README.md):
//
//	go generate ./leaflet/typeset
//
// The test itself needs Go alone: it reads the committed files. A catalogue whose sentences are
// not in them (one just added or changed) is not compared, and the test says so and how to
// regenerate, unless hb-shape and python3 are on PATH: then regen.py shapes those sentences now,
// and they are compared as the others.
func TestHarfBuzz(t *testing.T) {
	set, err := fontset.Load(fonts.FS())
	if err != nil {
		t.Fatal(err)
	}
	cats := readCatalogues(t)
	cats = slices.DeleteFunc(cats, func(c catalogue) bool {
		err := set.Supports(c.tag)
		if err != nil {
			t.Errorf("%s: %v", c.tag, err) // the leaflet cannot print it either
		}
		return err != nil
	})
	want := wantSentences(t, cats)
	if *regen {
		regenerate(t, set, want)
		return
	}
	sents := readSentenceFile(t, "sentences.txt")
	if stale := missingFrom(sents, want); len(stale) > 0 {
		t.Logf("sentences.txt holds %s that neither cases.txt nor a catalogue holds now (the first: %s), still compared; to drop them: %s",
			plural(len(stale), "sentence"), stale[0].where, regenCommand)
	}
	pieces, _ := setPieces(t, set, sents)
	ref := readReference(t, set)
	uncovered := map[string]int{} // locale -> its sentences not compared
	if missing := missingFrom(want, sents); len(missing) > 0 {
		livePieces, live := shapeLive(t, set, missing)
		byLang := countByLang(missing)
		for _, lang := range mapsKeys(byLang) {
			n := byLang[lang]
			if live != nil {
				t.Logf("%s: %s not in the HarfBuzz reference (%s/sentences.txt), shaped now by hb-shape through regen.py; to commit them: %s",
					lang, plural(n, "sentence"), shapingDir, regenCommand)
			} else {
				uncovered[lang] = n
				t.Logf("%s: %s not in the HarfBuzz reference (%s/sentences.txt): not compared with HarfBuzz. Regenerate it: %s (needs hb-shape and python3)",
					lang, plural(n, "sentence"), shapingDir, regenCommand)
			}
		}
		if live != nil {
			pieces = append(pieces, livePieces...)
			ref.Words = append(ref.Words, live.Words...)
			ref.Context = append(ref.Context, live.Context...)
		}
	}
	tallies := compare(t, pieces, ref)
	for _, c := range cats {
		scripts, err := fontset.LocaleScripts(c.tag)
		if err != nil {
			t.Fatal(err)
		}
		tl := tallies[c.tag]
		if tl == nil && uncovered[c.tag] > 0 {
			continue // said above
		}
		same, all := 0, 0
		if tl != nil {
			for w, ok := range tl.same {
				if ofScript(scripts)(w) {
					all++
					if ok {
						same++
					}
				}
			}
		}
		t.Logf("%-8s %v: %3d of %3d distinct words of its script shaped as HarfBuzz", c.tag, scripts, same, all)
		if same < minWords {
			t.Errorf("%s (%v): only %d distinct words of its script shaped as HarfBuzz, want at least %d", c.tag, scripts, same, minWords)
		}
	}
}

// regenerate writes sentences.txt, and words.tsv and runs.tsv for regen.py, and skips the test.
func regenerate(t *testing.T, set *fontset.Set, want []sentence) {
	t.Helper()
	writeSentences(t, want)
	pieces, runs := setPieces(t, set, readSentenceFile(t, "sentences.txt"))
	for _, p := range pieces {
		if p.err != "" {
			t.Fatalf("%s: word %q: %s", p.sent.where, p.word, p.err)
		}
	}
	words, runsFile := filepath.Join(shapingDir, "words.tsv"), filepath.Join(shapingDir, "runs.tsv")
	if err := writeWords(words, runsFile, pieces, runs); err != nil {
		t.Fatal(err)
	}
	t.Skipf("wrote %d sentences, %s and %s; now python3 leaflet/typeset/%s/regen.py makes harfbuzz.json", len(want), words, runsFile, shapingDir)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func countByLang(sents []sentence) map[string]int {
	out := map[string]int{}
	for _, s := range sents {
		out[s.lang]++
	}
	return out
}

// shapeLive has regen.py shape, with hb-shape, the pieces and runs of sentences that the
// committed reference lacks. It returns them and their reference, or nil when hb-shape or python3
// is not on PATH.
func shapeLive(t *testing.T, set *fontset.Set, sents []sentence) ([]piece, *hbReference) {
	t.Helper()
	hb, err := exec.LookPath("hb-shape")
	if err != nil {
		return nil, nil
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		return nil, nil
	}
	pieces, runs := setPieces(t, set, sents)
	dir := t.TempDir()
	words, runsFile, out := filepath.Join(dir, "words.tsv"), filepath.Join(dir, "runs.tsv"), filepath.Join(dir, "harfbuzz.json")
	if err := writeWords(words, runsFile, pieces, runs); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join(shapingDir, "regen.py"), "--words", words, "--runs", runsFile, "--out", out, "--hb-shape", hb)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("shaping the sentences the reference lacks: %s: %v\n%s", strings.Join(cmd.Args, " "), err, msg)
		return nil, nil
	}
	return pieces, decodeReference(t, out)
}

// tally is what TestHarfBuzz found of one language.
type tally struct {
	words, pieces, context, bad int
	met                         map[string]bool // every word met, in its sentence
	same                        map[string]bool // each distinct word: all its pieces, wherever it occurs, shaped as HarfBuzz
}

// compare compares every piece with its reference, reports the differences, and returns a tally
// per language.
func compare(t *testing.T, pieces []piece, ref *hbReference) map[string]*tally {
	t.Helper()
	alone := map[string][]hbGlyph{}
	for _, w := range ref.Words {
		alone[w.Lang+"\t"+w.Font+"\t"+w.Text] = w.Glyphs
	}
	inContext := map[string]hbContext{}
	for _, c := range ref.Context {
		inContext[fmt.Sprintf("%s\t%s\t%d\t%s", c.Lang, c.Font, c.Start, c.Line)] = c
	}
	tallies := map[string]*tally{}
	usedContext := map[string]bool{}
	contextual := map[string]int{} // "lang font piece" -> times compared with HarfBuzz in context
	const maxShown = 40
	shown := 0
	for _, p := range pieces {
		c := tallies[p.sent.lang]
		if c == nil {
			c = &tally{met: map[string]bool{}, same: map[string]bool{}}
			tallies[p.sent.lang] = c
		}
		if k := p.sent.where + "\t" + p.word; !c.met[k] {
			c.met[k] = true
			c.words++
		}
		if _, ok := c.same[p.word]; !ok {
			c.same[p.word] = true
		}
		c.pieces++
		where := fmt.Sprintf("%s: %s word %q, piece %q, font %s", p.sent.where, p.sent.lang, p.word, p.text, p.font.Name)
		want, ok := alone[p.key()]
		against := "hb-shape of the piece alone"
		if ctx, found := inContext[p.contextKey()]; found && ctx.Text == p.text {
			want, ok = ctx.Glyphs, true
			against = "hb-shape of the piece's run in its sentence (HarfBuzz shapes the piece alone otherwise)"
			usedContext[p.contextKey()] = true
			contextual[fmt.Sprintf("%s %s %q", p.sent.lang, p.font.Name, p.text)]++
			c.context++
		}
		var problem string
		switch {
		case p.err != "":
			problem = p.err
		case !ok:
			problem = fmt.Sprintf("no hb-shape reference in harfbuzz.json (fonts or font choice changed?); regenerate: %s", regenCommand)
		default:
			if d := diffGlyphs(want, p.glyphs); d != "" {
				problem = "shaped unlike HarfBuzz; want " + against + "\n" + d
			}
		}
		if problem == "" {
			continue
		}
		c.bad++
		c.same[p.word] = false
		if shown++; shown <= maxShown {
			t.Errorf("%s: %s", where, problem)
		}
	}
	if shown > maxShown {
		t.Errorf("… and %d more pieces unlike HarfBuzz (%d in all)", shown-maxShown, shown)
	}
	for k, c := range inContext {
		if !usedContext[k] {
			t.Errorf("harfbuzz.json: context entry %s %s piece %q at %d of %q matches no piece set; regenerate: %s",
				c.Lang, c.Font, c.Text, c.Start, c.Line, regenCommand)
		}
	}
	if len(contextual) > 0 {
		var b strings.Builder
		for _, k := range mapsKeys(contextual) {
			fmt.Fprintf(&b, "\n    %s ×%d", k, contextual[k])
		}
		t.Logf("pieces that HarfBuzz itself shapes otherwise in their sentence than alone, compared with hb-shape of their run in context:%s", b.String())
	}
	for _, l := range mapsKeys(tallies) {
		c := tallies[l]
		t.Logf("%-8s %4d words in %4d pieces compared (%3d with HarfBuzz in context), %3d pieces unlike HarfBuzz",
			l, c.words, c.pieces, c.context, c.bad)
	}
	return tallies
}

// diffGlyphs compares a piece's glyphs with hb-shape's, and describes the differences, or
// returns "" when they agree: the same glyph IDs and clusters in the same order, each glyph at the
// same place relative to the piece's leftmost pen position, with the same advance, within hbTol.
func diffGlyphs(want []hbGlyph, got []placed) string {
	// hb-shape's places: pen position plus offset.
	at := make([]placed, len(want))
	pen := 0
	for i, g := range want {
		at[i] = placed{id: g.G, cl: g.Cl, x: float64(pen + g.Dx), y: float64(g.Dy), a: float64(g.Ax)}
		pen += g.Ax
	}
	same := len(at) == len(got)
	for i := 0; same && i < len(at); i++ {
		same = agree(at[i], got[i])
	}
	if same {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "      #  want (hb-shape):  gid cl      x      y    adv    got (go-text):  gid cl      x      y    adv\n")
	for i := range max(len(at), len(got)) {
		w, g, mark := "", "", ""
		if i < len(at) {
			w = at[i].String()
		}
		if i < len(got) {
			g = got[i].String()
		}
		if i >= len(at) || i >= len(got) || !agree(at[i], got[i]) {
			mark = "  <<"
		}
		fmt.Fprintf(&b, "    %3d  %-38s  %-38s%s\n", i, w, g, mark)
	}
	return strings.TrimRight(b.String(), "\n")
}

func agree(w, g placed) bool {
	return w.id == g.id && w.cl == g.cl &&
		math.Abs(w.x-g.x) <= hbTol && math.Abs(w.y-g.y) <= hbTol && math.Abs(w.a-g.a) <= hbTol
}

func (g placed) String() string {
	return fmt.Sprintf("%20d %2d %6.1f %6.1f %6.1f", g.id, g.cl, g.x, g.y, g.a)
}

// writeWords writes the distinct pieces, one "lang<TAB>font file<TAB>text" a line in the order
// first met, to the file words, and the runs of every sentence, one "lang<TAB>font file<TAB>
// ltr|rtl<TAB>start<TAB>end<TAB>sentence" a line (start and end: the run's first and past-last
// rune in the sentence, NFC), to the file runs: what regen.py shapes.
func writeWords(words, runs string, pieces []piece, sets []setRun) error {
	var b strings.Builder
	b.WriteString("# lang\tfont file\ttext: the word pieces TestHarfBuzz compares; written by " + regenCommand + "\n")
	seen := map[string]bool{}
	for _, p := range pieces {
		if k := p.key(); !seen[k] {
			seen[k] = true
			b.WriteString(k + "\n")
		}
	}
	if err := os.WriteFile(words, []byte(b.String()), 0o644); err != nil {
		return err
	}
	b.Reset()
	b.WriteString("# lang\tfont file\tdirection\tstart\tend\tsentence: the runs TestHarfBuzz sets; written with words.tsv\n")
	done := map[string]bool{}
	for _, r := range sets {
		if k := r.key(); !done[k] {
			done[k] = true
			b.WriteString(k + "\n")
		}
	}
	return os.WriteFile(runs, []byte(b.String()), 0o644)
}

// readReference reads harfbuzz.json and checks that it was made with the fonts the test sets with.
func readReference(t *testing.T, set *fontset.Set) *hbReference {
	t.Helper()
	ref := decodeReference(t, filepath.Join(shapingDir, "harfbuzz.json"))
	files := map[string]*fontset.Font{}
	for _, f := range set.Fonts() {
		files[f.Name+".ttf"] = f
	}
	for _, file := range mapsKeys(ref.Fonts) {
		f, ok := files[file]
		if !ok {
			t.Errorf("harfbuzz.json was made with %s, which the font set does not load", file)
			continue
		}
		got := sha256.Sum256(f.Data)
		if sum := ref.Fonts[file]; hex.EncodeToString(got[:]) != sum {
			t.Errorf("harfbuzz.json was made with another %s (SHA-256 %s); regenerate: %s", file, sum, regenCommand)
		}
	}
	return ref
}

func decodeReference(t *testing.T, path string) *hbReference {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; make it: %s", err, regenCommand)
	}
	var ref hbReference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &ref
}

// TestPrintedStrings checks how TestHarfBuzz reads a catalogue: every string value in file order,
// flat messages and go-i18n tables alike, without go-i18n's keys that are not text, each filled
// in from the edition.
func TestPrintedStrings(t *testing.T) {
	const src = `# a catalogue half converted to go-i18n tables
Title = "Make-IT-Safe"

[Intro]
description = "The opening paragraph: not printed."
hash = "sha1-0123"
other = "Hello {{.Organisation}}."

HelpHotline = "never: a key after a table header belongs to the table"

[ChecklistCount]
id = "ChecklistCount"
one = "{{.Count}} agreement"
other = "{{.Count}} agreements"

[HelpLine]
leftDelim = "<<"
rightDelim = ">>"
other = "<<.HelplineName>>, <<.HelplineDescription>>: <<.HelplineNumber>>"
`
	strs, err := printedStrings([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Organisation": "ECPAT", "Count": 7, "HelplineName": "Child Focus",
		"HelplineDescription": "for children", "HelplineNumber": "116\u00a0000"}
	var got []string
	for _, s := range strs {
		text, err := fill(s, data)
		if err != nil {
			t.Fatalf("%s: %v", s.key, err)
		}
		got = append(got, fmt.Sprintf("%d %s: %s", s.line, s.key, text))
	}
	want := []string{
		"2 Title: Make-IT-Safe",
		"7 Intro.other: Hello ECPAT.",
		"9 Intro.HelpHotline: never: a key after a table header belongs to the table",
		"13 ChecklistCount.one: 7 agreement",
		"14 ChecklistCount.other: 7 agreements",
		"19 HelpLine.other: Child Focus, for children: 116\u00a0000",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if _, err := fill(printedString{key: "X", text: "{{.Unknown}}", left: "{{", right: "}}"}, data); err == nil {
		t.Error("an action naming a field the edition lacks: no error")
	}
}
