package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// finish is the one pass over fpdf's output: it puts right what fpdf v0.12 cannot write, so
// that text comes back out of the file, fonts are named as PDF requires, and the file is PDF/X-4.
// Each step looks for exactly what fpdf writes and fails, naming it, when it is not there, so
// that an fpdf upgrade that writes otherwise is caught (TestFinishReliesOnFpdf lists them all):
//
//   - the header says PDF 1.6, PDF/X-4's version (fpdf says 1.4 once there is an output intent,
//     though the file uses ActualText, of PDF 1.5);
//   - each page gets its BleedBox (fpdf writes the TrimBox that SetPageBox sets, but a second box
//     in map order, so the bytes would differ from run to run) and loses the transparency group
//     fpdf gives every page of a PDF 1.4 file, whose DeviceRGB blending space PDF/X forbids
//     under a CMYK output intent (nothing on the pages is transparent);
//   - the output intent's profile is declared as the CMYK profile it is (fpdf writes /N 3 and
//     /Alternate /DeviceRGB for any profile), and the intent gets its RegistryName;
//   - the catalogue loses fpdf's empty EmbeddedFiles name tree (PDF/X files embed no files);
//   - the trailer's /Info points at the Info dictionary (fpdf points it at the object before
//     the catalogue, the output intent's profile), which gets /Trapped /False and dates in UTC,
//     as the XMP metadata says (fpdf writes no Trapped key and dates without a time zone);
//   - each embedded font gets a real ToUnicode map (fpdf writes an identity map, which would give
//     back Private Use Area codes) and a subset tag (ABCDEF+NotoSans-Regular);
//   - the pages' content streams are compressed (fpdf is told not to: it would make a new
//     compressor, a megabyte to allocate and clear, for each), exactly as fpdf compresses them,
//     and the output intent's profile, compressed once for all documents, takes the place of
//     the placeholder fpdf is given (see outputIntent);
//   - the trailer gets the document's /ID, and the XMP metadata the same ID in the place of
//     idPlaceholder: a hash of the file fpdf writes when it does all of the above on its own
//     (TestFpdfAlone), so the same drawing always gets the same ID;
//   - the structure tree is written after fpdf's objects, and the catalogue and the pages
//     point to it (tree.go): the file is tagged, PDF/UA-1.
//
// The screen variant is not PDF/X: its header says PDF 1.7 (PDF/UA-1's base), its pages have
// the media box alone, it has no output intent and no Trapped key.
//
// The file is written anew with a fresh cross-reference table; fpdf has no hook for these
// changes.
func finish(src []byte, fin finishing) ([]byte, error) {
	f, err := parseFile(src)
	if err != nil {
		return nil, fmt.Errorf("pdf: reading fpdf's output: %w", err)
	}
	version, standard := pdfVersion, "PDF/X-4"
	if fin.screen {
		version, standard = screenVersion, "PDF/UA-1"
	}
	if err := f.compressPages(); err != nil {
		return nil, fmt.Errorf("pdf: finishing fpdf's output: pages' contents: %w", err)
	}
	if !fin.screen {
		if err := f.putProfile(); err != nil {
			return nil, fmt.Errorf("pdf: finishing fpdf's output: output intent's profile: %w", err)
		}
	}
	h := sha256.New()
	f.writeAsFpdf(h)
	var id [sha256.Size]byte
	h.Sum(id[:0])
	steps := []step{
		{"header", func(f *file) error { return setVersion(f, version, standard) }},
		{"pages", func(f *file) error { return f.pages(fin.bleedBox, fin.screen) }},
		{"output intent", (*file).outputIntent},
		{"catalogue", (*file).dropEmbeddedFiles},
		{"info", func(f *file) error { return f.info(!fin.screen) }},
		{"fonts", func(f *file) error {
			type0 := f.type0Fonts()
			for _, font := range fin.codes.order {
				if err := f.renameFont(type0, fin.codes.fonts[font], font.Name); err != nil {
					return fmt.Errorf("font %s: %w", font.Name, err)
				}
			}
			return nil
		}},
		{"document ID", func(f *file) error { return f.setID(id) }},
		{"structure", func(f *file) error { return f.structure(fin.tags) }},
	}
	if fin.screen { // no output intent
		steps = slices.DeleteFunc(steps, func(s step) bool { return s.name == "output intent" })
	}
	for _, s := range steps {
		if err := s.do(f); err != nil {
			return nil, fmt.Errorf("pdf: finishing fpdf's output: %s: %w", s.name, err)
		}
	}
	return f.bytes(), nil
}

