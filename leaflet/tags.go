package leaflet

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/leaflet/pdf"
)

// A leaflet is a tagged PDF (PDF/UA-1): its structure tree is the design's, read in the order
// of the design's frames, in right-to-left layouts too. Each page's frames and shapes become
// what their role says (see design.Role and leaflet/design/README.md):
//
//	Document
//	  H1, P…                           frames with role h1, p…, one element per paragraph
//	  Sect                             frames of one section, one after another
//	    H2, P…
//	    L                              a list frame
//	      LI  Lbl (the marker) LBody   one item per paragraph
//	      LI  Lbl (a write-in box)     shapes with role item
//	  Figure (Alt)                     shapes with role figure, before the frame they name
//
// Everything else is an artifact: shapes (bands, backgrounds, rules, decorative icons), a
// frame's background, markers of frames that are not lists, frames with role artifact. In
// each paragraph, addresses are links (live in the screen variant) and Latin names in a text
// of another script are marked as English (spans).

// checkbox is what a list item's label, a drawn box, stands for: U+2610 BALLOT BOX, which
// screen readers name in their user's language.
const checkbox = "\u2610"

// latinLang is the language of Latin-script names in a text of another script: the names the
// translations keep as they are (Make-IT-Safe, EU Kids Online, ECPAT), the editions'
// organisations and help lines, and addresses, which are English or read as English.
const latinLang = "en"

// tagger builds a rendering's structure tree as its pages are drawn, and says what each drawing
// belongs to.
type tagger struct {
	r      *render
	d      *pdf.Document
	script language.Script // the locale's script
	groups map[string]*pdf.Element
	before map[string]*pdf.Element // figures read before a frame
	first  *pdf.Element            // figures read first on the page
	lists  map[string]*listTags
}

// listTags are a list frame's elements: the L, its items from paragraphs, its write-in items,
// and the labels of the paragraphs' items, for their markers.
type listTags struct {
	items, writeIns *pdf.Element
	labels          []*pdf.Element
}

func newTagger(r *render, d *pdf.Document) *tagger {
	s, _ := r.tag.Script()
	return &tagger{r: r, d: d, script: s}
}

// startPage reserves the place of each of a page's frames and figures in the reading order,
// before anything of the page is drawn (shapes are drawn first, but read where the design
// says): a group for each frame, sections, lists.
func (t *tagger) startPage(page design.Page) {
	root := t.d.Root()
	t.groups, t.before, t.lists = map[string]*pdf.Element{}, map[string]*pdf.Element{}, map[string]*listTags{}
	t.first = root.Add("")
	parent, section := root, ""
	for _, f := range page.Frames {
		if f.Role == design.Artifact {
			continue
		}
		if f.Section != section {
			parent, section = root, f.Section
			if section != "" {
				parent = root.Add("Sect")
			}
		}
		t.before[f.Name] = parent.Add("")
		g := parent.Add("")
		t.groups[f.Name] = g
		if f.Role == design.List {
			l := g.Add("L")
			l.Attributes = "<</O /List /ListNumbering /None>>"
			t.lists[f.Name] = &listTags{items: l.Add(""), writeIns: l.Add("")}
		}
	}
}

// shape says what a shape about to be drawn is: a figure with its alternative text, a list's
// write-in item (its box the label), or an artifact.
func (t *tagger) shape(s design.Shape) error {
	switch s.Role {
	case design.Figure:
		alt, err := t.r.msgs.Text(s.Alt, t.r.data, nil)
		if err != nil {
			return fmt.Errorf("leaflet: figure: %w", err)
		}
		g := t.first
		if s.Before != "" && t.before[s.Before] != nil {
			g = t.before[s.Before]
		}
		e := g.Add("Figure")
		e.Alt = alt
		t.d.Tag(e)
	case design.Item:
		if l := t.lists[s.List]; l != nil {
			lbl := l.writeIns.Add("LI").Add("Lbl")
			lbl.ActualText = checkbox
			t.d.Tag(lbl)
			return nil
		}
		t.d.Artifact(pdf.Layout)
	default:
		t.d.Artifact(pdf.Layout)
	}
	return nil
}

// background says that a frame's background, about to be drawn, is decoration.
func (t *tagger) background() { t.d.Artifact(pdf.Layout) }

