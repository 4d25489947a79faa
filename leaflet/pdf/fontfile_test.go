package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	gotext "github.com/go-text/typesetting/font"

	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/internal/sfnt"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
	"github.com/ecpat/makeitsafe/locales"
)

// wholeFont is the embedder documents had before fonts were cut (cutFont): the whole font, with
// the tables a PDF needs, whose cmap maps the codes. TestCutFontChangesNoByte writes documents
// with both and compares the bytes.
func wholeFont(f *fontset.Font, gids []uint16) ([]byte, error) { return withCmap(f.Data, gids) }

// embedded are the tables withCmap keeps.
var embedded = map[string]bool{
	"head": true, "hhea": true, "maxp": true, "hmtx": true, "loca": true, "glyf": true,
	"cmap": true, "post": true, "name": true, "OS/2": true, "cvt ": true, "fpgm": true,
	"prep": true, "gasp": true,
}

// withCmap returns a copy of a TrueType file, with the tables a PDF needs, whose cmap maps
// U+E000+i to glyph gids[i], and nothing else. It is how documents were written before fonts
// were cut, kept as the reference that cutFont must not change a byte of.
func withCmap(ttf []byte, gids []uint16) ([]byte, error) {
	all, err := sfnt.Tables(ttf)
	if err != nil {
		return nil, err
	}
	maxp := all["maxp"]
	if len(maxp) < 6 {
		return nil, fmt.Errorf("no maxp table")
	}
	glyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	for _, g := range gids {
		if int(g) >= glyphs {
			return nil, fmt.Errorf("glyph %d: the font has %d", g, glyphs)
		}
	}
	var tables []sfnt.Table
	for tag, data := range all {
		if !embedded[tag] {
			continue
		}
		if tag == "cmap" {
			data = puaCmap(gids)
		}
		tables = append(tables, sfnt.Table{Tag: tag, Data: data})
	}
	return sfnt.Build(ttf[:4], tables), nil
}

