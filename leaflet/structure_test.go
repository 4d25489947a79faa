package leaflet

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/internal/pdftext"
)

// The structure tree, read back by two readers: poppler (pdfinfo -struct-text: the tree, and the
// text of each marked-content sequence) and pdf.js (Firefox's viewer: getStructTree, with each
// element's /Lang and /Alt). Every locale the catalogues have, the leaflet and the poster, print
// and screen variants.

// node is an element of a structure tree as a reader gives it back, or (role "") the text of a
// marked-content sequence.
type node struct {
	role, lang, alt string
	content         string
	kids            []*node
	parent          *node
}

// walk calls f on n and every element under it, in reading order.
func (n *node) walk(f func(*node)) {
	f(n)
	for _, k := range n.kids {
		k.walk(f)
	}
}

// count returns how many elements of the tree have the role.
func (n *node) count(role string) int {
	c := 0
	n.walk(func(m *node) {
		if m.role == role {
			c++
		}
	})
	return c
}

// text is the text of n and all under it, in reading order.
func (n *node) text() string {
	var b strings.Builder
	n.walk(func(m *node) {
		if m.role == "" {
			b.WriteString(m.content + " ")
		}
	})
	return b.String()
}

// outline is the tree's block structure, for comparing with the design's: roles with their
// children, inline elements and list items' insides left out.
func (n *node) outline() string {
	var b strings.Builder
	var rec func(*node)
	rec = func(m *node) {
		b.WriteString(m.role)
		var kids []*node
		for _, k := range m.kids {
			if k.role != "" && k.role != "Span" && k.role != "Link" && k.role != "Lbl" && k.role != "LBody" {
				kids = append(kids, k)
			}
		}
		if len(kids) > 0 {
			b.WriteString("[")
			for i, k := range kids {
				if i > 0 {
					b.WriteString(" ")
				}
				rec(k)
			}
			b.WriteString("]")
		}
	}
	rec(n)
	return b.String()
}

// popplerTree reads a file's structure tree with pdfinfo -struct-text: an element per line,
// indented two spaces a level, the text of each marked-content sequence in quotes beneath it.
func popplerTree(path string) (*node, error) {
	out, err := exec.Command("pdfinfo", "-struct-text", path).Output()
	if err != nil {
		return nil, fmt.Errorf("pdfinfo -struct-text %s: %w", path, err)
	}
	root := &node{role: "(root)"}
	stack := []*node{root} // stack[d] is the element at depth d−1
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimLeft(line, " ")
		depth := (len(line) - len(trimmed)) / 2
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "/"): // an attribute
		case strings.HasPrefix(trimmed, `"`):
			if depth > len(stack)-1 || depth == 0 {
				return nil, fmt.Errorf("text %q at depth %d", trimmed, depth)
			}
			p := stack[depth]
			p.kids = append(p.kids, &node{content: strings.TrimSuffix(strings.TrimPrefix(trimmed, `"`), `"`), parent: p})
		default:
			if depth+1 > len(stack) {
				return nil, fmt.Errorf("%q: too deep", line)
			}
			stack = stack[:depth+1]
			p := stack[depth]
			n := &node{role: strings.TrimSuffix(strings.Fields(trimmed)[0], ":"), parent: p}
			p.kids = append(p.kids, n)
			stack = append(stack, n)
		}
	}
	if len(root.kids) != 1 || root.kids[0].role != "Document" {
		return nil, fmt.Errorf("pdfinfo: the tree's root is not one Document:\n%s", out)
	}
	return root.kids[0], nil
}

// pdfjsFile is what structtree.mjs gives back for a file.
type pdfjsFile struct {
	File     string          `json:"file"`
	MarkInfo map[string]bool `json:"markInfo"`
	Pages    []struct {
		Tree  pdfjsNode         `json:"tree"`
		Text  map[string]string `json:"text"`
		Links []struct {
			URL      string `json:"url"`
			Contents string `json:"contents"`
		} `json:"links"`
	} `json:"pages"`
}

type pdfjsNode struct {
	Role     string      `json:"role"`
	Lang     string      `json:"lang"`
	Alt      string      `json:"alt"`
	Type     string      `json:"type"`
	ID       string      `json:"id"`
	Children []pdfjsNode `json:"children"`
}

