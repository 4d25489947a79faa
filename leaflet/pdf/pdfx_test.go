package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
)

// rawFpdf is what fpdf writes for a one-page document with a line of text, before finish, and
// what finish needs besides.
func rawFpdf(t *testing.T, marks bool) ([]byte, finishing) {
	t.Helper()
	return rawFpdfCompressing(t, marks, false)
}

// rawFpdfCompressing is rawFpdf, or, alone, the file fpdf writes on its own: compressing the
// pages itself and given the output intent's profile, not finish's placeholder.
func rawFpdfCompressing(t *testing.T, marks, alone bool) ([]byte, finishing) {
	t.Helper()
	d := New(Options{Page: Page{Width: 595, Height: 842, Bleed: 8.5}, Lang: "ar", Title: "test", Marks: marks})
	d.AddPage()
	d.Text(set(t, "ar", true, "حماية الأطفال"), 40, 40, Color{K: 1})
	codes, err := assignCodes(d.pages)
	if err != nil {
		t.Fatal(err)
	}
	icc := []byte(profilePlaceholder)
	if alone {
		icc = profile
	}
	f := d.newFpdf(fixedDate, icc)
	f.SetCompression(alone)
	for _, font := range codes.order {
		data, err := withCmap(font.Data, codes.fonts[font].gids)
		if err != nil {
			t.Fatal(err)
		}
		f.AddUTF8FontFromBytes(codes.fonts[font].family, "", data)
	}
	tags := d.drawPages(f, codes)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), finishing{codes: codes, bleedBox: d.bleedBox(), tags: tags}
}

// TestFinishReliesOnFpdf lists what finish expects fpdf v0.12 to write. When an fpdf upgrade
// fails it, read finish.go: each step says what it puts right and why; drop a step that fpdf
// now gets right, or change it to what fpdf now writes.
func TestFinishReliesOnFpdf(t *testing.T) {
	for _, marks := range []bool{false, true} {
		raw, fin := rawFpdf(t, marks)
		for _, tc := range []struct {
			what string
			re   string
		}{
			{"a header of PDF 1.6 or below (finish writes 1.6)", `^%PDF-1\.[0-6]\n`},
			{"a page dictionary starting <</Type /Page on a line of its own", `(?m)^<</Type /Page\n`},
			{"the TrimBox SetPageBox sets, to 0.01 pt", `/TrimBox \[\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\.\d\d\]`},
			{"a transparency group in DeviceRGB on each page (finish removes it)", regexp.QuoteMeta(pageGroup)},
			{"the output intent's profile declared as RGB (finish declares it CMYK)", regexp.QuoteMeta(profileDict)},
			{"the output intent, with Info, without RegistryName", outputIntentRe.String()},
			{"an empty EmbeddedFiles name tree (finish removes it)", regexp.QuoteMeta(emptyEmbeddedFiles)},
			{"Info dates without a time zone (finish adds Z)", `/CreationDate \(D:\d{14}\)\n/ModDate \(D:\d{14}\)\n`},
			{"the XMP metadata uncompressed, with the ID's placeholder", `<< /Type /Metadata /Subtype /XML /Length \d+ >>\nstream\n<\?xpacket[^\x00]*` + idPlaceholder},
			{"a trailer without /ID", `trailer\n<<\n/Size \d+\n/Root \d+ 0 R\n/Info \d+ 0 R\n>>\nstartxref`},
		} {
			if !regexp.MustCompile(tc.re).Match(raw) {
				t.Errorf("marks %v: fpdf no longer writes %s (finish.go relies on it)", marks, tc.what)
			}
		}
		if bytes.Contains(raw, []byte("/Trapped")) {
			t.Error("fpdf writes a Trapped key now: finish.go adds one")
		}
		if _, err := finish(raw, fin); err != nil {
			t.Errorf("marks %v: finish: %v", marks, err)
		}
	}
}

