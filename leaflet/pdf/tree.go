package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// structure writes the structure tree (ISO 32000-1, 14.7) after fpdf's objects: the
// StructTreeRoot, an object for each element that has content, the parent tree that leads
// from each marked-content sequence and annotation back to its element, and the link
// annotations; and it tells the catalogue and the pages: /MarkInfo, /StructTreeRoot,
// /ViewerPreferences with /DisplayDocTitle (PDF/UA-1, 7.1), each page's /StructParents and
// /Tabs /S (the order of the structure, also for its annotations), and its /Annots.
func (f *file) structure(t *tagging) error {
	root, err := f.root()
	if err != nil {
		return err
	}
	pages, err := f.pageNumbers()
	if err != nil {
		return err
	}
	if len(pages) != len(t.parents) {
		return fmt.Errorf("%d pages in the file, %d drawn", len(pages), len(t.parents))
	}
	w := treeWriter{f: f, t: t, pages: pages, nums: map[*Element]int{}}
	w.treeRoot = f.reserve()
	w.parentTree = f.reserve()
	for range t.annots {
		w.annots = append(w.annots, f.reserve())
	}
	doc := w.number(t.root)
	if doc == 0 { // nothing drawn: an empty Document
		doc = f.reserve()
		w.nums[t.root] = doc
	}
	w.write(t.root, w.treeRoot)
	f.objects[w.treeRoot] = object(w.treeRoot, fmt.Sprintf("<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>",
		doc, w.parentTree, len(pages)+len(t.annots)))
	f.objects[w.parentTree] = object(w.parentTree, w.parentTreeDict())
	for i, a := range t.annots {
		f.objects[w.annots[i]] = object(w.annots[i], w.annotDict(a, len(pages)+i))
	}
	if bytes.Contains(f.objects[root], []byte("/MarkInfo")) || bytes.Contains(f.objects[root], []byte("/StructTreeRoot")) {
		return fmt.Errorf("fpdf wrote a structure of its own")
	}
	if err := f.replace(root, "/Type /Catalog\n", fmt.Sprintf("/Type /Catalog\n/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n"+
		"/ViewerPreferences <</DisplayDocTitle true>>\n", w.treeRoot)); err != nil {
		return err
	}
	for i, num := range pages {
		if bytes.Contains(f.objects[num], []byte("/Annots")) || bytes.Contains(f.objects[num], []byte("/StructParents")) {
			return fmt.Errorf("object %d: a page with annotations or a structure of fpdf's", num)
		}
		add := fmt.Sprintf("/StructParents %d\n/Tabs /S\n", i)
		var refs []string
		for k, a := range t.annots {
			if a.page == i {
				refs = append(refs, fmt.Sprintf("%d 0 R", w.annots[k]))
			}
		}
		if len(refs) > 0 {
			add += "/Annots [" + strings.Join(refs, " ") + "]\n"
		}
		if err := f.replace(num, pageStart, pageStart+add); err != nil {
			return err
		}
	}
	return f.setSize()
}

// treeWriter numbers and writes the elements of a structure tree.
type treeWriter struct {
	f                    *file
	t                    *tagging
	pages                []int // object numbers of the pages
	nums                 map[*Element]int
	treeRoot, parentTree int
	annots               []int // object numbers of the annotations
}

// items returns an element's children as the file holds them: groups replaced by their
// children, each operation's slot by what it holds, elements without content left out.
func (w *treeWriter) items(e *Element) []item {
	var out []item
	for _, k := range e.kids {
		switch {
		case k.slot != nil:
			for _, it := range k.slot.items {
				if it.elem == nil || len(w.items(it.elem)) > 0 {
					out = append(out, it)
				}
			}
		case k.elem.Tag == "":
			out = append(out, w.items(k.elem)...)
		case len(w.items(k.elem)) > 0:
			out = append(out, item{elem: k.elem})
		}
	}
	return out
}

// number gives e and every element under it with content an object number, in the order
// they are read, and returns e's (0: e has no content).
func (w *treeWriter) number(e *Element) int {
	its := w.items(e)
	if len(its) == 0 {
		return 0
	}
	w.nums[e] = w.f.reserve()
	for _, it := range its {
		if it.elem != nil {
			w.number(it.elem)
		}
	}
	return w.nums[e]
}