// pdfjsTrees reads the structure trees of files with pdf.js, in one run of node.
func pdfjsTrees(t *testing.T, paths []string) map[string]*pdfjsFile {
	t.Helper()
	dir := pdftext.NodeDir()
	if _, err := exec.LookPath("node"); err != nil {
		t.Log("node not found: pdf.js does not read the structure trees")
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist")); err != nil {
		t.Log("pdf.js not installed: run `npm ci --prefix leaflet/internal/pdftext/node` (.ci/run does): pdf.js does not read the structure trees")
		return nil
	}
	out, err := exec.Command("node", append([]string{filepath.Join(dir, "structtree.mjs")}, paths...)...).Output()
	if err != nil {
		t.Fatalf("pdf.js: %v", err)
	}
	files := map[string]*pdfjsFile{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var f pdfjsFile
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("pdf.js: %v", err)
		}
		files[f.File] = &f
	}
	return files
}

// tree joins a file's pages' trees, as pdf.js gives them page by page, into one: an element
// that goes on from one page to the next is one element.
func (f *pdfjsFile) tree() *node {
	root := &node{role: "Document"}
	for _, pg := range f.Pages {
		var rec func(p *node, j pdfjsNode)
		rec = func(p *node, j pdfjsNode) {
			for _, c := range j.Children {
				if c.Type == "content" {
					p.kids = append(p.kids, &node{content: pg.Text[c.ID], parent: p})
					continue
				}
				if c.Type != "" { // an annotation, an object
					continue
				}
				n := &node{role: c.Role, lang: c.Lang, alt: c.Alt, parent: p}
				p.kids = append(p.kids, n)
				rec(n, c)
			}
		}
		if len(pg.Tree.Children) == 1 && pg.Tree.Children[0].Role == "Document" {
			rec(root, pg.Tree.Children[0])
		}
	}
	return root
}

// expected is what the tree of a rendering must be: its outline from the design's roles and
// the paragraphs printed, and its text in the design's reading order.
type expected struct {
	outline string
	text    string
	h2      []string // the text of each H2
	lists   []int    // the items of each list
	sects   []string // the text of each section
}

func expect(t *testing.T, p *Printer, tag string, o Options) expected {
	t.Helper()
	paras, err := p.Text(tag, o)
	if err != nil {
		t.Fatal(err)
	}
	byFrame := map[string][]string{}
	for _, pa := range paras {
		byFrame[pa.Frame] = append(byFrame[pa.Frame], pa.Text)
	}
	var e expected
	var out, text []string
	for _, pg := range p.Design().Pages {
		var sect []string
		section, sectText := "", ""
		flush := func() {
			if section != "" {
				out = append(out, "Sect["+strings.Join(sect, " ")+"]")
				e.sects = append(e.sects, sectText)
			}
			sect, sectText = nil, ""
		}
		for _, f := range pg.Frames {
			if f.Role == design.Artifact || len(byFrame[f.Name]) == 0 {
				continue
			}
			if f.Section != section {
				flush()
				section = f.Section
			}
			var roles []string
			switch f.Role {
			case design.List:
				items := len(byFrame[f.Name])
				for _, s := range pg.Shapes {
					if s.Role == design.Item && s.List == f.Name {
						items++
					}
				}
				roles = append(roles, "L["+strings.TrimSpace(strings.Repeat("LI ", items))+"]")
				e.lists = append(e.lists, items)
			default:
				for _, para := range byFrame[f.Name] {
					roles = append(roles, f.Tag())
					if f.Tag() == "H2" {
						e.h2 = append(e.h2, para)
					}
				}
			}
			text = append(text, byFrame[f.Name]...)
			if section == "" {
				out = append(out, roles...)
			} else {
				sect = append(sect, roles...)
				sectText += strings.Join(byFrame[f.Name], " ") + " "
			}
		}
		flush()
	}
	e.outline = "Document[" + strings.Join(out, " ") + "]"
	e.text = strings.Join(text, " ")
	return e
}

