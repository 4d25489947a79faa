package preflight

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PDF/UA-1 (ISO 14289-1): the checks of the Matterhorn Protocol 1.1 that a program can make
// and that apply to files like the leaflets (text, vector shapes, link annotations; no images,
// forms, tables, notes or optional content), each an Item of Report.PDFUA:
//
//   - tagged: /MarkInfo /Marked true, no /Suspects true, a structure tree (01-007);
//   - content: every painting operator inside the structure (a marked-content sequence whose
//     MCID the parent tree gives an element) or inside an artifact, no MCID inside an artifact
//     or another MCID, no artifact inside tagged content (01-003, 01-004, 01-005);
//   - structure: standard structure types only (02-001…02-004), lists nested as ISO 32000-1
//     says (L holds LI, LI holds Lbl and LBody: 09-004…09-006, 16-001…16-003), headings from
//     H1 without skipping a level (14-002, 14-003), each Figure with /Alt or /ActualText
//     (13-004), each MCID held by one element, as the parent tree says;
//   - language: the catalogue's /Lang and every element's, well-formed (11-001…11-006);
//   - metadata: XMP naming PDF/UA-1 (pdfuaid:part 1) and a dc:title, shown as the window's
//     title (/DisplayDocTitle: 06-001…06-003, 07-001, 07-002);
//   - annotations: each in the structure through an OBJR in a Link (or Annot) element, a link
//     with /Contents, /Tabs /S on each page that has annotations (28-002, 28-008, 28-009,
//     28-011, 28-012);
//   - fonts: each embedded, each with a ToUnicode map (31-001…31-030 as these files use them).

// uaItems checks the PDF/UA-1 requirements above.
func (r *Report) uaItems(f *file, root dict, pages []dict, x xmpProps, paints []paint, issues []string) []Item {
	tree := f.readTree(root, pages)
	return []Item{
		taggedItem(f, root),
		r.contentItem(tree, paints, issues),
		tree.item(),
		languageItem(f, root, tree),
		uaMetadataItem(f, root, x),
		annotationsItem(f, pages, tree),
		fontsUAItem(f, pages),
	}
}

func taggedItem(f *file, root dict) Item {
	var wrong []string
	mi := f.dict(root, "MarkInfo")
	if m, _ := mi["Marked"].(bool); !m {
		wrong = append(wrong, "no /MarkInfo /Marked true")
	}
	if s, _ := mi["Suspects"].(bool); s {
		wrong = append(wrong, "/Suspects true")
	}
	if f.dict(root, "StructTreeRoot") == nil {
		wrong = append(wrong, "no structure tree")
	}
	return verdict("tagged", "not tagged", wrong, "tagged (/MarkInfo /Marked true, a structure tree)")
}

// structTree is what the preflight read of a structure tree.
type structTree struct {
	elements int
	types    map[string]int
	problems []string
	mcids    map[[2]int]int // (page, MCID) → how many elements hold it
	parents  map[[2]int]bool
	objrs    map[int]string // annotation object → the type of the element that holds it
	langs    []string
}

