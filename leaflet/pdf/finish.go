package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// finish rewrites what fpdf wrote so that text comes back out and fonts are named as PDF
// requires: each embedded font gets a real ToUnicode map (fpdf writes an identity map, which
// would give back Private Use Area codes) and a subset tag (ABCDEF+NotoSans-Regular); each page
// gets its page boxes. The file is written anew with a fresh cross-reference table; fpdf has no
// hook for these changes.
func finish(src []byte, codes *codeBook, boxes string) ([]byte, error) {
	f, err := parseFile(src)
	if err != nil {
		return nil, fmt.Errorf("pdf: reading fpdf's output: %w", err)
	}
	for n, obj := range f.objects {
		if bytes.Contains(obj, []byte("<</Type /Page\n")) {
			f.replace(n, "<</Type /Page\n", "<</Type /Page\n"+boxes)
		}
	}
	for _, font := range codes.order {
		if err := f.renameFont(codes.fonts[font], font.Name); err != nil {
			return nil, fmt.Errorf("pdf: font %s: %w", font.Name, err)
		}
	}
	return f.bytes(), nil
}

// file is a PDF as fpdf writes it: a header, numbered objects, one classic xref table and a
// trailer.
type file struct {
	header  []byte
	objects map[int][]byte // "N 0 obj … endobj\n"
	trailer string         // the trailer dictionary, "<< … >>"
	size    int
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRe   = regexp.MustCompile(`(?s)trailer\s*(<<.*>>)\s*startxref`)
	objHeadRe   = regexp.MustCompile(`^(\d+) 0 obj`)
)

func parseFile(src []byte) (*file, error) {
	m := startxrefRe.FindSubmatch(src)
	if m == nil {
		return nil, fmt.Errorf("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(src) || !bytes.HasPrefix(src[xref:], []byte("xref")) {
		return nil, fmt.Errorf("bad startxref %d", xref)
	}
	t := trailerRe.FindSubmatch(src[xref:])
	if t == nil {
		return nil, fmt.Errorf("no trailer")
	}
	lines := strings.Split(string(src[xref:]), "\n")
	if len(lines) < 2 {
		return nil, fmt.Errorf("short xref")
	}
	var first, count int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || first != 0 {
		return nil, fmt.Errorf("xref: %q", lines[1])
	}
	type entry struct{ num, off int }
	var entries []entry
	for i := 1; i < count && 2+i < len(lines); i++ {
		var off, gen int
		var kind string
		if _, err := fmt.Sscanf(lines[2+i], "%d %d %s", &off, &gen, &kind); err != nil {
			return nil, fmt.Errorf("xref entry %d: %v", i, err)
		}
		if kind == "n" {
			entries = append(entries, entry{i, off})
		}
	}
	sort.Slice(entries, func(a, b int) bool { return entries[a].off < entries[b].off })
	f := &file{objects: map[int][]byte{}, trailer: string(t[1]), size: count}
	if len(entries) == 0 {
		return nil, fmt.Errorf("no objects")
	}
	f.header = src[:entries[0].off]
	for k, e := range entries {
		end := xref
		if k+1 < len(entries) {
			end = entries[k+1].off
		}
		if e.off >= end || end > len(src) {
			return nil, fmt.Errorf("object %d: bad offset", e.num)
		}
		obj := src[e.off:end]
		if h := objHeadRe.FindSubmatch(obj); h == nil || string(h[1]) != strconv.Itoa(e.num) {
			return nil, fmt.Errorf("object %d not at its offset", e.num)
		}
		f.objects[e.num] = obj
	}
	return f, nil
}

var (
	descendantRe = regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`)
	toUnicodeRe  = regexp.MustCompile(`/ToUnicode (\d+) 0 R`)
	descriptorRe = regexp.MustCompile(`/FontDescriptor (\d+) 0 R`)
)

// renameFont gives the font fpdf embedded under u.family its subset-tagged name and its
// ToUnicode map.
func (f *file) renameFont(u *fontCodes, name string) error {
	old := "/utf8" + u.family + "\n"
	tagged := "/" + subsetTag(name, u.glyphs) + "+" + name + "\n"
	var type0 int
	for n, obj := range f.objects {
		if bytes.Contains(obj, []byte("/Subtype /Type0\n/BaseFont "+old)) {
			type0 = n
		}
	}
	if type0 == 0 {
		return fmt.Errorf("fpdf wrote no font %s", u.family)
	}
	obj := f.objects[type0]
	cid, tu := descendantRe.FindSubmatch(obj), toUnicodeRe.FindSubmatch(obj)
	if cid == nil || tu == nil {
		return fmt.Errorf("font dictionary without descendant or ToUnicode")
	}
	cidNum, _ := strconv.Atoi(string(cid[1]))
	tuNum, _ := strconv.Atoi(string(tu[1]))
	desc := descriptorRe.FindSubmatch(f.objects[cidNum])
	if desc == nil {
		return fmt.Errorf("CID font without descriptor")
	}
	descNum, _ := strconv.Atoi(string(desc[1]))
	f.replace(type0, "/BaseFont "+old, "/BaseFont "+tagged)
	f.replace(cidNum, "/BaseFont "+old, "/BaseFont "+tagged)
	f.replace(descNum, "/FontName "+old, "/FontName "+tagged)
	f.objects[tuNum] = streamObject(tuNum, toUnicodeCMap(u.text))
	return nil
}

func (f *file) replace(num int, old, new string) {
	f.objects[num] = bytes.Replace(f.objects[num], []byte(old), []byte(new), 1)
}

// subsetTag is six capital letters that differ between different subsets of a font (ISO 32000,
// 9.6.4), made from the glyphs the subset holds, so the same text always gets the same tag.
func subsetTag(name string, glyphs map[uint16]bool) string {
	ids := make([]int, 0, len(glyphs))
	for g := range glyphs {
		ids = append(ids, int(g))
	}
	sort.Ints(ids)
	h := sha1.New()
	fmt.Fprint(h, name, ids)
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// toUnicodeCMap maps each code to the text its glyph stands for. Codes of glyphs that stand for
// no text of their own (the second glyph of a cluster) map to nothing.
func toUnicodeCMap(text map[rune][]rune) []byte {
	ids := make([]int, 0, len(text))
	for c := range text {
		ids = append(ids, int(c))
	}
	sort.Ints(ids)
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(ids); i += 100 {
		chunk := ids[i:min(i+100, len(ids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> %s\n", g, utf16Hex(string(text[rune(g)]), false))
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}

func streamObject(num int, data []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n<</Length %d /Filter /FlateDecode>>\nstream\n", num, z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
}

// bytes writes the file: header, objects in order, a new xref table and the trailer.
func (f *file) bytes() []byte {
	var b bytes.Buffer
	b.Write(f.header)
	offsets := make([]int, f.size)
	for n := 1; n < f.size; n++ {
		if obj, ok := f.objects[n]; ok {
			offsets[n] = b.Len()
			b.Write(obj)
		}
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", f.size)
	for n := 1; n < f.size; n++ {
		if _, ok := f.objects[n]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", f.trailer, xref)
	return b.Bytes()
}