// invisibleRe are characters that are not text: marks of direction, soft hyphens, zero-width
// characters, as extractcheck (../shared/tools/extractcheck) drops them; and the ballot box a
// list item's label stands for.
var invisibleRe = regexp.MustCompile("[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\u2610]")

// textWords splits text into words as extractcheck does (NFC, invisible characters dropped),
// without the punctuation at their ends.
func textWords(s string) []string {
	s = norm.NFC.String(invisibleRe.ReplaceAllString(s, ""))
	var out []string
	for _, w := range strings.Fields(s) {
		if w = strings.TrimFunc(w, unicode.IsPunct); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// inOrder is the share of the expected words a reader gives back in order.
func inOrder(got, want string) float64 {
	w := textWords(want)
	if len(w) == 0 {
		return 1
	}
	return float64(pdftext.InOrder(w, textWords(got))) / float64(len(w))
}

// logicalOrder puts the text of a marked-content sequence that poppler gives in the order its
// glyphs are drawn back into logical order, as a reader of the page does. Each sequence holds a
// piece of a line's text layer of one direction (see leaflet/pdf's textLayer): a left-to-right
// one in logical order, which stays as it is; a right-to-left one laid out from left to right,
// put back with UAX #9's levels in a right-to-left line (1 for right-to-left runs, 2 for
// left-to-right ones and numbers), then its rule L2, which undoes itself in a line of two levels.
func logicalOrder(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		p, _ := bidi.LookupRune(r)
		return p.Class() == bidi.R || p.Class() == bidi.AL
	}) {
		return s
	}
	var p bidi.Paragraph
	if _, err := p.SetString(s, bidi.DefaultDirection(bidi.RightToLeft)); err != nil {
		return s
	}
	o, err := p.Order()
	if err != nil {
		return s
	}
	runes := []rune(s)
	levels := make([]int, len(runes))
	for i := range o.NumRuns() {
		r := o.Run(i)
		start, end := r.Pos()
		for k := start; k <= end && k < len(levels); k++ {
			levels[k] = 1
			if r.Direction() == bidi.LeftToRight {
				levels[k] = 2
			}
		}
	}
	for _, level := range []int{2, 1} {
		for i := 0; i < len(runes); {
			if levels[i] < level {
				i++
				continue
			}
			j := i
			for j < len(runes) && levels[j] >= level {
				j++
			}
			slices.Reverse(runes[i:j])  // the text layer lays marks out before their letters: this
			slices.Reverse(levels[i:j]) // puts each back after its letter
			i = j
		}
	}
	return string(runes)
}

// rendered is one locale of one design, in one variant, written to a file.
type rendered struct {
	name, tag, path string
	rtl, latin      bool // the locale's text runs right to left; is written in Latin letters
	printer         *Printer
	opts            Options
}

// renderAll writes every locale of the leaflet and the poster, print and screen, into dir.
func renderAll(t *testing.T, dir string) []rendered {
	t.Helper()
	poster, err := design.Load(os.DirFS("../examples/poster"), "poster.toml")
	if err != nil {
		t.Fatal(err)
	}
	var jobs []rendered
	for _, d := range []struct {
		name string
		d    *design.Design
	}{{"leaflet", nil}, {"poster", poster}} {
		p, err := New(Config{Design: d.d})
		if err != nil {
			t.Fatal(err)
		}
		for _, screen := range []bool{false, true} {
			variant := "print"
			if screen {
				variant = "screen"
			}
			for _, tag := range p.Locales() {
				r, err := p.start(tag.String(), Options{})
				if err != nil {
					t.Fatal(err)
				}
				script, _ := tag.Script()
				jobs = append(jobs, rendered{name: d.name + "/" + variant + "/" + tag.String(), tag: tag.String(), rtl: r.rtl, latin: script.String() == "Latn",
					path: filepath.Join(dir, d.name+"-"+variant+"-"+tag.String()+".pdf"), printer: p, opts: Options{Screen: screen}})
			}
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	sem := make(chan struct{}, 2)
	for i, j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var buf bytes.Buffer
			if _, err := j.printer.Render(context.Background(), &buf, j.tag, j.opts); err != nil {
				errs[i] = err
				return
			}
			errs[i] = os.WriteFile(j.path, buf.Bytes(), 0o644)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", jobs[i].name, err)
		}
	}
	return jobs
}