// catalogueText returns the text of every message of a catalogue, each plural form a
// paragraph, in the order of the file.
func catalogueText(t *testing.T, file string) []string {
	t.Helper()
	src, err := fs.ReadFile(locales.FS(), file)
	if err != nil {
		t.Fatal(err)
	}
	var msgs map[string]map[string]any
	md, err := toml.Decode(string(src), &msgs)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range md.Keys() {
		if len(k) != 2 || k[1] == "description" || k[1] == "hash" || k[1] == "id" {
			continue
		}
		if s, ok := msgs[k[0]][k[1]].(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestCutFontChangesNoByte writes, for every catalogue, documents that hold its whole text in
// its locale's direction and fonts, regular and bold, start-aligned and justified, narrow and
// wide, as print, print with marks and screen variant; each once as Write writes it (fonts cut
// to the document's glyphs before fpdf parses them) and once with whole fonts, as documents
// were written before: the files must be the same, byte for byte. It also checks that the
// documents draw composite glyphs, whose components a cut font must keep and renumber.
func TestCutFontChangesNoByte(t *testing.T) {
	set, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(locales.FS(), "*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalogues: %v", err)
	}
	composites := 0
	for _, file := range files {
		tag := strings.TrimSuffix(path.Base(file), ".toml")
		rtl, err := fontset.RightToLeft(tag)
		if err != nil {
			t.Fatal(err)
		}
		ts := typeset.New(set.NewFaces(), tag, rtl)
		var regular, bold []typeset.Paragraph
		for _, s := range catalogueText(t, file) {
			regular = append(regular, typeset.Paragraph{Text: s, Style: typeset.Style{Size: 9, SpaceAfter: 4}})
			bold = append(bold, typeset.Paragraph{Text: s, Style: typeset.Style{Bold: true, Size: 13, Align: typeset.Justify}})
		}
		narrow, err := ts.Set(regular, 170, 1e6)
		if err != nil {
			t.Fatal(err)
		}
		wide, err := ts.Set(bold, 520, 1e6)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []Options{{}, {Marks: true}, {Screen: true}} {
			o.Page, o.Lang, o.Title = Page{Width: 595, Height: 842, Bleed: 8.5}, tag, tag
			// A document is written once: each write draws a new one.
			write := func(embed embedder) []byte {
				d := New(o)
				if o.Marks {
					slug, err := typeset.New(set.NewFaces(), "en", false).Set([]typeset.Paragraph{{Text: "leaflet · " + tag + " · 2026-01-01 · front 1/2", Style: typeset.Style{Size: SlugSize}}}, d.SlugWidth(), 1e4)
					if err != nil {
						t.Fatal(err)
					}
					d.SlugLine(slug)
				}
				d.AddPage()
				d.Text(narrow, 30, 30, Color{K: 0.9})
				d.AddPage()
				d.Text(wide, 30, 30, Color{C: 0.9, M: 0.35, Y: 0.35, K: 0.2})
				var buf bytes.Buffer
				if err := d.write(&buf, embed); err != nil {
					t.Fatalf("%s: %v", tag, err)
				}
				return buf.Bytes()
			}
			if cut, whole := write(cutFont), write(wholeFont); !bytes.Equal(cut, whole) {
				t.Errorf("%s, %+v: %d bytes from cut fonts differ from %d bytes from whole fonts", tag, o, len(cut), len(whole))
			}
		}
		composites += drawnComposites(t, narrow, wide)
	}
	if composites == 0 {
		t.Error("no composite glyph drawn: the test does not reach cutting them")
	}
	t.Logf("%d composite glyphs drawn", composites)
}

// drawnComposites counts the composite glyphs blocks draw, each glyph of each font once.
func drawnComposites(t *testing.T, blocks ...*typeset.Block) int {
	t.Helper()
	seen := map[*fontset.Font]map[uint16]bool{}
	n := 0
	for _, b := range blocks {
		for _, l := range b.Lines {
			for _, r := range l.Runs {
				g, err := readGlyphs(r.Font)
				if err != nil {
					t.Fatal(err)
				}
				if seen[r.Font] == nil {
					seen[r.Font] = map[uint16]bool{}
				}
				for _, gl := range r.Glyphs {
					if seen[r.Font][gl.ID] {
						continue
					}
					seen[r.Font][gl.ID] = true
					data, err := g.outline(int(gl.ID))
					if err != nil {
						t.Fatal(err)
					}
					if len(data) >= 2 && int16(binary.BigEndian.Uint16(data)) < 0 {
						n++
					}
				}
			}
		}
	}
	return n
}

// TestCutFont checks the cut font as a font: it parses, its cmap maps the codes to the glyphs
// that look as the drawn ones, and it holds those glyphs, .notdef and the components of
// composite glyphs, in the font's order, and nothing else.
func TestCutFont(t *testing.T) {
	set, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set.Fonts() {
		g, err := readGlyphs(f)
		if err != nil {
			t.Fatal(err)
		}
		// Every tenth glyph, backwards, some twice, and the last.
		var gids []uint16
		for gid := g.n - 1; gid > 0; gid -= 10 {
			gids = append(gids, uint16(gid))
		}
		gids = append(gids, gids[:3]...)
		data, err := cutFont(f, gids)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		face, err := gotext.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: the cut font does not parse: %v", f.Name, err)
		}
		keep, err := g.closure(gids)
		if err != nil {
			t.Fatal(err)
		}
		var kept []int
		for gid, k := range keep {
			if k {
				kept = append(kept, gid)
			}
		}
		if got := int(binary.BigEndian.Uint16(tableOf(t, data, "maxp")[4:])); got != len(kept) {
			t.Errorf("%s: %d glyphs, want %d", f.Name, got, len(kept))
		}
		whole := gotext.NewFace(f.Font)
		cut := face
		for i, gid := range kept {
			if got, want := cut.GlyphData(gotext.GID(i)), whole.GlyphData(gotext.GID(gid)); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: glyph %d (%d in the font) is drawn otherwise", f.Name, i, gid)
			}
		}
		for i, gid := range gids {
			got, ok := face.NominalGlyph(rune(puaBase + i))
			want := sort.SearchInts(kept, int(gid))
			if !ok || int(got) != want {
				t.Errorf("%s: U+%04X → %d, %v; want glyph %d (%d in the font)", f.Name, puaBase+i, got, ok, want, gid)
				continue
			}
			if got, want := cut.HorizontalAdvance(got), whole.HorizontalAdvance(gotext.GID(gid)); got != want {
				t.Errorf("%s: glyph %d: advance %g, want %g", f.Name, gid, got, want)
			}
		}
		if _, ok := face.NominalGlyph('A'); ok {
			t.Errorf("%s: the cut font maps 'A'", f.Name)
		}
		if _, err := cutFont(f, []uint16{uint16(g.n)}); err == nil {
			t.Errorf("%s: a glyph the font lacks: no error", f.Name)
		}
	}
}