// step is one step of finish.
type step struct {
	name string
	do   func(*file) error
}

// finishing is what finish needs besides fpdf's output: the fonts' codes, the pages'
// BleedBox, the variant, and the structure.
type finishing struct {
	codes    *codeBook
	bleedBox string
	screen   bool
	tags     *tagging
}

// The versions finish writes in the header: PDF/X-4 is based on PDF 1.6; the screen variant
// on PDF 1.7, as PDF/UA-1 is.
const (
	pdfVersion    = "1.6"
	screenVersion = "1.7"
)

// setVersion writes PDF version v, the standard's, in the header, when fpdf's is v or below.
func setVersion(f *file, v, standard string) error {
	m := headerRe.FindSubmatch(f.header)
	if m == nil {
		return fmt.Errorf("fpdf's header %q is not %%PDF-1.n", firstLine(f.header))
	}
	if m[1][0] > v[2] {
		return fmt.Errorf("fpdf writes PDF 1.%s, past %s's %s", m[1], standard, v)
	}
	f.header = append([]byte("%PDF-"+v), f.header[len(m[0])-1:]...)
	return nil
}

var headerRe = regexp.MustCompile(`^%PDF-1\.(\d)\n`)

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return string(b[:i])
	}
	return string(b)
}

// The page dictionary as fpdf starts it, and the transparency group it gives each page of a
// PDF 1.4 file.
const (
	pageStart = "<</Type /Page\n"
	pageGroup = "/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>\n"
)

// pages gives each page its BleedBox and takes away its transparency group. The screen
// variant's pages have neither: fpdf writes no group in a PDF 1.3 file.
func (f *file) pages(bleedBox string, screen bool) error {
	n := 0
	for _, num := range f.numbers() {
		obj := head(f.objects[num])
		if !bytes.Contains(obj, []byte(pageStart)) {
			continue
		}
		n++
		if screen {
			if bytes.Contains(obj, []byte("Box [")) || bytes.Contains(obj, []byte("/Group")) {
				return fmt.Errorf("object %d: a page of the screen variant with a box or a group", num)
			}
			continue
		}
		if !bytes.Contains(obj, []byte("/TrimBox [")) {
			return fmt.Errorf("object %d: fpdf wrote no TrimBox", num)
		}
		if err := f.replace(num, pageGroup, ""); err != nil {
			return err
		}
		if bytes.Contains(f.objects[num], []byte("/Group")) || bytes.Contains(f.objects[num], []byte("/BleedBox")) {
			return fmt.Errorf("object %d: a page with another /Group or a /BleedBox of fpdf's", num)
		}
		if err := f.replace(num, pageStart, pageStart+bleedBox); err != nil {
			return err
		}
	}
	if n == 0 {
		return fmt.Errorf("no page dictionary starting %q", pageStart)
	}
	return nil
}

var (
	outputIntentRe = regexp.MustCompile(`/OutputConditionIdentifier \(` + OutputCondition + `\) /Info \([^()\\]*\) /DestOutputProfile (\d+) 0 R >>`)
	// profileDict is the dictionary fpdf gives an output intent's profile.
	profileDict = "<< /N 3 /Alternate /DeviceRGB /Length "
)

// profileObject returns the number of the output intent's profile.
func (f *file) profileObject() (root, icc int, err error) {
	root, err = f.root()
	if err != nil {
		return 0, 0, err
	}
	m := outputIntentRe.FindSubmatch(f.objects[root])
	if m == nil {
		return 0, 0, fmt.Errorf("no output intent %s in the catalogue as fpdf wrote it in v0.12", OutputCondition)
	}
	icc, _ = strconv.Atoi(string(m[1]))
	return root, icc, nil
}

