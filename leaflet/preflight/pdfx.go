package preflight

// The PDF/X-4 requirements (ISO 15930-7) that apply to the leaflets' PDFs, each checked into
// an Item.

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf16"
)

func (r *Report) versionItem() Item {
	it := Item{Name: "version", OK: r.Version == "1.6", Detail: "PDF " + r.Version}
	if !it.OK {
		it.Detail += ", not 1.6 (PDF/X-4 is PDF 1.6; ActualText needs 1.5)"
	}
	return it
}

// outputIntentItem checks the PDF/X output intent and its profile: an ICC output profile of
// CMYK.
func (f *file) outputIntentItem(root dict) Item {
	it := Item{Name: "output intent"}
	var found dict
	for _, o := range f.array(root, "OutputIntents") {
		d, _ := f.resolve(o).(dict)
		if s, _ := d["S"].(name); s == "GTS_PDFX" {
			if found != nil {
				it.Detail = "more than one GTS_PDFX output intent"
				return it
			}
			found = d
		}
	}
	if found == nil {
		it.Detail = "no GTS_PDFX output intent"
		return it
	}
	id, _ := found["OutputConditionIdentifier"].([]byte)
	reg, _ := found["RegistryName"].([]byte)
	if len(id) == 0 {
		it.Detail = "an output intent without OutputConditionIdentifier"
		return it
	}
	s := f.stream(found, "DestOutputProfile")
	if s == nil {
		it.Detail = fmt.Sprintf("output intent %s without DestOutputProfile", id)
		return it
	}
	data, err := decode(s)
	if err != nil {
		it.Detail = fmt.Sprintf("output intent %s: its profile: %v", id, err)
		return it
	}
	prof, err := readICC(data)
	if err != nil {
		it.Detail = fmt.Sprintf("output intent %s: its profile: %v", id, err)
		return it
	}
	n, _ := s.dict["N"].(float64)
	switch {
	case prof.space != "CMYK" || n != 4:
		it.Detail = fmt.Sprintf("output intent %s: a %s profile with /N %g, want CMYK and 4", id, prof.space, n)
	case prof.major > 4 || prof.major == 4 && prof.minor > 2:
		it.Detail = fmt.Sprintf("output intent %s: an ICC profile of version %d.%d, past PDF/X-4's 4.2", id, prof.major, prof.minor)
	case prof.class != "prtr":
		it.Detail = fmt.Sprintf("output intent %s: a profile of class %q, want an output profile (prtr)", id, prof.class)
	case len(reg) == 0:
		it.Detail = fmt.Sprintf("output intent %s without RegistryName", id)
	default:
		it.OK = true
		it.Detail = fmt.Sprintf("output intent %s (%s) with a CMYK profile", id, reg)
	}
	return it
}

// icc is what the preflight reads of an ICC profile's header.
type icc struct {
	class, space string
	major, minor int
}

func readICC(b []byte) (icc, error) {
	if len(b) < 128 || string(b[36:40]) != "acsp" {
		return icc{}, fmt.Errorf("not an ICC profile")
	}
	if int(binary.BigEndian.Uint32(b)) != len(b) {
		return icc{}, fmt.Errorf("its header says %d bytes, it has %d", binary.BigEndian.Uint32(b), len(b))
	}
	return icc{class: string(b[12:16]), space: strings.TrimSpace(string(b[16:20])), major: int(b[8]), minor: int(b[9] >> 4)}, nil
}

// The XMP namespaces a PDF/X-4 file's metadata uses, by the prefixes the report names them by.
var xmpNamespaces = map[string]string{
	"http://purl.org/dc/elements/1.1/": "dc",
	"http://ns.adobe.com/xap/1.0/":     "xmp",
	"http://ns.adobe.com/xap/1.0/mm/":  "xmpMM",
	"http://ns.adobe.com/pdf/1.3/":     "pdf",
	"http://www.npes.org/pdfx/ns/id/":  "pdfxid",
	"http://www.aiim.org/pdfua/ns/id/": "pdfuaid",
}

// xmpProps are the properties of an XMP packet: "prefix:name" → values, each with its
// xml:lang when it is an item of a language alternative.
type xmpProps map[string][]xmpValue

type xmpValue struct{ lang, text string }

func (p xmpProps) get(key string) string {
	if v := p[key]; len(v) > 0 {
		return v[0].text
	}
	return ""
}

// xmp reads the catalogue's metadata stream.
func (f *file) xmp(root dict) (xmpProps, error) {
	s := f.stream(root, "Metadata")
	if s == nil {
		return nil, fmt.Errorf("no /Metadata in the catalogue")
	}
	if t, _ := s.dict["Subtype"].(name); t != "XML" {
		return nil, fmt.Errorf("the metadata stream is not /Subtype /XML")
	}
	data, err := decode(s)
	if err != nil {
		return nil, err
	}
	return parseXMP(data)
}

