package typeset

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"golang.org/x/text/unicode/norm"
)

var wordsOut = flag.String("words", "", "TestHarfBuzz: write the (lang, font, text) pieces it compares to this file, and the runs of every sentence to runs.tsv beside it, for regen.py; compare nothing")

const (
	shapingDir = "testdata/shaping"
	hbTol      = 1.0 // font units
	minWords   = 40  // distinct words compared per complex script
)

// hbScripts are the complex scripts the test must cover, by language: the script's letters, and
// a name for messages.
var hbScripts = []struct {
	lang, name string
	table      *unicode.RangeTable
}{
	{"hi", "Devanagari", unicode.Devanagari},
	{"bn", "Bengali", unicode.Bengali},
	{"pa", "Gurmukhi", unicode.Gurmukhi},
	{"ar", "Arabic (Naskh)", unicode.Arabic},
	{"ur", "Urdu (Nastaliq)", unicode.Arabic},
}

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

// sentence is one line of sentences.txt.
type sentence struct {
	line       int
	lang, text string
}

func readSentences(t *testing.T) []sentence {
	t.Helper()
	f, err := os.Open(filepath.Join(shapingDir, "sentences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []sentence
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, text, ok := strings.Cut(line, "\t")
		if !ok || lang == "" || strings.TrimSpace(text) == "" {
			t.Fatalf("sentences.txt:%d: want lang<TAB>text, got %q", n, line)
		}
		// A phone number's groups are kept together by a no-break space, as the leaflet does:
		// the number is then one word, one LTR run.
		text = strings.ReplaceAll(text, "116 000", "116\u00a0000")
		out = append(out, sentence{line: n, lang: lang, text: text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
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

// setPieces sets each sentence on one line and cuts its words, at U+0020, into pieces, one per
// run that sets part of the word. It returns the pieces and the runs of every line.
func setPieces(t *testing.T, set *fontset.Set, sents []sentence) ([]piece, []setRun) {
	t.Helper()
	typesetters := map[string]*Typesetter{}
	var pieces []piece
	var runs []setRun
	for _, s := range sents {
		ts := typesetters[s.lang]
		if ts == nil {
			ts = New(set.NewFaces(), s.lang, s.lang == "ar" || s.lang == "ur")
			typesetters[s.lang] = ts
		}
		b, err := ts.Set([]Paragraph{{Text: s.text, Style: Style{Size: 1000}}}, 1e6, 1e6)
		if err != nil {
			t.Fatalf("sentences.txt:%d: %v", s.line, err)
		}
		if len(b.Lines) != 1 {
			t.Fatalf("sentences.txt:%d: set in %d lines, want 1", s.line, len(b.Lines))
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
				t.Fatalf("sentences.txt:%d: cannot find run %d %q in the sentence", s.line, i, string(r.Text))
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
// testdata/shaping/sentences.txt is set on one line at 1000 pt (its language's direction: RTL for
// ar and ur); each word (cut at U+0020) is cut into pieces, one per run that sets part of it
// (a word with digits or Latin letters inside Arabic, or punctuation from a fallback font, has
// several). Each piece must have the glyph IDs and clusters, in visual order, that Debian's
// hb-shape (HarfBuzz 6.0) gives for the piece shaped alone with the same font and language,
// direction and script guessed by hb-shape, and each glyph must sit where hb-shape puts it
// relative to the piece's leftmost pen position (pen + dx, dy), with its advance, within hbTol
// font units. A few pieces HarfBuzz itself shapes otherwise within their sentence than alone (the
// Nastaliq font's lookups look across spaces; a lone "(" in RTL text is mirrored): for those,
// harfbuzz.json holds hb-shape's glyphs for the piece's run shaped in its sentence, and the piece
// is compared with those instead, as strictly. The test fails, too, when a complex script has
// fewer than minWords distinct words shaped as HarfBuzz.
//
// The reference, testdata/shaping/harfbuzz.json, is made in two steps, because the font of each
// piece is the one the Go pipeline chooses and regen.py cannot run Go (see
// testdata/shaping/README.md):
//
//	go test ./leaflet/typeset -run TestHarfBuzz -args -words testdata/shaping/words.tsv
//	python3 leaflet/typeset/testdata/shaping/regen.py
//
// The test itself needs Go alone: it reads the committed harfbuzz.json.
func TestHarfBuzz(t *testing.T) {
	set, err := fontset.Load(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	sents := readSentences(t)
	pieces, runs := setPieces(t, set, sents)

	if *wordsOut != "" {
		writeWords(t, *wordsOut, pieces, runs)
		t.Skipf("wrote %s; now run python3 leaflet/typeset/%s/regen.py from the repository's root", *wordsOut, shapingDir)
	}

	ref := readReference(t, set)
	alone := map[string][]hbGlyph{}
	for _, w := range ref.Words {
		alone[w.Lang+"\t"+w.Font+"\t"+w.Text] = w.Glyphs
	}
	inContext := map[string]hbContext{}
	for _, c := range ref.Context {
		inContext[fmt.Sprintf("%s\t%s\t%d\t%s", c.Lang, c.Font, c.Start, c.Line)] = c
	}

	// Per language: every word met (sentence line and word), and each distinct word with whether
	// all its pieces, wherever it occurs, were shaped as HarfBuzz shapes them.
	type tally struct {
		words, pieces, context, bad int
		met                         map[string]bool
		same                        map[string]bool
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
		if k := fmt.Sprint(p.sent.line, "\t", p.word); !c.met[k] {
			c.met[k] = true
			c.words++
		}
		if _, ok := c.same[p.word]; !ok {
			c.same[p.word] = true
		}
		c.pieces++
		where := fmt.Sprintf("sentences.txt:%d: %s word %q, piece %q, font %s", p.sent.line, p.sent.lang, p.word, p.text, p.font.Name)
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
			problem = fmt.Sprintf("no hb-shape reference in harfbuzz.json (sentences, fonts or font choice changed?); regenerate: see %s/README.md", shapingDir)
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
			t.Errorf("harfbuzz.json: context entry %s %s piece %q at %d of %q matches no piece set; regenerate: see %s/README.md",
				c.Lang, c.Font, c.Text, c.Start, c.Line, shapingDir)
		}
	}

	if len(contextual) > 0 {
		keys := make([]string, 0, len(contextual))
		for k := range contextual {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, "\n    %s ×%d", k, contextual[k])
		}
		t.Logf("pieces that HarfBuzz itself shapes otherwise in their sentence than alone, compared with hb-shape of their run in context:%s", b.String())
	}
	langs := make([]string, 0, len(tallies))
	for l := range tallies {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		c := tallies[l]
		t.Logf("%-2s: %4d words in %4d pieces compared (%3d with HarfBuzz in context), %3d pieces unlike HarfBuzz",
			l, c.words, c.pieces, c.context, c.bad)
	}
	for _, s := range hbScripts {
		same, all := 0, 0
		if c := tallies[s.lang]; c != nil {
			for w, ok := range c.same {
				if strings.ContainsFunc(w, func(r rune) bool { return unicode.Is(s.table, r) }) {
					all++
					if ok {
						same++
					}
				}
			}
		}
		t.Logf("%-15s (%s): %3d of %3d distinct words shaped as HarfBuzz", s.name, s.lang, same, all)
		if same < minWords {
			t.Errorf("%s (%s): only %d distinct words shaped as HarfBuzz, want at least %d", s.name, s.lang, same, minWords)
		}
	}
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
// first met, to path, and the runs of every sentence, one "lang<TAB>font file<TAB>ltr|rtl<TAB>
// start<TAB>end<TAB>sentence" a line (start and end: the run's first and past-last rune in the
// sentence, NFC), to runs.tsv beside it.
func writeWords(t *testing.T, path string, pieces []piece, runs []setRun) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# lang\tfont file\ttext: the word pieces TestHarfBuzz compares; written by\n")
	b.WriteString("# go test ./leaflet/typeset -run TestHarfBuzz -args -words testdata/shaping/words.tsv\n")
	seen := map[string]bool{}
	for _, p := range pieces {
		if p.err != "" {
			t.Fatalf("sentences.txt:%d: word %q: %s", p.sent.line, p.word, p.err)
		}
		if k := p.key(); !seen[k] {
			seen[k] = true
			b.WriteString(k + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	b.WriteString("# lang\tfont file\tdirection\tstart\tend\tsentence: the runs TestHarfBuzz sets; written with words.tsv\n")
	done := map[string]bool{}
	for _, r := range runs {
		if k := r.key(); !done[k] {
			done[k] = true
			b.WriteString(k + "\n")
		}
	}
	runsPath := filepath.Join(filepath.Dir(path), "runs.tsv")
	if err := os.WriteFile(runsPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d pieces to %s, %d runs to %s", len(seen), path, len(done), runsPath)
}

// readReference reads harfbuzz.json and checks that it was made with the fonts the test sets with.
func readReference(t *testing.T, set *fontset.Set) *hbReference {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shapingDir, "harfbuzz.json"))
	if err != nil {
		t.Fatalf("%v; make it: see %s/README.md", err, shapingDir)
	}
	var ref hbReference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatalf("harfbuzz.json: %v", err)
	}
	files := map[string]*fontset.Font{}
	for _, f := range set.Fonts() {
		files[f.Name+".ttf"] = f
	}
	for file, sum := range ref.Fonts {
		f, ok := files[file]
		if !ok {
			t.Errorf("harfbuzz.json was made with %s, which the font set does not load", file)
			continue
		}
		got := sha256.Sum256(f.Data)
		if hex.EncodeToString(got[:]) != sum {
			t.Errorf("harfbuzz.json was made with another %s (SHA-256 %s); regenerate: see %s/README.md", file, sum, shapingDir)
		}
	}
	return &ref
}