// putProfile puts the profile, compressed once for all documents, in the place of the
// placeholder fpdf was given (see outputIntent), as fpdf writes a profile.
func (f *file) putProfile() error {
	_, icc, err := f.profileObject()
	if err != nil {
		return err
	}
	stream := func(data []byte) []byte {
		return streamBytes(icc, fmt.Sprintf("%s%d /Filter /FlateDecode >>", profileDict, len(data)), data)
	}
	if !bytes.Equal(f.objects[icc], stream(compressedPlaceholder())) {
		return fmt.Errorf("object %d: not the placeholder for the profile, as fpdf v0.12 writes it", icc)
	}
	f.objects[icc] = stream(compressedProfile())
	return nil
}

// outputIntent declares the output intent's profile a CMYK one and adds the intent's
// RegistryName.
func (f *file) outputIntent() error {
	root, icc, err := f.profileObject()
	if err != nil {
		return err
	}
	if err := f.replace(icc, profileDict, "<< /N 4 /Alternate /DeviceCMYK /Length "); err != nil {
		return err
	}
	return f.replace(root, "/DestOutputProfile", "/RegistryName ("+registryName+") /DestOutputProfile")
}

// emptyEmbeddedFiles is the name dictionary fpdf writes into every catalogue.
const emptyEmbeddedFiles = "/Names <<\n/EmbeddedFiles << /Names [\n  \n] >>\n>>\n"

// dropEmbeddedFiles takes fpdf's empty EmbeddedFiles name tree out of the catalogue.
func (f *file) dropEmbeddedFiles() error {
	root, err := f.root()
	if err != nil {
		return err
	}
	if err := f.replace(root, emptyEmbeddedFiles, ""); err != nil {
		return err
	}
	if bytes.Contains(f.objects[root], []byte("/EmbeddedFiles")) {
		return fmt.Errorf("the catalogue names embedded files")
	}
	return nil
}

var (
	infoRe = regexp.MustCompile(`/Info (\d+) 0 R`)
	dateRe = regexp.MustCompile(`/(CreationDate|ModDate) \(D:(\d{14})\)\n`)
)

// info points the trailer at the Info dictionary, adds /Trapped /False to it (when trapped, for
// PDF/X) and marks its dates as UTC, which they are. (fpdf v0.12 points /Info at the object
// before the catalogue, which is the output intent's profile once there is one.)
func (f *file) info(trapped bool) error {
	num := 0
	for _, n := range f.numbers() {
		obj := f.objects[n]
		if len(obj) == len(head(obj)) && len(dateRe.FindAll(obj, -1)) == 2 {
			if num != 0 {
				return fmt.Errorf("objects %d and %d: two Info dictionaries", num, n)
			}
			num = n
		}
	}
	if num == 0 {
		return fmt.Errorf("no Info dictionary with /CreationDate and /ModDate D:YYYYMMDDHHmmSS")
	}
	obj := f.objects[num]
	if !bytes.HasSuffix(obj, []byte("\n>>\nendobj\n")) {
		return fmt.Errorf("object %d: the Info dictionary does not end in >>", num)
	}
	if bytes.Contains(obj, []byte("/Trapped")) {
		return fmt.Errorf("fpdf wrote a Trapped key")
	}
	if !infoRe.MatchString(f.trailer) {
		return fmt.Errorf("no /Info in the trailer")
	}
	f.trailer = infoRe.ReplaceAllString(f.trailer, fmt.Sprintf("/Info %d 0 R", num))
	obj = dateRe.ReplaceAll(obj, []byte("/$1 (D:${2}Z)\n"))
	if trapped {
		obj = append(obj[:len(obj)-len(">>\nendobj\n")], "/Trapped /False\n>>\nendobj\n"...)
	}
	f.objects[num] = obj
	return nil
}

// setID writes the document's ID, made from sum, into the trailer and the XMP metadata. When a
// file is first written both parts of its /ID are the same (ISO 32000-1, 14.4).
func (f *file) setID(sum [32]byte) error {
	if strings.Contains(f.trailer, "/ID") {
		return fmt.Errorf("fpdf wrote an /ID")
	}
	id := newID(sum[:])
	found := 0
	for _, num := range f.numbers() {
		obj := f.objects[num]
		if !bytes.Contains(head(obj), []byte("/Type /Metadata /Subtype /XML")) {
			continue
		}
		if bytes.Contains(head(obj), []byte("/Filter")) {
			return fmt.Errorf("object %d: the metadata stream is compressed", num)
		}
		// The same length: the stream's /Length holds.
		found += bytes.Count(obj, []byte(idPlaceholder))
		f.objects[num] = bytes.ReplaceAll(obj, []byte(idPlaceholder), []byte(uuid(id)))
	}
	if found != 2 {
		return fmt.Errorf("the XMP metadata holds the ID's placeholder %d times, want 2", found)
	}
	if !strings.HasSuffix(f.trailer, "\n>>") {
		return fmt.Errorf("trailer %q does not end in >>", f.trailer)
	}
	f.trailer = fmt.Sprintf("%s/ID [<%x> <%x>]\n>>", f.trailer[:len(f.trailer)-2], id, id)
	return nil
}