// parseXMP collects an XMP packet's properties of the namespaces in xmpNamespaces, written as
// elements (simple values, or the items of an rdf:Alt, rdf:Bag or rdf:Seq) or as attributes of
// rdf:Description.
func parseXMP(data []byte) (xmpProps, error) {
	const rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	props := xmpProps{}
	d := xml.NewDecoder(bytes.NewReader(data))
	var (
		prop             string // the property being read, "prefix:name"
		depth, propDepth int
		liLang           string
		text             strings.Builder
		items            bool // the property has rdf:li items
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return props, nil
		}
		if err != nil {
			return nil, fmt.Errorf("XMP: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			p, known := xmpNamespaces[t.Name.Space]
			switch {
			case t.Name.Space == rdfNS && t.Name.Local == "Description":
				for _, a := range t.Attr {
					if ap, ok := xmpNamespaces[a.Name.Space]; ok {
						props[ap+":"+a.Name.Local] = append(props[ap+":"+a.Name.Local], xmpValue{text: a.Value})
					}
				}
			case prop == "" && known:
				prop, propDepth, items = p+":"+t.Name.Local, depth, false
				text.Reset()
			case prop != "" && t.Name.Space == rdfNS && t.Name.Local == "li":
				liLang = ""
				for _, a := range t.Attr {
					if a.Name.Local == "lang" && a.Name.Space == "http://www.w3.org/XML/1998/namespace" {
						liLang = a.Value
					}
				}
				text.Reset()
			}
		case xml.CharData:
			if prop != "" {
				text.Write(t)
			}
		case xml.EndElement:
			switch {
			case prop != "" && t.Name.Space == rdfNS && t.Name.Local == "li":
				props[prop] = append(props[prop], xmpValue{lang: liLang, text: text.String()})
				items = true
			case prop != "" && depth == propDepth:
				if !items {
					props[prop] = append(props[prop], xmpValue{text: strings.TrimSpace(text.String())})
				}
				prop = ""
			}
			depth--
		}
	}
}

// xmpKeys are the metadata PDF/X-4 asks for, and what the Info dictionary mirrors.
var xmpKeys = []string{"pdfxid:GTS_PDFXVersion", "dc:title", "xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate",
	"xmpMM:DocumentID", "xmpMM:InstanceID", "xmpMM:VersionID", "xmpMM:RenditionClass", "pdf:Trapped", "pdf:Producer"}

func xmpItem(x xmpProps, err error) Item {
	it := Item{Name: "XMP metadata"}
	if err != nil {
		it.Detail = err.Error()
		return it
	}
	var missing []string
	for _, k := range xmpKeys {
		if x.get(k) == "" {
			missing = append(missing, k)
		}
	}
	var langs []string
	for _, v := range x["dc:title"] {
		if v.lang != "" && v.lang != "x-default" {
			langs = append(langs, v.lang)
		}
	}
	switch {
	case len(missing) > 0:
		it.Detail = "XMP without " + strings.Join(missing, ", ")
	case x.get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
		it.Detail = fmt.Sprintf("XMP says %q, not PDF/X-4", x.get("pdfxid:GTS_PDFXVersion"))
	case len(langs) == 0:
		it.Detail = "XMP dc:title in no language (xml:lang)"
	default:
		it.OK = true
		it.Detail = fmt.Sprintf("XMP (%s, title in %s)", x.get("pdfxid:GTS_PDFXVersion"), strings.Join(langs, ", "))
	}
	return it
}

// infoItem checks that the Info dictionary has Title, dates and Trapped, and says what the
// XMP metadata says.
func (f *file) infoItem(x xmpProps) Item {
	it := Item{Name: "Info"}
	info := f.dict(f.trailer, "Info")
	if info == nil {
		it.Detail = "no Info dictionary"
		return it
	}
	str := func(k name) string { b, _ := info[k].([]byte); return textString(b) }
	trapped, _ := info["Trapped"].(name)
	created, err1 := pdfDate(str("CreationDate"))
	modified, err2 := pdfDate(str("ModDate"))
	var problems []string
	if trapped != "True" && trapped != "False" {
		problems = append(problems, fmt.Sprintf("Trapped is %q, want /True or /False", trapped))
	}
	if str("Title") == "" {
		problems = append(problems, "no Title")
	}
	if err1 != nil || err2 != nil {
		problems = append(problems, "CreationDate or ModDate missing or malformed")
	}
	if x != nil {
		same := func(what, a, b string) {
			if a != b {
				problems = append(problems, fmt.Sprintf("%s: Info %q, XMP %q", what, a, b))
			}
		}
		same("Trapped", string(trapped), x.get("pdf:Trapped"))
		same("Producer", str("Producer"), x.get("pdf:Producer"))
		var title string
		for _, v := range x["dc:title"] {
			if v.lang == "x-default" {
				title = v.text
			}
		}
		same("Title", str("Title"), title)
		for _, d := range []struct {
			what string
			info time.Time
			key  string
		}{{"CreationDate", created, "xmp:CreateDate"}, {"ModDate", modified, "xmp:ModifyDate"}} {
			t, err := time.Parse(time.RFC3339, x.get(d.key))
			if err != nil || !t.Equal(d.info) {
				problems = append(problems, fmt.Sprintf("%s: Info %s, XMP %s %q", d.what, d.info.Format(time.RFC3339), d.key, x.get(d.key)))
			}
		}
	}
	if len(problems) > 0 {
		it.Detail = "Info: " + strings.Join(problems, "; ")
		return it
	}
	it.OK = true
	it.Detail = fmt.Sprintf("Info as XMP, Trapped %s, %s", trapped, created.Format("2006-01-02"))
	return it
}