// TestFpdfAlone: fpdf leaves the pages uncompressed and finish compresses them, fpdf writes a
// placeholder for the output intent's profile and finish puts the profile there; the file is
// then, byte for byte, the one fpdf writes on its own, so the document's ID, a hash of that file,
// is what it was when fpdf did it all.
func TestFpdfAlone(t *testing.T) {
	for _, marks := range []bool{false, true} {
		raw, _ := rawFpdfCompressing(t, marks, false)
		want, _ := rawFpdfCompressing(t, marks, true)
		if bytes.Equal(raw, want) {
			t.Fatal("fpdf's output is the same whether it compresses or not")
		}
		f, err := parseFile(raw)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.compressPages(); err != nil {
			t.Fatal(err)
		}
		if err := f.putProfile(); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		f.writeAsFpdf(&b)
		if got := b.Bytes(); !bytes.Equal(got, want) {
			t.Errorf("marks %v: the pages compressed and the profile put by finish give %d bytes unlike fpdf's %d alone", marks, len(got), len(want))
		}
		if !bytes.Contains(raw, []byte("<</Length ")) || bytes.Count(want, []byte("<</Filter /FlateDecode /Length ")) != 1 {
			t.Errorf("marks %v: want one page, uncompressed in fpdf's output", marks)
		}
	}
}

// TestFinishFailsClearly: a change in what fpdf writes makes finish fail and say what it missed.
func TestFinishFailsClearly(t *testing.T) {
	raw, fin := rawFpdf(t, false)
	for _, tc := range []struct {
		old, new, words string
	}{
		{"%PDF-1.4", "%PDF-1.7", "PDF 1.7, past PDF/X-4's 1.6"},
		{pageGroup, "/Group <</Type /Group /S /Transparency /CS /DeviceCMYK>>\n", "no \"/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>"},
		{profileDict, "<< /N 4 /Length ", "not the placeholder for the profile, as fpdf v0.12 writes it"},
		{emptyEmbeddedFiles, "/Names <<\n>>\n", "no \"/Names <<\\n/EmbeddedFiles"},
		{"\n/Info ", "\n/Infos ", "no /Info in the trailer"},
	} {
		src := bytes.Replace(raw, []byte(tc.old), []byte(tc.new), 1)
		if bytes.Equal(src, raw) {
			t.Fatalf("%q not in fpdf's output", tc.old)
		}
		// The cross-reference table no longer fits: parse by the objects' own offsets.
		_, err := finish(fixOffsets(t, src), fin)
		if err == nil || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%q → %q: %v, want an error saying %q", tc.old, tc.new, err, tc.words)
		}
	}
}

// fixOffsets rewrites a file's cross-reference table after an edit changed its offsets.
func fixOffsets(t *testing.T, src []byte) []byte {
	t.Helper()
	xref := bytes.LastIndex(src, []byte("\nxref\n")) + 1
	body := src[:xref]
	re := regexp.MustCompile(`(?m)^(\d+) 0 obj`)
	offsets := map[int]int{}
	n := 0
	for _, m := range re.FindAllSubmatchIndex(body, -1) {
		var num int
		fmt.Sscan(string(body[m[2]:m[3]]), &num)
		offsets[num] = m[0]
		n = max(n, num)
	}
	var b bytes.Buffer
	b.Write(body)
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", n+1)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[i])
	}
	t0 := bytes.Index(src[xref:], []byte("trailer"))
	tail := src[xref+t0:]
	tail = regexp.MustCompile(`startxref\n\d+`).ReplaceAll(tail, []byte(fmt.Sprintf("startxref\n%d", xref)))
	b.Write(tail)
	return b.Bytes()
}