// root returns the number of the catalogue.
func (f *file) root() (int, error) {
	m := rootRe.FindStringSubmatch(f.trailer)
	if m == nil {
		return 0, fmt.Errorf("no /Root in the trailer")
	}
	n, _ := strconv.Atoi(m[1])
	if _, ok := f.objects[n]; !ok {
		return 0, fmt.Errorf("no catalogue object %d", n)
	}
	return n, nil
}

var rootRe = regexp.MustCompile(`/Root (\d+) 0 R`)

// numbers returns the numbers of the file's objects, in order.
func (f *file) numbers() []int {
	nums := make([]int, 0, len(f.objects))
	for n := range f.objects {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}

// file is a PDF as fpdf writes it: a header, numbered objects, one classic xref table and a
// trailer.
type file struct {
	header  []byte
	objects map[int][]byte // "N 0 obj … endobj\n"
	order   []int          // the objects' numbers in the order fpdf wrote them
	trailer string         // the trailer dictionary, "<< … >>"
	size    int
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRe   = regexp.MustCompile(`(?s)trailer\s*(<<.*>>)\s*startxref`)
	objHeadRe   = regexp.MustCompile(`^(\d+) 0 obj`)
)

func parseFile(src []byte) (*file, error) {
	m := startxrefRe.FindSubmatch(src[max(0, len(src)-1024):]) // the end of the file: a regexp is slow on font streams
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
		f.order = append(f.order, e.num)
	}
	return f, nil
}