// TestStructureTree reads the structure tree of every locale of the leaflet and the poster, in
// both variants, back with poppler and pdf.js, and checks it against the design: one H1, an H2
// per section, each list with its items (the leaflet's checklist: 7 and the two write-in lines),
// each section (the help box among them) holding its frames' text, and the words of the tree,
// in order, the catalogue's in the design's reading order. Poppler gives each marked-content
// sequence's text as drawn, in visual order: in right-to-left locales each is put back in
// logical order first.
func TestStructureTree(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every locale twice over")
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not found (Debian poppler-utils): the structure tree is not read back")
	}
	files := renderAll(t, t.TempDir())
	var paths []string
	for _, f := range files {
		paths = append(paths, f.path)
	}
	js := pdfjsTrees(t, paths)
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			want := expect(t, f.printer, f.tag, f.opts)
			pt, err := popplerTree(f.path)
			if err != nil {
				t.Fatal(err)
			}
			if f.rtl {
				pt.walk(func(n *node) {
					if n.role == "" {
						n.content = logicalOrder(n.content)
					}
				})
			}
			checkTree(t, "poppler", pt, want)
			if r := inOrder(pt.text(), want.text); r < 0.99 {
				t.Errorf("poppler: %.1f%% of the words in order, want 99%% or more:\n got %s\nwant %s", 100*r, pt.text(), want.text)
			} else {
				t.Logf("poppler: %.1f%% of %d words in order", 100*r, len(textWords(want.text)))
			}
			if js == nil {
				return
			}
			jf := js[f.path]
			if jf == nil {
				t.Fatal("pdf.js gave nothing back")
			}
			if !jf.MarkInfo["Marked"] {
				t.Errorf("pdf.js: /MarkInfo %v, want Marked true", jf.MarkInfo)
			}
			tree := jf.tree()
			checkTree(t, "pdf.js", tree, want)
			checkLanguages(t, tree, want.text, f.latin)
			checkLinks(t, jf, tree, f.opts.Screen)
		})
	}
}

// latinWords are the words of text written in Latin letters.
func latinWords(text string) []string {
	var out []string
	for _, w := range textWords(text) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

// checkLanguages checks the elements in another language than the document's: in a locale
// written in another script than Latin, every word in Latin letters (a name, an address) is in
// an element whose /Lang is English, and nothing else is but the numbers and punctuation
// between such words; in a locale written in Latin letters, no element has a /Lang.
func checkLanguages(t *testing.T, tree *node, text string, latin bool) {
	t.Helper()
	var inEnglish []string
	others := 0
	tree.walk(func(m *node) {
		switch {
		case m.lang == "en":
			inEnglish = append(inEnglish, textWords(m.text())...)
		case m.lang != "":
			others++
		}
	})
	if others > 0 {
		t.Errorf("pdf.js: %d elements in a language other than English", others)
	}
	if latin {
		if len(inEnglish) > 0 {
			t.Errorf("pdf.js: a locale in Latin letters with words marked English: %q", inEnglish)
		}
		return
	}
	want := latinWords(text)
	if len(want) == 0 {
		t.Fatal("no Latin names in the text: nothing to check")
	}
	if got := latinWords(strings.Join(inEnglish, " ")); !slices.Equal(got, want) {
		t.Errorf("pdf.js: words in elements with /Lang en:\n got %q\nwant %q", got, want)
	}
	for _, w := range inEnglish {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) }) >= 0 {
			t.Errorf("pdf.js: %q, not in Latin letters, is in an element with /Lang en", w)
		}
	}
}

// checkLinks checks the links: in the screen variant, each address of the text a Link element
// and a link annotation with its /Contents; in print, neither.
func checkLinks(t *testing.T, f *pdfjsFile, tree *node, screen bool) {
	t.Helper()
	var annots []string
	for _, pg := range f.Pages {
		for _, l := range pg.Links {
			if l.Contents == "" {
				t.Errorf("pdf.js: a link to %s without /Contents", l.URL)
			}
			annots = append(annots, l.URL)
		}
	}
	links := tree.count("Link")
	if !screen {
		if links > 0 || len(annots) > 0 {
			t.Errorf("print: %d Link elements, links %v; want none (PDF/X)", links, annots)
		}
		return
	}
	if len(annots) == 0 || links != len(annots) {
		t.Errorf("screen: %d Link elements, %d link annotations %v; want one of each for each address", links, len(annots), annots)
	}
}