// textString decodes a PDF text string: UTF-16BE with a byte order mark, else PDFDocEncoding
// (read as Latin-1, which it is for the characters that matter here).
func textString(b []byte) string {
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

var pdfDateRe = regexp.MustCompile(`^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?$`)

// pdfDate reads a PDF date (ISO 32000-1, 7.9.4); without a time zone it is taken as UTC.
func pdfDate(s string) (time.Time, error) {
	m := pdfDateRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, fmt.Errorf("date %q", s)
	}
	def := []string{"", "", "01", "01", "00", "00", "00"}
	for i := 2; i <= 6; i++ {
		if m[i] == "" {
			m[i] = def[i]
		}
	}
	zone := "Z"
	if z := strings.ReplaceAll(m[7], "'", ""); z != "" && z != "Z" {
		zone = z[:3] + ":" + z[3:]
	}
	return time.Parse(time.RFC3339, fmt.Sprintf("%s-%s-%sT%s:%s:%s%s", m[1], m[2], m[3], m[4], m[5], m[6], zone))
}

// idItem checks the trailer's /ID and that the XMP's document ID is the same.
func (f *file) idItem(x xmpProps) Item {
	it := Item{Name: "document ID"}
	ids := f.array(f.trailer, "ID")
	if len(ids) != 2 {
		it.Detail = "no /ID [<…> <…>] in the trailer"
		return it
	}
	a, _ := ids[0].([]byte)
	b, _ := ids[1].([]byte)
	if len(a) < 16 || len(b) < 16 {
		it.Detail = "an /ID shorter than 16 bytes"
		return it
	}
	if x != nil && len(a) == 16 {
		want := fmt.Sprintf("uuid:%x-%x-%x-%x-%x", a[0:4], a[4:6], a[6:8], a[8:10], a[10:16])
		if got := x.get("xmpMM:DocumentID"); got != want {
			it.Detail = fmt.Sprintf("XMP DocumentID %s, trailer /ID %s", got, want)
			return it
		}
	}
	it.OK = true
	it.Detail = "/ID"
	return it
}

// boxesItem checks that every page has a TrimBox inside its BleedBox inside its media box, and
// says how much bleed there is.
func (r *Report) boxesItem() Item {
	it := Item{Name: "page boxes"}
	bleed, slug := math.Inf(1), math.Inf(1)
	for i, p := range r.Pages {
		switch {
		case p.Trim == ([4]float64{}):
			it.Detail = fmt.Sprintf("page %d: no TrimBox", i+1)
			return it
		case !rect(p.Trim).inside(rect(p.Bleed)):
			it.Detail = fmt.Sprintf("page %d: TrimBox %v outside BleedBox %v", i+1, p.Trim, p.Bleed)
			return it
		case !rect(p.Bleed).inside(rect(p.Media)):
			it.Detail = fmt.Sprintf("page %d: BleedBox %v outside MediaBox %v", i+1, p.Bleed, p.Media)
			return it
		}
		for k := range 4 {
			bleed = min(bleed, math.Abs(p.Trim[k]-p.Bleed[k]))
			slug = min(slug, math.Abs(p.Bleed[k]-p.Media[k]))
		}
	}
	it.OK = true
	t := r.Pages[0].Trim
	it.Detail = fmt.Sprintf("trim %s × %s mm, bleed %s mm", ftoa((t[2]-t[0])/mm), ftoa((t[3]-t[1])/mm), ftoa(bleed/mm))
	if slug < 0.005 {
		it.Detail += ", media = bleed"
	} else {
		it.Detail += fmt.Sprintf(", slug %s mm", ftoa(slug/mm))
	}
	return it
}

const mm = 72 / 25.4