// write writes e and the elements under it; parent is the object number of e's parent.
func (w *treeWriter) write(e *Element, parent int) {
	its := w.items(e)
	pg := -1 // the page of e's first marked content or annotation: its /Pg
	for _, it := range its {
		if it.elem == nil {
			pg = it.page
			break
		}
	}
	var kids []string
	for _, it := range its {
		switch {
		case it.elem != nil:
			kids = append(kids, fmt.Sprintf("%d 0 R", w.nums[it.elem]))
			w.write(it.elem, w.nums[e])
		case it.annot >= 0:
			kids = append(kids, fmt.Sprintf("<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", w.annots[it.annot], w.pages[it.page]))
		case it.page == pg:
			kids = append(kids, strconv.Itoa(it.mcid))
		default:
			kids = append(kids, fmt.Sprintf("<</Type /MCR /Pg %d 0 R /MCID %d>>", w.pages[it.page], it.mcid))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<</Type /StructElem /S /%s /P %d 0 R", e.Tag, parent)
	if pg >= 0 {
		fmt.Fprintf(&b, " /Pg %d 0 R", w.pages[pg])
	}
	fmt.Fprintf(&b, " /K [%s]", strings.Join(kids, " "))
	if e.Lang != "" && validLang(e.Lang) {
		b.WriteString(" /Lang " + textString(e.Lang))
	}
	if e.Alt != "" {
		b.WriteString(" /Alt " + textString(e.Alt))
	}
	if e.ActualText != "" {
		b.WriteString(" /ActualText " + textString(e.ActualText))
	}
	if e.Attributes != "" {
		b.WriteString(" /A " + e.Attributes)
	}
	b.WriteString(">>")
	n := w.nums[e]
	w.f.objects[n] = object(n, b.String())
}

// parentTreeDict is the parent tree: for each page (its /StructParents), the element that holds
// each of its MCIDs; for each annotation (its /StructParent), its element.
func (w *treeWriter) parentTreeDict() string {
	var b strings.Builder
	b.WriteString("<</Nums [")
	for i, mcids := range w.t.parents {
		fmt.Fprintf(&b, "%d [", i)
		for k, e := range mcids {
			if k > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%d 0 R", w.nums[e])
		}
		b.WriteString("]\n")
	}
	for i, a := range w.t.annots {
		fmt.Fprintf(&b, "%d %d 0 R\n", len(w.t.parents)+i, w.nums[a.elem])
	}
	b.WriteString("]>>")
	return b.String()
}

// annotDict is a link annotation: no border, its address as its description (/Contents, PDF/UA
// 7.18.5), the Print flag, its place in the parent tree.
func (w *treeWriter) annotDict(a annot, key int) string {
	return fmt.Sprintf("<</Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] /F 4 /Contents %s /StructParent %d /P %d 0 R /A <</Type /Action /S /URI /URI %s>>>>",
		a.rect[0], a.rect[1], a.rect[2], a.rect[3], textString(a.uri), key, w.pages[a.page], asciiString(a.uri))
}

// asciiString writes s as a PDF string of 7-bit ASCII (a URI: RFC 3986), escaping what is not.
func asciiString(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, c := range []byte(s) {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c > 0x7e:
			fmt.Fprintf(&b, "%%%02X", c) // percent-encoded, as a URI writes it
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// object is an indirect object holding a dictionary.
func object(num int, body string) []byte {
	return []byte(fmt.Sprintf("%d 0 obj\n%s\nendobj\n", num, body))
}

// reserve returns the number of a new object, to be written later.
func (f *file) reserve() int {
	n := f.size
	f.size++
	f.objects[n] = object(n, "null")
	return n
}

var sizeRe = regexp.MustCompile(`/Size \d+`)

// setSize writes the number of objects into the trailer.
func (f *file) setSize() error {
	if !sizeRe.MatchString(f.trailer) {
		return fmt.Errorf("no /Size in the trailer")
	}
	f.trailer = sizeRe.ReplaceAllString(f.trailer, fmt.Sprintf("/Size %d", f.size))
	return nil
}

var (
	kidsRe = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	refRe  = regexp.MustCompile(`(\d+) 0 R`)
)

// pageNumbers returns the object numbers of the pages, in order, from the page tree fpdf
// writes: one node, object 1, whose Kids are the pages.
func (f *file) pageNumbers() ([]int, error) {
	m := kidsRe.FindSubmatch(f.objects[1])
	if m == nil || !bytes.Contains(f.objects[1], []byte("/Type /Pages")) {
		return nil, fmt.Errorf("object 1 is not fpdf's page tree with /Kids")
	}
	var out []int
	for _, ref := range refRe.FindAllSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(string(ref[1]))
		out = append(out, n)
	}
	return out, nil
}
