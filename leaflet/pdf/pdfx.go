package pdf

import (
	_ "embed"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The PDF/X-4 output intent: the printing condition the colours are meant for, coated offset
// paper as characterised by Fogra (FOGRA39, ISO 12647-2:2004/Amd 1), and its ICC profile,
// built from Fogra's data by profile/build.sh (see profile/README.md).
const (
	// OutputCondition is the registered name of the printing condition, in the ICC's
	// registry of characterisations (RegistryName).
	OutputCondition = "FOGRA39"
	registryName    = "http://www.color.org"
	// outputInfo describes the condition; fpdf writes it as a PDF string without escaping it,
	// so it holds no parentheses or backslashes.
	outputInfo = "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 - coated art, 115 g/m2, screen ruling 60/cm"
	// PDFXVersion is what the print variant conforms to, as its XMP metadata says.
	PDFXVersion = "PDF/X-4"
	// PDFUAPart is the part of PDF/UA (ISO 14289) both variants conform to, as their XMP
	// metadata says.
	PDFUAPart = "1"
)

//go:embed profile/fogra39.icc
var profile []byte

// outputIntent is the document's PDF/X output intent, with profile icc. fpdf writes it with the
// profile as an RGB one and without the registry's name; finish puts both right. Documents give
// fpdf a placeholder for the profile, which finish replaces by the profile compressed once for
// every document (fpdf would compress its 70 KB anew for each).
func outputIntent(icc []byte) fpdf.OutputIntentType {
	return fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFX,
		OutputConditionIdentifier: OutputCondition,
		Info:                      outputInfo,
		ICCProfile:                icc,
	}
}

// profilePlaceholder is what fpdf is given as the output intent's profile (see outputIntent).
const profilePlaceholder = "finish puts profile/fogra39.icc here"

// compressedProfile and compressedPlaceholder are the profile and its placeholder compressed
// as fpdf compresses them, once.
var (
	compressedProfile     = sync.OnceValue(func() []byte { return fpdfCompression.compress(profile) })
	compressedPlaceholder = sync.OnceValue(func() []byte { return fpdfCompression.compress([]byte(profilePlaceholder)) })
)

// fixedDate is the date of every document when SOURCE_DATE_EPOCH is not set.
var fixedDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// SourceDate is the date written into documents whose Options give none: the time
// SOURCE_DATE_EPOCH says (seconds since 1970, UTC; reproducible-builds.org), else a fixed date,
// so that the same input always gives the same bytes. A malformed SOURCE_DATE_EPOCH is an error.
func SourceDate() (time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return fixedDate, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 253402300799 { // up to 9999-12-31
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want whole seconds since 1970-01-01 UTC", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// idPlaceholder stands for the document ID in the XMP metadata that fpdf writes; finish puts
// the ID, made from the bytes of the rest of the file, in its place. It has the length of a
// UUID, so the metadata stream keeps its length.
const idPlaceholder = "ID-OF-THE-DOCUMENT-PUT-BY-FINISH-PDF"

// xmp is the document's XMP metadata packet. It says the same as the Info dictionary (title,
// subject, creator, producer, dates, Trapped) and what PDF/X-4 asks for besides: the standard's
// version, the document and instance IDs, the version and rendition class, the metadata date;
// and that the document is PDF/UA-1 (pdfuaid:part, ISO 14289-1, 5). The screen variant is not
// PDF/X: it names neither PDF/X-4 nor Trapped.
func (d *Document) xmp(date time.Time) []byte {
	o := d.opts
	stamp := date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
		" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"  <rdf:Description rdf:about=\"\"\n" +
		"    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n" +
		"    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n" +
		"    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n" +
		"    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n" +
		"    xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"\n" +
		"    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
		"   <dc:format>application/pdf</dc:format>\n")
	langAlt(&b, "dc:title", o.Title, o.Lang)
	if o.Subject != "" {
		langAlt(&b, "dc:description", o.Subject, o.Lang)
	}
	if o.Lang != "" {
		fmt.Fprintf(&b, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", escapeXML(o.Lang))
	}
	trapped, pdfx := "False", PDFXVersion
	if o.Screen {
		trapped, pdfx = "", ""
	}
	for _, p := range []struct{ key, value string }{
		{"xmp:CreateDate", stamp},
		{"xmp:ModifyDate", stamp},
		{"xmp:MetadataDate", stamp},
		{"xmp:CreatorTool", o.Creator},
		{"pdf:Producer", d.producer()},
		{"pdf:Trapped", trapped},
		{"xmpMM:DocumentID", "uuid:" + idPlaceholder},
		{"xmpMM:InstanceID", "uuid:" + idPlaceholder},
		{"xmpMM:VersionID", "1"},
		{"xmpMM:RenditionClass", "default"},
		{"pdfxid:GTS_PDFXVersion", pdfx},
		{"pdfuaid:part", PDFUAPart},
	} {
		if p.value != "" {
			fmt.Fprintf(&b, "   <%s>%s</%s>\n", p.key, escapeXML(p.value), p.key)
		}
	}
	b.WriteString("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

// langAlt writes a language alternative: the text as the default, and in its language.
func langAlt(b *strings.Builder, key, text, lang string) {
	t := escapeXML(text)
	fmt.Fprintf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>", key, t)
	if lang != "" {
		fmt.Fprintf(b, "<rdf:li xml:lang=\"%s\">%s</rdf:li>", escapeXML(lang), t)
	}
	fmt.Fprintf(b, "</rdf:Alt></%s>\n", key)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// escapeXML escapes text for XML, leaving out the characters XML 1.0 does not allow.
func escapeXML(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xfffe || r == 0xffff {
			return -1
		}
		return r
	}, s)
	return xmlEscaper.Replace(s)
}

// newID makes a document's ID from a hash of its bytes, as a UUID of RFC 9562's version 8 (made
// by its own method).
func newID(sum []byte) [16]byte {
	var id [16]byte
	copy(id[:], sum)
	id[6] = id[6]&0x0f | 0x80
	id[8] = id[8]&0x3f | 0x80
	return id
}

// uuid formats an ID as a UUID.
func uuid(id [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
}