var (
	descendantRe = regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`)
	toUnicodeRe  = regexp.MustCompile(`/ToUnicode (\d+) 0 R`)
	descriptorRe = regexp.MustCompile(`/FontDescriptor (\d+) 0 R`)
)

// type0Re is the start of a font dictionary as fpdf writes it for a UTF-8 font.
var type0Re = regexp.MustCompile(`/Subtype /Type0\n/BaseFont /utf8(\S+)\n`)

// type0Fonts returns the numbers of the Type0 font dictionaries fpdf wrote, by family. Font
// files are the bulk of a document, so only dictionaries are searched, not streams.
func (f *file) type0Fonts() map[string]int {
	fonts := map[string]int{}
	for n, obj := range f.objects {
		if m := type0Re.FindSubmatch(head(obj)); m != nil {
			fonts[string(m[1])] = n
		}
	}
	return fonts
}

// head is an object up to its stream, if it has one: its dictionary.
func head(obj []byte) []byte {
	if i := bytes.Index(obj, []byte(">>\nstream\n")); i >= 0 {
		return obj[:i+2]
	}
	return obj
}

// renameFont gives the font fpdf embedded under u.family (one of type0, see type0Fonts) its
// subset-tagged name and its ToUnicode map.
func (f *file) renameFont(type0Fonts map[string]int, u *fontCodes, name string) error {
	old := "/utf8" + u.family + "\n"
	tagged := "/" + subsetTag(name, u.glyphs) + "+" + name + "\n"
	type0, ok := type0Fonts[u.family]
	if !ok {
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
	for _, r := range []struct {
		num      int
		old, new string
	}{
		{type0, "/BaseFont " + old, "/BaseFont " + tagged},
		{cidNum, "/BaseFont " + old, "/BaseFont " + tagged},
		{descNum, "/FontName " + old, "/FontName " + tagged},
	} {
		if err := f.replace(r.num, r.old, r.new); err != nil {
			return err
		}
	}
	f.objects[tuNum] = streamObject(tuNum, toUnicodeCMap(u.text))
	return nil
}

// replace replaces the first old in object num by new; old must be there.
func (f *file) replace(num int, old, new string) error {
	obj := f.objects[num]
	if !bytes.Contains(obj, []byte(old)) {
		return fmt.Errorf("object %d: no %q", num, old)
	}
	f.objects[num] = bytes.Replace(obj, []byte(old), []byte(new), 1)
	return nil
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

// streamObject is an indirect object holding data as a compressed stream.
func streamObject(num int, data []byte) []byte {
	z := defaultCompression.compress(data)
	return streamBytes(num, fmt.Sprintf("<</Length %d /Filter /FlateDecode>>", len(z)), z)
}

// streamBytes is indirect object num, a stream of data with dictionary dict, laid out as fpdf
// lays out its streams.
func streamBytes(num int, dict string, data []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n%s\nstream\n", num, dict)
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
}

// compressor compresses with zlib writers of one level, kept for reuse: a new writer allocates
// and clears more than a megabyte, far more than most streams it compresses, and a writer that
// is Reset compresses exactly as a new one does. They are kept in a short list, not in a
// sync.Pool, which each garbage collection empties: in a batch, one comes every few documents.
type compressor struct {
	level int
	free  chan *zlib.Writer // as many as run at once
}

func newCompressor(level int) *compressor {
	return &compressor{level: level, free: make(chan *zlib.Writer, runtime.GOMAXPROCS(0))}
}

// compress returns data compressed.
func (c *compressor) compress(data []byte) []byte {
	var w *zlib.Writer
	select {
	case w = <-c.free:
	default:
		w, _ = zlib.NewWriterLevel(nil, c.level) // never fails: the level is zlib's own
	}
	var z bytes.Buffer
	w.Reset(&z)
	w.Write(data)
	w.Close()
	select {
	case c.free <- w:
	default: // enough are kept
	}
	return z.Bytes()
}

// defaultCompression compresses what finish writes, fpdfCompression what fpdf writes, as fpdf
// does (see compressPages).
var (
	defaultCompression = newCompressor(zlib.DefaultCompression)
	fpdfCompression    = newCompressor(zlib.BestSpeed)
)

// contentsRe is a page's reference to its content stream, and uncompressedRe the start of a
// content stream fpdf wrote uncompressed.
var (
	contentsRe     = regexp.MustCompile(`/Contents (\d+) 0 R>>`)
	uncompressedRe = regexp.MustCompile(`^\d+ 0 obj\n<</Length (\d+)>>\nstream\n`)
)

// compressPages compresses each page's content stream as fpdf does when told to (the same
// level, the same dictionary: TestFpdfAlone), with a compressor that is reused.
func (f *file) compressPages() error {
	for _, num := range f.numbers() {
		obj := head(f.objects[num])
		if !bytes.Contains(obj, []byte(pageStart)) {
			continue
		}
		m := contentsRe.FindSubmatch(obj)
		if m == nil {
			return fmt.Errorf("object %d: a page without /Contents", num)
		}
		c, _ := strconv.Atoi(string(m[1]))
		content := f.objects[c]
		s := uncompressedRe.FindSubmatch(content)
		if s == nil {
			return fmt.Errorf("object %d: not an uncompressed content stream", c)
		}
		n, _ := strconv.Atoi(string(s[1]))
		data, ok := bytes.CutSuffix(content[len(s[0]):], []byte("\nendstream\nendobj\n"))
		if !ok || len(data) != n {
			return fmt.Errorf("object %d: a content stream not of its /Length %d", c, n)
		}
		z := fpdfCompression.compress(data)
		f.objects[c] = streamBytes(c, fmt.Sprintf("<</Filter /FlateDecode /Length %d>>", len(z)), z)
	}
	return nil
}

// writeAsFpdf writes the file to w as fpdf writes it: its objects in fpdf's order, and fpdf's
// xref table.
func (f *file) writeAsFpdf(w io.Writer) {
	offsets := make([]int, f.size)
	at, _ := w.Write(f.header)
	for _, n := range f.order {
		offsets[n] = at
		k, _ := w.Write(f.objects[n])
		at += k
	}
	fmt.Fprintf(w, "xref\n0 %d\n0000000000 65535 f \n", f.size)
	for n := 1; n < f.size; n++ {
		fmt.Fprintf(w, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(w, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", f.trailer, at)
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