// readTree walks the structure tree from its root, and reads its parent tree.
func (f *file) readTree(root dict, pages []dict) *structTree {
	t := &structTree{types: map[string]int{}, mcids: map[[2]int]int{}, parents: map[[2]int]bool{}, objrs: map[int]string{}}
	str := f.dict(root, "StructTreeRoot")
	if str == nil {
		return t
	}
	pageIndex := map[int]int{}
	for i, ref := range f.pageRefs(root) {
		pageIndex[ref] = i
	}
	if len(f.dict(str, "RoleMap")) > 0 {
		t.problems = append(t.problems, "a RoleMap: types of its own")
	}
	lastHeading := 0
	var walk func(e dict, num int, parentType string, pg, depth int)
	walk = func(e dict, num int, parentType string, pg, depth int) {
		if depth > 64 {
			t.problems = append(t.problems, "a tree more than 64 deep")
			return
		}
		s, _ := e["S"].(name)
		typ := string(s)
		t.elements++
		t.types[typ]++
		if !standardTypes[typ] {
			t.problems = append(t.problems, fmt.Sprintf("a %s, which is no standard structure type", typ))
		}
		if allowed, ok := parents[typ]; ok && !slices.Contains(allowed, parentType) {
			t.problems = append(t.problems, fmt.Sprintf("a %s in a %s", typ, parentType))
		}
		if kids, ok := children[parentType]; ok && !slices.Contains(kids, typ) {
			t.problems = append(t.problems, fmt.Sprintf("a %s holds a %s", parentType, typ))
		}
		if len(typ) == 2 && typ[0] == 'H' && typ[1] >= '1' && typ[1] <= '6' {
			level := int(typ[1] - '0')
			switch {
			case lastHeading == 0 && level != 1:
				t.problems = append(t.problems, fmt.Sprintf("the first heading is an %s", typ))
			case lastHeading > 0 && level > lastHeading+1:
				t.problems = append(t.problems, fmt.Sprintf("an %s after an H%d", typ, lastHeading))
			}
			lastHeading = level
		}
		if typ == "Figure" && len(textOf(f.resolve(e["Alt"]))) == 0 && len(textOf(f.resolve(e["ActualText"]))) == 0 {
			t.problems = append(t.problems, "a Figure without /Alt")
		}
		if l := textOf(f.resolve(e["Lang"])); l != "" {
			t.langs = append(t.langs, l)
		}
		if r, ok := e["Pg"].(ref); ok {
			if i, ok := pageIndex[r.num]; ok {
				pg = i
			}
		}
		kids := f.resolve(e["K"])
		list, isList := kids.([]any)
		if !isList {
			list = []any{e["K"]}
		}
		for _, k := range list {
			if k == nil {
				continue
			}
			switch v := k.(type) {
			case float64:
				t.mcids[[2]int{pg, int(v)}]++
			case ref:
				kd, _ := f.resolve(v).(dict)
				switch tk, _ := kd["Type"].(name); {
				case tk == "MCR":
					p := pg
					if r, ok := kd["Pg"].(ref); ok {
						p = pageIndex[r.num]
					}
					if m, ok := kd["MCID"].(float64); ok {
						t.mcids[[2]int{p, int(m)}]++
					}
				case tk == "OBJR":
					if r, ok := kd["Obj"].(ref); ok {
						t.objrs[r.num] = typ
					}
				case kd != nil:
					walk(kd, v.num, typ, pg, depth+1)
				}
			case dict:
				switch tk, _ := v["Type"].(name); tk {
				case "MCR":
					p := pg
					if r, ok := v["Pg"].(ref); ok {
						p = pageIndex[r.num]
					}
					if m, ok := v["MCID"].(float64); ok {
						t.mcids[[2]int{p, int(m)}]++
					}
				case "OBJR":
					if r, ok := v["Obj"].(ref); ok {
						t.objrs[r.num] = typ
					}
				default:
					walk(v, 0, typ, pg, depth+1)
				}
			}
		}
	}
	for _, k := range f.array(str, "K") {
		if e, ok := f.resolve(k).(dict); ok {
			walk(e, 0, "StructTreeRoot", -1, 0)
		}
	}
	if k, ok := f.resolve(str["K"]).(dict); ok {
		walk(k, 0, "StructTreeRoot", -1, 0)
	}
	// The parent tree: for each page's /StructParents, the element of each MCID.
	nums := f.numberTree(f.dict(str, "ParentTree"))
	for i, pg := range pages {
		sp, ok := pg["StructParents"].(float64)
		if !ok {
			continue
		}
		arr, _ := f.resolve(nums[int(sp)]).([]any)
		for m, e := range arr {
			if d, ok := f.resolve(e).(dict); ok && d["S"] != nil {
				t.parents[[2]int{i, m}] = true
			}
		}
	}
	return t
}