func TestXMP(t *testing.T) {
	d := New(Options{Lang: "ar", Title: `حماية <الأطفال> & "أمان"` + "\x01", Subject: "s", Creator: "c"})
	x := d.xmp(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
	dec := xml.NewDecoder(bytes.NewReader(x))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the XMP is not well-formed XML: %v\n%s", err, x)
		}
	}
	for _, want := range []string{
		`<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>`,
		`<rdf:li xml:lang="ar">حماية &lt;الأطفال&gt; &amp; &quot;أمان&quot;</rdf:li>`,
		`<xmp:CreateDate>2026-03-04T05:06:07Z</xmp:CreateDate>`,
		`<xmp:MetadataDate>2026-03-04T05:06:07Z</xmp:MetadataDate>`,
		`<xmpMM:DocumentID>uuid:` + idPlaceholder,
		`<xmpMM:InstanceID>uuid:` + idPlaceholder,
		`<xmpMM:VersionID>1</xmpMM:VersionID>`,
		`<xmpMM:RenditionClass>default</xmpMM:RenditionClass>`,
		`<pdf:Trapped>False</pdf:Trapped>`,
		`<pdf:Producer>github.com/ecpat/makeitsafe/leaflet/pdf (fpdf)</pdf:Producer>`,
		`<pdfuaid:part>1</pdfuaid:part>`,
	} {
		if !bytes.Contains(x, []byte(want)) {
			t.Errorf("the XMP lacks %s:\n%s", want, x)
		}
	}
	if len(uuid([16]byte{})) != len(idPlaceholder) {
		t.Errorf("the ID's placeholder is %d bytes, a UUID %d", len(idPlaceholder), len(uuid([16]byte{})))
	}
}

func TestSourceDate(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want time.Time
		err  bool
	}{
		{"", fixedDate, false},
		{"1767225600", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"1780000000", time.Date(2026, 5, 28, 20, 26, 40, 0, time.UTC), false},
		{"yesterday", time.Time{}, true},
		{"-5", time.Time{}, true},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", tc.env)
		got, err := SourceDate()
		if (err != nil) != tc.err || !got.Equal(tc.want) {
			t.Errorf("SOURCE_DATE_EPOCH=%q: %v, %v; want %v, error %v", tc.env, got, err, tc.want, tc.err)
		}
	}
	// The file carries the date, in Info and XMP.
	t.Setenv("SOURCE_DATE_EPOCH", "1780000000")
	pdf := write(t, "en", set(t, "en", false, "date"))
	for _, want := range []string{"/CreationDate (D:20260528202640Z)", "/ModDate (D:20260528202640Z)", "<xmp:CreateDate>2026-05-28T20:26:40Z</xmp:CreateDate>"} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("no %s in the file", want)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	d := New(Options{})
	d.AddPage()
	if err := d.Write(io.Discard); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
		t.Errorf("a malformed SOURCE_DATE_EPOCH: %v, want an error naming it", err)
	}
}

// TestMarks: crop marks start at least 3 mm from the trim and beyond the bleed, whatever the
// bleed; the media box is the bleed box plus the slug.
func TestMarks(t *testing.T) {
	for _, bleed := range []float64{0, 3 * mm, 5 * mm} {
		p := Page{Width: 100, Height: 100, Bleed: bleed}
		if off := p.markOffset(); off < 3*mm-1e-9 || off <= bleed {
			t.Errorf("bleed %.2f mm: marks start %.2f mm from the trim", bleed/mm, off/mm)
		}
		if p.slug() < p.markOffset()-bleed+markLength {
			t.Errorf("bleed %.2f mm: the slug (%.2f mm) does not hold the marks", bleed/mm, p.slug()/mm)
		}
	}
	d := New(Options{Page: Page{Width: 595, Height: 842, Bleed: 8.5}, Marks: true})
	d.AddPage()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m := 8.5 + d.slug()
	for _, want := range []string{
		fmt.Sprintf("/MediaBox [0 0 %.2f %.2f]", 595+2*m, 842+2*m),
		fmt.Sprintf("/BleedBox [%.2f %.2f %.2f %.2f]", d.slug(), d.slug(), d.slug()+612, d.slug()+859),
		fmt.Sprintf("/TrimBox [%.2f %.2f %.2f %.2f]", m, m, m+595, m+842),
		"[/Separation /All\n/DeviceCMYK",
	} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("no %s in the file", want)
		}
	}
	var marks string
	for _, s := range streams(t, buf.Bytes()) {
		if strings.Contains(s, "SCN") {
			marks = s
		}
	}
	if n := strings.Count(marks, " l S"); n != 8 || !strings.Contains(marks, "/CS1 CS 1.000 SCN") || !strings.Contains(marks, "0.25 w") {
		t.Errorf("%d marks, want 8 in /All 0.25 pt wide:\n%s", n, marks)
	}
}
