package pdf

import (
	"fmt"
	"strings"

	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// Tagged PDF. Every document is tagged (ISO 32000-1, 14.8; PDF/UA-1, ISO 14289-1): a structure
// tree says what each piece of a page is (a heading, a paragraph, a list and its items, a
// figure and its alternative text, a link) and in what order a screen reader reads it, and
// whatever is drawn only to look good (bands, backgrounds, rules, decorative icons, crop marks)
// is an artifact, which readers skip. A caller builds the tree from the Document's Root, and
// says what each drawing belongs to with Tag and Artifact before drawing it:
//
//	h := d.Root().Add("H1")
//	d.Tag(h)
//	d.Text(title, x, y, c)
//	d.Artifact(Layout)
//	d.Rect(…) // a band
//
// Content drawn before any call to Tag or Artifact is tagged by default: each paragraph of a
// text block a P of the Document, any other drawing an artifact.
//
// The text of each line is its text layer (see textLayer), a marked-content sequence for each
// piece of it, cut where spans of its paragraph in another language or that link somewhere
// begin and end (Para, Span): each sequence carries its own MCID and its span's /Lang, so that
// extraction, languages and the structure agree sequence by sequence, and a sequence never holds
// the text of two elements. The drawn glyphs are an artifact.

// Element is a structure element: a node of the document's logical structure. Its Tag is a
// standard structure type (Document, Sect, H1…H6, P, L, LI, Lbl, LBody, Figure, Link, Span…);
// an Element with no Tag is a group, whose children take its place in its parent (a caller's
// way to reserve a place in the reading order before it knows what goes there). Elements that
// end up with no content are left out of the file.
type Element struct {
	Tag        string
	Lang       string // BCP 47: the element's language, when it differs from its parent's
	Alt        string // alternative text: what a Figure shows
	ActualText string // the text the element's content stands for (a drawn checkbox: "☐")
	Attributes string // an attribute object (/A) in PDF syntax: "<</O /List /ListNumbering /None>>"
	kids       []kid
}

// kid is one child of an element: an element, or the content of one drawing operation, which
// is known only when the document is written.
type kid struct {
	elem *Element
	slot *slot
}

// slot holds what one drawing operation put into its element when the document was written:
// marked-content sequences, and the elements of the spans of a line.
type slot struct{ items []item }

// item is a child of an element in the file: an element, a marked-content sequence (page,
// mcid), or a link annotation (annot ≥ 0).
type item struct {
	elem  *Element
	page  int
	mcid  int
	annot int
}

// Add appends a new child element with the given tag ("" for a group) and returns it.
func (e *Element) Add(tag string) *Element {
	c := &Element{Tag: tag}
	e.kids = append(e.kids, kid{elem: c})
	return c
}

func (e *Element) addSlot() *slot {
	s := &slot{}
	e.kids = append(e.kids, kid{slot: s})
	return s
}

// Artifact is the kind of an artifact: content that is drawn, not read (ISO 32000-1, 14.8.2.2).
type Artifact string

const (
	// Layout is decoration: bands, backgrounds, rules, decorative icons.
	Layout Artifact = "<</Type /Layout>>"
	// Pagination is what repeats on every page: running heads and feet.
	Pagination Artifact = "<</Type /Pagination>>"
	// PrintersMarks are production aids outside the piece: crop marks and the slug line.
	PrintersMarks Artifact = "<</Type /Page>>"
)

// target is what drawn content belongs to: an element, an artifact, or (both empty) the
// default (see the package's tagging).
type target struct {
	elem     *Element
	artifact Artifact
}

// Root returns the document's root element, Document, to which the caller adds the structure.
func (d *Document) Root() *Element {
	if d.root == nil {
		d.root = &Element{Tag: "Document"}
	}
	return d.root
}

// Tag makes what is drawn from now on content of e.
func (d *Document) Tag(e *Element) { d.cur = target{elem: e} }

// Artifact makes what is drawn from now on an artifact of kind a.
func (d *Document) Artifact(a Artifact) { d.cur = target{artifact: a} }

// Para says how one paragraph of a text block is tagged: the element its lines belong to, and
// the spans of its text that are in another language or link somewhere.
type Para struct {
	Elem  *Element
	Spans []Span
	elems []*Element // the elements of the spans, made as the lines are drawn (spanElement)
	live  bool       // links are live: the screen variant
}

// Span is a stretch of a paragraph's text, in runes from the paragraph's start, that is in
// another language than the paragraph (Lang) or links somewhere (URI): its own element, a Span
// with its /Lang or a Link. Spans do not overlap. A link is live (a link annotation) only in the
// screen variant: PDF/X keeps annotations off the printed piece.
type Span struct {
	Start, End int
	Lang       string // BCP 47
	URI        string // "https://…", "mailto:…"
}

// TextParas draws a typeset block like Text, each paragraph i of it tagged as paras[i] says (a
// paragraph past the end of paras, or with a nil Elem, as Text tags it).
func (d *Document) TextParas(b *typeset.Block, x, y float64, c Color, paras []Para) {
	own := make([]Para, len(paras))
	for i, p := range paras {
		own[i] = Para{Elem: p.Elem, live: d.opts.Screen}
		for _, s := range p.Spans {
			if !d.opts.Screen {
				s.URI = "" // no annotations on the printed piece: an address is text
			}
			if s.Lang != "" && !validLang(s.Lang) {
				s.Lang = ""
			}
			if (s.Lang != "" || s.URI != "") && s.Start < s.End {
				own[i].Spans = append(own[i].Spans, s)
			}
		}
	}
	for i := range b.Lines {
		l := &b.Lines[i]
		o := op{line: l, x: x, y: y + l.Baseline, color: c, hasColor: true}
		if l.Para < len(own) && own[l.Para].Elem != nil {
			p := &own[l.Para]
			o.para, o.tgt = p, target{elem: p.Elem}
		}
		d.add(o)
	}
}

// tagOp decides what an operation being added belongs to, and reserves its place in its
// element.
func (d *Document) tagOp(o *op) {
	if o.tgt == (target{}) {
		o.tgt = d.cur
	}
	if o.tgt == (target{}) { // the default: a paragraph of text is a P, anything else decoration
		if o.line == nil {
			o.tgt.artifact = Layout
		} else {
			o.tgt.elem = d.defaultParagraph(o.line)
		}
	}
	if o.tgt.elem != nil {
		o.slot = o.tgt.elem.addSlot()
	}
}

// defaultParagraph returns the P of the Document that a line of an untagged block belongs to:
// a new one for each paragraph.
func (d *Document) defaultParagraph(l *typeset.Line) *Element {
	if d.lastLine == nil || l.Para != d.lastLine.Para || l.First || d.lastPara == nil {
		d.lastPara = d.Root().Add("P")
	}
	d.lastLine = l
	return d.lastPara
}

// textString writes s as a PDF text string: PDFDocEncoding's printable ASCII as a literal,
// anything else in UTF-16BE.
func textString(s string) string {
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			return utf16Hex(s, true)
		}
	}
	return "(" + strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s) + ")"
}

// validLang reports whether s can be written as a language tag: letters, digits and hyphens.
func validLang(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// properties is a marked-content property list: its MCID and, for text, its ActualText (none
// for the text layer) and language.
func properties(mcid int, actual, lang string) string {
	var b strings.Builder
	b.WriteString("<<")
	if mcid >= 0 {
		fmt.Fprintf(&b, "/MCID %d", mcid)
	}
	if lang != "" {
		fmt.Fprintf(&b, " /Lang %s", textString(lang))
	}
	if actual != "" {
		b.WriteString(" /ActualText " + utf16Hex(actual, true))
	}
	b.WriteString(">>")
	return b.String()
}