// checkTree checks a tree's outline, its H1 and H2s, lists and sections against the design's.
func checkTree(t *testing.T, reader string, n *node, want expected) {
	t.Helper()
	if got := n.outline(); got != want.outline {
		t.Errorf("%s: outline\n got %s\nwant %s", reader, got, want.outline)
	}
	if h1 := n.count("H1"); h1 != 1 {
		t.Errorf("%s: %d H1, want 1", reader, h1)
	}
	var h2, sects []string
	var lists []int
	n.walk(func(m *node) {
		switch m.role {
		case "H2":
			h2 = append(h2, m.text())
		case "Sect":
			sects = append(sects, m.text())
		case "L":
			items := 0
			for _, k := range m.kids {
				if k.role == "LI" && len(k.kids) > 0 && k.kids[0].role == "Lbl" {
					items++
				}
			}
			lists = append(lists, items)
		}
	})
	if len(h2) != len(want.h2) {
		t.Errorf("%s: %d H2, want %d", reader, len(h2), len(want.h2))
	}
	if !slices.Equal(lists, want.lists) {
		t.Errorf("%s: lists of %v items, each with its label; want %v", reader, lists, want.lists)
	}
	if len(sects) != len(want.sects) {
		t.Errorf("%s: %d sections, want %d", reader, len(sects), len(want.sects))
		return
	}
	for i := range h2 {
		if r := inOrder(h2[i], want.h2[i]); r < 0.99 {
			t.Errorf("%s: H2 %d: %q, want %q", reader, i, h2[i], want.h2[i])
		}
	}
	for i := range sects {
		if r := inOrder(sects[i], want.sects[i]); r < 0.99 {
			t.Errorf("%s: section %d: %.1f%% of its words:\n got %s\nwant %s", reader, i, 100*r, sects[i], want.sects[i])
		}
	}
}

// TestFigure: a shape with role figure is a Figure read where the design says, its alternative
// text the catalogue's message in the locale's language; one whose message English lacks is an
// error of the design.
func TestFigure(t *testing.T) {
	src, err := os.ReadFile("design/leaflet.toml")
	if err != nil {
		t.Fatal(err)
	}
	shield := "kind = \"icon\"\nicon = \"shield\"\n"
	if !bytes.Contains(src, []byte(shield)) {
		t.Fatal("no shield in the leaflet's design")
	}
	figure := bytes.Replace(src, []byte(shield), []byte(shield+"role = \"figure\"\nalt = \"Tagline\"\nbefore = \"subtitle\"\n"), 1)
	d, err := design.Parse(figure, "figure.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(Config{Design: d})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := p.Render(context.Background(), &buf, "fr", Options{}); err != nil {
		t.Fatal(err)
	}
	alt, err := p.start("fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := alt.msgs.Text("Tagline", alt.data, nil)
	pdf := buf.Bytes()
	if !bytes.Contains(pdf, []byte("/S /Figure")) || !bytes.Contains(pdf, []byte("/Alt "+textStringForTest(want))) {
		t.Errorf("no Figure with /Alt %q", want)
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		path := filepath.Join(t.TempDir(), "figure.pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		tree, err := popplerTree(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := tree.outline(); !strings.HasPrefix(got, "Document[H1 Figure P ") {
			t.Errorf("outline %s, want the figure before the subtitle", got)
		}
	}

	bad := bytes.Replace(figure, []byte(`alt = "Tagline"`), []byte(`alt = "Shield"`), 1)
	if d, err = design.Parse(bad, "bad.toml"); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Design: d}); err == nil || !strings.Contains(err.Error(), "alt message Shield is not in the English catalogue") {
		t.Errorf("a figure's alt text no catalogue has: %v", err)
	}
}

// textStringForTest writes a PDF text string as package pdf does: UTF-16BE with a byte order
// mark, in hex, for text beyond printable ASCII.
func textStringForTest(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String() + ">"
}