// numberTree reads a number tree's leaves (ISO 32000-1, 7.9.7), as deep as 16 levels.
func (f *file) numberTree(node dict) map[int]any {
	out := map[int]any{}
	var rec func(n dict, depth int)
	rec = func(n dict, depth int) {
		if n == nil || depth > 16 {
			return
		}
		a := f.array(n, "Nums")
		for i := 0; i+1 < len(a); i += 2 {
			if k, ok := a[i].(float64); ok {
				out[int(k)] = a[i+1]
			}
		}
		for _, k := range f.array(n, "Kids") {
			d, _ := f.resolve(k).(dict)
			rec(d, depth+1)
		}
	}
	rec(node, 0)
	return out
}

// pageRefs returns the object numbers of the pages, in order.
func (f *file) pageRefs(root dict) []int {
	var out []int
	var rec func(o any, depth int)
	rec = func(o any, depth int) {
		r, isRef := o.(ref)
		d, _ := f.resolve(o).(dict)
		if d == nil || depth > 32 {
			return
		}
		if t, _ := d["Type"].(name); t == "Page" {
			if isRef {
				out = append(out, r.num)
			}
			return
		}
		for _, k := range f.array(d, "Kids") {
			rec(k, depth+1)
		}
	}
	rec(root["Pages"], 0)
	return out
}

// standardTypes are ISO 32000-1's standard structure types (14.8.4).
var standardTypes = map[string]bool{}

func init() {
	for _, t := range strings.Fields("Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private " +
		"H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference " +
		"BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form") {
		standardTypes[t] = true
	}
}

// parents and children say where list elements may stand (ISO 32000-1, 14.8.4.3.3).
var (
	parents = map[string][]string{
		"LI": {"L"}, "Lbl": {"LI", "TOCI", "BibEntry", "Note"}, "LBody": {"LI"},
	}
	children = map[string][]string{
		"L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"},
	}
)

func (t *structTree) item() Item {
	if t.elements == 0 {
		return Item{Name: "structure", Detail: "no structure elements"}
	}
	problems := slices.Clone(t.problems)
	for k, n := range t.mcids {
		if n > 1 {
			problems = append(problems, fmt.Sprintf("page %d: MCID %d held by %d elements", k[0]+1, k[1], n))
		}
		if !t.parents[k] {
			problems = append(problems, fmt.Sprintf("page %d: MCID %d not in the parent tree", k[0]+1, k[1]))
		}
	}
	slices.Sort(problems)
	problems = slices.Compact(problems)
	var types []string
	for _, typ := range []string{"H1", "H2", "H3", "P", "L", "LI", "Figure", "Link", "Span"} {
		if n := t.types[typ]; n > 0 {
			types = append(types, fmt.Sprintf("%d %s", n, typ))
		}
	}
	return verdict("structure", "structure", problems, fmt.Sprintf("structure: %d elements (%s)", t.elements, strings.Join(types, ", ")))
}

// contentItem counts what the pages paint: in the structure, artifacts, and neither.
func (r *Report) contentItem(t *structTree, paints []paint, issues []string) Item {
	r.Tagged, r.Artifacts, r.Untagged = 0, 0, 0
	for _, p := range paints {
		switch {
		case p.art:
			r.Artifacts++
		case p.mcid >= 0 && t.parents[[2]int{p.page - 1, p.mcid}]:
			r.Tagged++
		default:
			r.Untagged++
		}
	}
	wrong := slices.Clone(issues)
	if r.Untagged > 0 {
		wrong = append(wrong, fmt.Sprintf("%d painting operators neither in the structure nor artifacts", r.Untagged))
	}
	return verdict("content", "content", wrong, fmt.Sprintf("content: %d painting operators in the structure, %d artifacts, none untagged", r.Tagged, r.Artifacts))
}

func languageItem(f *file, root dict, t *structTree) Item {
	lang := textOf(f.resolve(root["Lang"]))
	var wrong []string
	if !wellFormedLang(lang) {
		wrong = append(wrong, fmt.Sprintf("the catalogue's /Lang %q", lang))
	}
	others := map[string]int{}
	for _, l := range t.langs {
		if !wellFormedLang(l) {
			wrong = append(wrong, fmt.Sprintf("an element's /Lang %q", l))
		}
		others[l]++
	}
	detail := "language " + lang
	for _, l := range slicesSortedKeys(others) {
		detail += fmt.Sprintf(", %d elements in %s", others[l], l)
	}
	return verdict("language", "language", wrong, detail)
}