// frame makes the elements of a frame's paragraphs, about to be drawn: one per paragraph, of
// the frame's role, or a list item each, with the spans of each paragraph's text. A frame that
// is an artifact repeats on every page (a running foot): its text is a pagination artifact.
func (t *tagger) frame(f design.Frame, paras []Paragraph) []pdf.Para {
	g := t.groups[f.Name]
	if f.Role == design.Artifact || g == nil {
		t.d.Artifact(pdf.Pagination)
		return nil
	}
	out := make([]pdf.Para, len(paras))
	for i, p := range paras {
		var e *pdf.Element
		if l := t.lists[f.Name]; l != nil {
			li := l.items.Add("LI")
			lbl := li.Add("Lbl")
			lbl.ActualText = checkbox
			l.labels = append(l.labels, lbl)
			e = li.Add("LBody")
		} else {
			e = g.Add(f.Tag())
		}
		out[i] = pdf.Para{Elem: e, Spans: t.spans(p.Text)}
	}
	return out
}

// marker says what the marker of paragraph i of a frame, about to be drawn, is: a list item's
// label, or decoration.
func (t *tagger) marker(f design.Frame, i int) {
	if l := t.lists[f.Name]; l != nil && i < len(l.labels) {
		t.d.Tag(l.labels[i])
		return
	}
	t.d.Artifact(pdf.Layout)
}

// address finds web and e-mail addresses in text: www.…, http(s)://…, name@domain.tld, in the
// characters a URI may hold; punctuation that ends a sentence is not part of one.
var address = regexp.MustCompile(`(?i)(?:https?://|www\.)[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+`)

// spans finds the spans of a paragraph's text that are links or in another language: each
// address a link; in a locale whose script is not Latin, each stretch of Latin letters (with
// the spaces, hyphens, dots and digits between them) English, an address in Latin letters too.
func (t *tagger) spans(text string) []pdf.Span {
	runes := []rune(text)
	foreign := t.script.String() != "Latn" // Latin letters are another script's

	var out []pdf.Span
	last := 0
	var found [][]int
	if mayHoldAddress(text) {
		found = address.FindAllStringIndex(text, -1)
	}
	for _, m := range found {
		s := strings.TrimRight(text[m[0]:m[1]], ".,;:!?)]'")
		start := len([]rune(text[:m[0]]))
		end := start + len([]rune(s))
		if foreign {
			out = append(out, t.latinStretches(runes, last, start)...)
		}
		sp := pdf.Span{Start: start, End: end, URI: uri(s)}
		if foreign {
			sp.Lang = latinLang
		}
		out = append(out, sp)
		last = end
	}
	if foreign {
		out = append(out, t.latinStretches(runes, last, len(runes))...)
	}
	return out
}

// mayHoldAddress reports whether text holds what every address has: "@", "://" or "www." in
// any case. Most paragraphs hold none, and this is far quicker to find out than address.
func mayHoldAddress(text string) bool {
	if strings.Contains(text, "@") || strings.Contains(text, "://") {
		return true
	}
	for i := 3; i < len(text); i++ {
		if text[i] == '.' && strings.EqualFold(text[i-3:i], "www") {
			return true
		}
	}
	return false
}

// latinStretches returns the stretches of Latin letters in runes[from:to], as English spans.
// A stretch goes on over spaces, hyphens, apostrophes, dots and digits that stand between two
// Latin letters ("EU Kids Online", "Make-IT-Safe", "ECPAT Belgium").
func (t *tagger) latinStretches(runes []rune, from, to int) []pdf.Span {
	var out []pdf.Span
	for i := from; i < to; {
		if !unicode.Is(unicode.Latin, runes[i]) {
			i++
			continue
		}
		end := i + 1
		for j := end; j < to; j++ {
			r := runes[j]
			if unicode.Is(unicode.Latin, r) {
				end = j + 1
				continue
			}
			if !strings.ContainsRune(" \u00a0-'’.&0123456789", r) {
				break
			}
		}
		out = append(out, pdf.Span{Start: i, End: end, Lang: latinLang})
		i = end
	}
	return out
}

// uri is the target of an address: a web address as https, an e-mail address as mailto.
func uri(s string) string {
	switch {
	case strings.Contains(s, "://"):
		return s
	case strings.Contains(s, "@") && !strings.HasPrefix(strings.ToLower(s), "www."):
		return "mailto:" + s
	}
	return "https://" + s
}

// altProblems reports the figures whose alternative text is no message of the English
// catalogue.
func altProblems(d *design.Design, cat *catalog.Catalog) []design.Problem {
	var out []design.Problem
	for _, p := range d.Pages {
		for _, s := range p.Shapes {
			if s.Alt != "" && !cat.Has(s.Alt) {
				out = append(out, design.Problem{File: d.File, Line: s.FileLine,
					Text: fmt.Sprintf("page %s: figure: alt message %s is not in the English catalogue", p.Name, s.Alt)})
			}
		}
	}
	return out
}