// allowedSpaces are the colour spaces PDF/X-4 allows with a CMYK output intent that the
// leaflets may paint with.
var allowedSpaces = []string{"DeviceCMYK", "DeviceGray", "ICCBased CMYK", "ICCBased gray"}

// colourItem checks the colour spaces painted with, and the page groups' blending spaces: no RGB.
func (r *Report) colourItem(f *file, pages []dict) Item {
	var bad []string
	for _, s := range append(slices.Clone(r.SetSpaces), r.Spaces...) {
		if !slices.Contains(allowedSpaces, s) && !strings.HasPrefix(s, "Separation") && !slices.Contains(bad, s) {
			bad = append(bad, s)
		}
	}
	for i, pg := range pages {
		if g := f.dict(pg, "Group"); g != nil {
			if cs, _ := f.resolve(g["CS"]).(name); cs != "DeviceCMYK" {
				bad = append(bad, fmt.Sprintf("page %d's transparency group in %v", i+1, g["CS"]))
			}
		}
		for n, cs := range f.dict(f.dict(pg, "Resources"), "ColorSpace") {
			s, err := f.colourSpaceOf(f.resolve(cs))
			if err != nil || !slices.Contains(allowedSpaces, s.family) && !strings.HasPrefix(s.family, "Separation") {
				bad = append(bad, fmt.Sprintf("resource /%s %s", n, s.family))
			}
		}
	}
	return verdict("colour", "colour spaces PDF/X-4 forbids with a CMYK output intent, or that are not CMYK", bad, strings.Join(r.Spaces, ", "))
}

// verdict is an Item met when nothing wrong was found, else one that lists what was.
func verdict(name, what string, wrong []string, ok string) Item {
	if len(wrong) > 0 {
		return Item{Name: name, Detail: what + ": " + strings.Join(wrong, ", ")}
	}
	return Item{Name: name, OK: true, Detail: ok}
}

// fonts lists the fonts of every page's resources.
func (f *file) fonts(pages []dict) []Font {
	seen := map[string]bool{}
	var out []Font
	for _, pg := range pages {
		for _, fo := range f.dict(f.dict(pg, "Resources"), "Font") {
			fd, _ := f.resolve(fo).(dict)
			if fd == nil {
				continue
			}
			base, _ := fd["BaseFont"].(name)
			sub, _ := fd["Subtype"].(name)
			if seen[string(base)+string(sub)] {
				continue
			}
			seen[string(base)+string(sub)] = true
			font := Font{Name: string(base), Type: string(sub), Subset: subsetRe.MatchString(string(base))}
			desc := f.dict(fd, "FontDescriptor")
			if sub == "Type0" {
				if d := f.array(fd, "DescendantFonts"); len(d) == 1 {
					cid, _ := f.resolve(d[0]).(dict)
					desc = f.dict(cid, "FontDescriptor")
				}
			}
			switch {
			case sub == "Type3":
				font.Embedded = true
			case desc != nil:
				for _, k := range []name{"FontFile", "FontFile2", "FontFile3"} {
					if f.stream(desc, k) != nil {
						font.Embedded = true
					}
				}
			}
			out = append(out, font)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

var subsetRe = regexp.MustCompile(`^[A-Z]{6}\+`)

func (r *Report) fontsItem() Item {
	var missing []string
	for _, f := range r.Fonts {
		if !f.Embedded {
			missing = append(missing, f.Name)
		}
	}
	return verdict("fonts", "fonts not embedded", missing, "fonts embedded")
}

func (f *file) encryptionItem() Item {
	if _, ok := f.trailer["Encrypt"]; ok {
		return Item{Name: "encryption", Detail: "the file is encrypted"}
	}
	return Item{Name: "encryption", OK: true, Detail: "not encrypted"}
}

// interactiveItem checks that nothing but print content is in the file: no actions,
// JavaScript, embedded files or annotations on the piece.
func (f *file) interactiveItem(root dict, pages []dict) Item {
	var found []string
	for _, k := range []name{"OpenAction", "AA", "AcroForm"} {
		if _, ok := root[k]; ok {
			found = append(found, "catalogue /"+string(k))
		}
	}
	names := f.dict(root, "Names")
	for _, k := range []name{"JavaScript", "EmbeddedFiles"} {
		if _, ok := names[k]; ok {
			found = append(found, "/"+string(k))
		}
	}
	for i, pg := range pages {
		if len(f.array(pg, "Annots")) > 0 {
			found = append(found, fmt.Sprintf("page %d: annotations", i+1))
		}
		if _, ok := pg["AA"]; ok {
			found = append(found, fmt.Sprintf("page %d: actions", i+1))
		}
	}
	return verdict("interactive content", "interactive content", found, "nothing interactive")
}