// TestComponents checks the walk over a composite glyph's components against a glyph made by
// hand: each kind of argument and transform, and a truncated one.
func TestComponents(t *testing.T) {
	glyph := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0} // -1 contours, bounding box
	comp := func(flags, gid uint16, rest int) {
		glyph = binary.BigEndian.AppendUint16(glyph, flags)
		glyph = binary.BigEndian.AppendUint16(glyph, gid)
		glyph = append(glyph, make([]byte, rest)...)
	}
	comp(moreComponents|argWords, 7, 4)
	comp(moreComponents|haveScale, 8, 2+2)
	comp(moreComponents|argWords|haveXYScale, 9, 4+4)
	comp(haveTwoByTwo, 10, 2+8)
	var got []uint16
	if err := components(glyph, func(at int) { got = append(got, binary.BigEndian.Uint16(glyph[at:])) }); err != nil {
		t.Fatal(err)
	}
	if want := []uint16{7, 8, 9, 10}; !slices.Equal(got, want) {
		t.Errorf("components %v, want %v", got, want)
	}
	if err := components(glyph[:len(glyph)-14], func(int) {}); err == nil {
		t.Error("a truncated composite glyph: no error")
	}
	if err := components([]byte{0, 2, 0, 0}, func(int) { t.Error("a simple glyph has components") }); err != nil {
		t.Error(err)
	}
}

// tableOf returns a table of a font file.
func tableOf(t *testing.T, ttf []byte, tag string) []byte {
	t.Helper()
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == tag {
			off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
			return ttf[off : off+size]
		}
	}
	t.Fatalf("no %s table", tag)
	return nil
}

// TestStreamObjectReusesWriters checks that streams compressed with reused zlib writers (the
// ToUnicode maps) are the bytes a new writer makes, whatever was compressed before.
func TestStreamObjectReusesWriters(t *testing.T) {
	inputs := [][]byte{[]byte(strings.Repeat("<E000> <0041>\n", 300)), nil, []byte("beginbfchar"), bytes.Repeat([]byte{0xE0, 7, 255}, 5000)}
	for round := range 3 {
		for i, data := range inputs {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write(data)
			w.Close()
			want := fmt.Sprintf("%d 0 obj\n<</Length %d /Filter /FlateDecode>>\nstream\n%s\nendstream\nendobj\n", i, z.Len(), z.Bytes())
			if got := streamObject(i, data); string(got) != want {
				t.Errorf("round %d, input %d: the stream differs from a new writer's", round, i)
			}
		}
	}
}

// TestCutFontChangesNoByteAnyGlyph draws, in one document, every seventh glyph of every font and
// the last ones (past the font's last full horizontal metric in some), and checks the file is the
// same from cut fonts as from whole fonts: glyphs no catalogue draws, of every kind.
func TestCutFontChangesNoByteAnyGlyph(t *testing.T) {
	set, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	write := func(embed embedder) []byte {
		d := New(Options{Page: Page{Width: 595, Height: 842, Bleed: 8.5}, Lang: "en", Title: "glyphs"})
		d.AddPage()
		for i, f := range set.Fonts() {
			g, err := readGlyphs(f)
			if err != nil {
				t.Fatal(err)
			}
			run := typeset.Run{Font: f, Size: 6, Text: []rune("x")}
			for gid := g.n - 1; gid > 0; gid -= 7 {
				run.Glyphs = append(run.Glyphs, typeset.Glyph{ID: uint16(gid), X: float64(len(run.Glyphs)), Advance: 1, Text: []rune{rune('a' + gid%26)}})
			}
			run.Glyphs = append(run.Glyphs, typeset.Glyph{ID: uint16(g.n - 2), Advance: 1, Text: []rune("z")})
			b := &typeset.Block{Lines: []typeset.Line{{Runs: []typeset.Run{run}, X: []float64{0}, Baseline: 10}}}
			d.Text(b, 20, 20+12*float64(i), Color{K: 1})
		}
		var buf bytes.Buffer
		if err := d.write(&buf, embed); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if cut, whole := write(cutFont), write(wholeFont); !bytes.Equal(cut, whole) {
		t.Errorf("%d bytes from cut fonts differ from %d bytes from whole fonts", len(cut), len(whole))
	}
}