// wellFormedLang reports whether s looks like a BCP 47 tag: subtags of letters and digits, 1 to
// 8 long, the first of letters.
func wellFormedLang(s string) bool {
	parts := strings.Split(s, "-")
	for i, p := range parts {
		if len(p) == 0 || len(p) > 8 {
			return false
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

func uaMetadataItem(f *file, root dict, x xmpProps) Item {
	var wrong []string
	if x.get("pdfuaid:part") != "1" {
		wrong = append(wrong, fmt.Sprintf("XMP pdfuaid:part %q, not 1", x.get("pdfuaid:part")))
	}
	if x.get("dc:title") == "" {
		wrong = append(wrong, "no dc:title")
	}
	if d, _ := f.dict(root, "ViewerPreferences")["DisplayDocTitle"].(bool); !d {
		wrong = append(wrong, "no /ViewerPreferences /DisplayDocTitle true")
	}
	return verdict("metadata", "metadata", wrong, "XMP (PDF/UA-1, dc:title), the title shown")
}

func annotationsItem(f *file, pages []dict, t *structTree) Item {
	var wrong []string
	links := 0
	for i, pg := range pages {
		annots := f.array(pg, "Annots")
		if len(annots) == 0 {
			continue
		}
		if tabs, _ := pg["Tabs"].(name); tabs != "S" {
			wrong = append(wrong, fmt.Sprintf("page %d: annotations without /Tabs /S", i+1))
		}
		for _, a := range annots {
			r, _ := a.(ref)
			d, _ := f.resolve(a).(dict)
			st, _ := d["Subtype"].(name)
			if st == "Popup" {
				continue
			}
			typ, ok := t.objrs[r.num]
			switch {
			case !ok:
				wrong = append(wrong, fmt.Sprintf("page %d: a %s annotation not in the structure", i+1, st))
			case st == "Link" && typ != "Link":
				wrong = append(wrong, fmt.Sprintf("page %d: a link annotation in a %s, not a Link", i+1, typ))
			}
			if _, ok := d["StructParent"].(float64); !ok {
				wrong = append(wrong, fmt.Sprintf("page %d: a %s annotation without /StructParent", i+1, st))
			}
			if st == "Link" {
				links++
				if textOf(f.resolve(d["Contents"])) == "" {
					wrong = append(wrong, fmt.Sprintf("page %d: a link without /Contents", i+1))
				}
			}
		}
	}
	ok := "no annotations"
	if links > 0 {
		ok = strconv.Itoa(links) + " links, each in a Link element, with /Contents"
	}
	return verdict("annotations", "annotations", wrong, ok)
}

func fontsUAItem(f *file, pages []dict) Item {
	var wrong []string
	for _, ft := range f.fonts(pages) {
		if !ft.Embedded {
			wrong = append(wrong, ft.Name+" not embedded")
		}
	}
	seen := map[string]bool{}
	for _, pg := range pages {
		fonts := f.dict(f.dict(pg, "Resources"), "Font")
		for _, k := range slicesSortedKeys(fonts) {
			fd, _ := f.resolve(fonts[name(k)]).(dict)
			bf, _ := fd["BaseFont"].(name)
			if seen[string(bf)] {
				continue
			}
			seen[string(bf)] = true
			if fd["ToUnicode"] == nil {
				wrong = append(wrong, string(bf)+" without ToUnicode")
			}
		}
	}
	return verdict("fonts", "fonts", wrong, "fonts embedded, each with ToUnicode")
}

// textOf returns a PDF string as text (UTF-16BE with its byte order mark, or PDFDocEncoding).
func textOf(o any) string {
	b, _ := o.([]byte)
	return textString(b)
}

// slicesSortedKeys returns a map's keys as strings, sorted.
func slicesSortedKeys[K ~string, V any](m map[K]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, string(k))
	}
	slices.Sort(out)
	return out
}
