// Package preflight checks a printed PDF the way a print shop's preflight does, so that a
// partner knows before the print shop does: the PDF/X-4 requirements (ISO 15930-7) that apply
// to the leaflets, the fonts (embedded, subset), the highest total ink, the smallest text and
// small text in more than one ink, and hairlines.
//
// It reads the PDFs the leaflet printer writes (one classic cross-reference table, Flate
// streams) and follows their content streams: colours, paths, text and the transformation
// matrix. It measures what is painted on the piece, the bleed box; crop marks and the slug line
// lie outside it and are reported apart. Colours are read as painted: as the leaflets use
// neither transparency nor overprint, the highest ink of a pixel is the highest ink of the
// colours painted, which Ghostscript's tiffsep separations confirm (see the tests).
package preflight

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/ecpat/makeitsafe/leaflet/design"
)

// Hairline is the thinnest line a press prints reliably, points: thinner strokes are reported.
const Hairline = 0.25

// Report is what a preflight found in one PDF.
type Report struct {
	Version string // the header's PDF version
	PDFX    []Item // the PDF/X-4 requirements checked, met or not
	PDFUA   []Item // the PDF/UA-1 requirements checked, met or not (see tagged.go)
	// Print is whether the file is meant for the press: it claims PDF/X (its XMP names a
	// PDF/X version), or claims neither PDF/X nor PDF/UA. Only then do the PDF/X-4
	// requirements and the ink, small text and hairlines count as errors: a screen file
	// (PDF/UA alone, sRGB) is not printed.
	Print bool
	// Accessible is whether the file claims PDF/UA-1 (pdfuaid:part 1): then the PDF/UA-1
	// requirements count as errors.
	Accessible bool
	// What the pages paint (painting operators: fills, strokes, text shown): in the structure,
	// artifacts, and neither (PDF/UA-1 wants none).
	Tagged, Artifacts, Untagged int
	Fonts                       []Font
	Pages                       []Page

	// On the piece (painted inside the bleed box):
	MaxInk    Mark      // the highest total ink (a Mark's Value is from 0 to 4: 400%)
	MinText   Mark      // the smallest text (Value: the size as printed, points)
	TextSizes []float64 // every size text is shown at, to the hundredth of a point, smallest first
	RichText  []Mark    // text under design.SmallText points in more than one ink
	Hairlines []Mark    // strokes, and rectangles filled, thinner than Hairline points
	Thinnest  Mark      // the thinnest stroke or filled rectangle

	MarksInk  float64  // the highest total ink outside the bleed box: crop marks (/All: 4)
	Spaces    []string // the colour spaces painted with
	SetSpaces []string // the colour spaces the content streams set, painted with or not
	Notes     []string // what the preflight found but does not measure (XObjects, patterns…)
}

// Item is one requirement of PDF/X-4 and whether the file meets it.
type Item struct {
	Name   string
	OK     bool
	Detail string
}

// Font is one font of the file.
type Font struct {
	Name     string // BaseFont, subset tag included
	Type     string // Type0, TrueType, Type1, Type3…
	Embedded bool
	Subset   bool // named with a subset tag, ABCDEF+
}

// Page holds a page's boxes, in points.
type Page struct {
	Media, Bleed, Trim [4]float64
}

// Mark is a measure and where it was found.
type Mark struct {
	Value  float64
	Colour string
	Page   int // from 1
	What   string
}

// Check reads a PDF and preflights it. An error means the file could not be read at all;
// everything else is in the Report (see OK and Errors).
func Check(pdf []byte) (*Report, error) {
	f, err := parse(pdf)
	if err != nil {
		return nil, fmt.Errorf("preflight: %w", err)
	}
	r := &Report{Version: f.version, MinText: Mark{Value: math.Inf(1)}, Thinnest: Mark{Value: math.Inf(1)}}
	root := f.dict(f.trailer, "Root")
	if root == nil {
		return nil, fmt.Errorf("preflight: no catalogue")
	}
	pages, err := f.pageList(root)
	if err != nil {
		return nil, fmt.Errorf("preflight: %w", err)
	}
	var paints []paint
	notes, set := map[string]bool{}, map[string]bool{}
	var tagging []string
	for i, pg := range pages {
		ps, err := f.pagePaints(i+1, pg, notes, set, &tagging)
		if err != nil {
			return nil, fmt.Errorf("preflight: %w", err)
		}
		paints = append(paints, ps...)
		r.Pages = append(r.Pages, f.boxes(pg))
	}
	r.Notes = slices.Sorted(maps.Keys(notes))
	r.SetSpaces = slices.Sorted(maps.Keys(set))
	r.measure(paints)
	r.Fonts = f.fonts(pages)
	xmp, xmpErr := f.xmp(root)
	r.Accessible = xmp.get("pdfuaid:part") != ""
	r.Print = xmp.get("pdfxid:GTS_PDFXVersion") != "" || !r.Accessible
	r.PDFUA = r.uaItems(f, root, pages, xmp, paints, tagging)
	r.PDFX = []Item{
		r.versionItem(),
		f.outputIntentItem(root),
		xmpItem(xmp, xmpErr),
		f.infoItem(xmp),
		f.idItem(xmp),
		r.boxesItem(),
		r.colourItem(f, pages),
		r.fontsItem(),
		f.encryptionItem(),
		f.interactiveItem(root, pages),
	}
	return r, nil
}

// OK reports whether the file passes: every PDF/X-4 item met, the ink under the limit, no
// small text in more than one ink, no hairlines.
func (r *Report) OK() bool { return len(r.Errors()) == 0 }

// Errors lists what fails, one line each.
func (r *Report) Errors() []string {
	var out []string
	if r.Accessible {
		for _, it := range r.PDFUA {
			if !it.OK {
				out = append(out, fmt.Sprintf("PDF/UA-1: %s: %s", it.Name, it.Detail))
			}
		}
	}
	if !r.Print {
		return out
	}
	for _, it := range r.PDFX {
		if !it.OK {
			out = append(out, fmt.Sprintf("PDF/X-4: %s: %s", it.Name, it.Detail))
		}
	}
	if r.MaxInk.Value > design.InkLimit+0.0005 {
		out = append(out, fmt.Sprintf("ink: %s on page %d, over the limit of %s", percent(r.MaxInk.Value), r.MaxInk.Page, percent(design.InkLimit)))
	}
	for _, t := range r.RichText {
		out = append(out, fmt.Sprintf("text: %spt in %s on page %d: text under %gpt must be in one ink", ftoa(t.Value), t.Colour, t.Page, design.SmallText))
	}
	for _, h := range r.Hairlines {
		out = append(out, fmt.Sprintf("hairline: a %s %spt wide on page %d, under %gpt", h.What, ftoa(h.Value), h.Page, Hairline))
	}
	return out
}

// Lines describes the file in a few lines, for a partner: PDF/X-4, fonts, ink, text,
// hairlines.
func (r *Report) Lines() []string {
	var pdfx []string
	ok := true
	for _, it := range r.PDFX {
		ok = ok && it.OK
		pdfx = append(pdfx, it.Detail)
	}
	verdict := "PDF/X-4: yes"
	switch {
	case !r.Print:
		verdict = "PDF/X-4: not claimed (a screen file)"
	case !ok:
		verdict = "PDF/X-4: NO"
	}
	lines := []string{verdict + ": " + strings.Join(pdfx, "; ")}
	var ua []string
	uaOK := true
	for _, it := range r.PDFUA {
		uaOK = uaOK && it.OK
		ua = append(ua, it.Detail)
	}
	switch {
	case !r.Accessible:
		lines = append(lines, "PDF/UA-1: not claimed: "+strings.Join(ua, "; "))
	case uaOK:
		lines = append(lines, "PDF/UA-1: yes: "+strings.Join(ua, "; "))
	default:
		lines = append(lines, "PDF/UA-1: NO: "+strings.Join(ua, "; "))
	}

	embedded, subset := 0, 0
	var names []string
	for _, f := range r.Fonts {
		if f.Embedded {
			embedded++
		}
		if f.Subset {
			subset++
		}
		names = append(names, f.Name)
	}
	lines = append(lines, fmt.Sprintf("fonts: %d, %d embedded, %d subset: %s", len(r.Fonts), embedded, subset, strings.Join(names, ", ")))

	if !r.Print { // ink, small text in many inks and hairlines are the press's
		lines = append(lines, "colour spaces: "+strings.Join(r.Spaces, ", ")+" (a screen file: not measured for print)")
		if len(r.Notes) > 0 {
			lines = append(lines, "not measured: "+strings.Join(r.Notes, ", "))
		}
		return lines
	}
	ink := fmt.Sprintf("ink: highest %s (%s, page %d), limit %s", percent(r.MaxInk.Value), r.MaxInk.Colour, r.MaxInk.Page, percent(design.InkLimit))
	if r.MarksInk > 0 {
		ink += fmt.Sprintf("; crop marks outside the bleed %s (/All)", percent(r.MarksInk))
	}
	lines = append(lines, ink+"; colour spaces: "+strings.Join(r.Spaces, ", "))

	text := "text: none"
	if !math.IsInf(r.MinText.Value, 1) {
		text = fmt.Sprintf("text: smallest %spt (%s, page %d)", ftoa(r.MinText.Value), r.MinText.Colour, r.MinText.Page)
	}
	if len(r.RichText) == 0 {
		text += fmt.Sprintf("; none under %gpt in more than one ink", design.SmallText)
	} else {
		text += fmt.Sprintf("; %d runs under %gpt in more than one ink", len(r.RichText), design.SmallText)
	}
	lines = append(lines, text)

	hair := fmt.Sprintf("hairlines: none under %gpt", Hairline)
	if len(r.Hairlines) > 0 {
		hair = fmt.Sprintf("hairlines: %d under %gpt", len(r.Hairlines), Hairline)
	}
	if !math.IsInf(r.Thinnest.Value, 1) {
		hair += fmt.Sprintf(" (thinnest: a %s %spt, page %d)", r.Thinnest.What, ftoa(r.Thinnest.Value), r.Thinnest.Page)
	}
	lines = append(lines, hair)
	if len(r.Notes) > 0 {
		lines = append(lines, "not measured: "+strings.Join(r.Notes, ", "))
	}
	return lines
}

func percent(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }

// measure takes the ink, text sizes and line widths of what is painted on the piece.
func (r *Report) measure(paints []paint) {
	spaces := map[string]bool{}
	for _, p := range paints {
		spaces[p.colour.space] = true
		if !r.onPiece(p) {
			r.MarksInk = max(r.MarksInk, p.colour.total())
			continue
		}
		if t := p.colour.total(); t > r.MaxInk.Value {
			r.MaxInk = Mark{Value: t, Colour: p.colour.String(), Page: p.page, What: p.what}
		}
		switch p.what {
		case "text":
			if size := math.Round(p.size*100) / 100; !slices.Contains(r.TextSizes, size) {
				r.TextSizes = append(r.TextSizes, size)
			}
			if p.size < r.MinText.Value {
				r.MinText = Mark{Value: p.size, Colour: p.colour.String(), Page: p.page, What: "text"}
			}
			if p.size < design.SmallText-0.005 && p.colour.inks() > 1 {
				r.RichText = append(r.RichText, Mark{Value: p.size, Colour: p.colour.String(), Page: p.page, What: "text"})
			}
		case "stroke", "fill":
			w, what := p.width, "line"
			if p.what == "fill" {
				if p.thin == 0 {
					continue
				}
				w, what = p.thin, "filled rectangle"
			}
			m := Mark{Value: w, Colour: p.colour.String(), Page: p.page, What: what}
			if w < r.Thinnest.Value {
				r.Thinnest = m
			}
			if w < Hairline-0.0005 {
				r.Hairlines = append(r.Hairlines, m)
			}
		}
	}
	for s := range spaces {
		r.Spaces = append(r.Spaces, s)
	}
	sort.Strings(r.Spaces)
	slices.Sort(r.TextSizes)
}

// onPiece reports whether a paint touches its page's bleed box.
func (r *Report) onPiece(p paint) bool {
	return p.box.overlaps(rect(r.Pages[p.page-1].Bleed))
}

// pageList returns the page dictionaries in order, with inherited Resources and MediaBox.
func (f *file) pageList(root dict) ([]dict, error) {
	var out []dict
	var walk func(node dict, inherited dict, depth int) error
	walk = func(node dict, inherited dict, depth int) error {
		if depth > 32 {
			return fmt.Errorf("the page tree is too deep")
		}
		inh := dict{}
		for k, v := range inherited {
			inh[k] = v
		}
		for _, k := range []name{"Resources", "MediaBox", "CropBox"} {
			if v, ok := node[k]; ok {
				inh[k] = v
			}
		}
		if t, _ := node["Type"].(name); t == "Page" {
			pg := dict{}
			for k, v := range inh {
				pg[k] = v
			}
			for k, v := range node {
				pg[k] = v
			}
			out = append(out, pg)
			return nil
		}
		for _, kid := range f.array(node, "Kids") {
			k, _ := f.resolve(kid).(dict)
			if k == nil {
				return fmt.Errorf("a page tree node that is not a dictionary")
			}
			if err := walk(k, inh, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	pages := f.dict(root, "Pages")
	if pages == nil {
		return nil, fmt.Errorf("no page tree")
	}
	if err := walk(pages, nil, 0); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no pages")
	}
	return out, nil
}

// pagePaints runs a page's content streams. What their marked content does against PDF/UA is
// added to tagging.
func (f *file) pagePaints(n int, pg dict, notes, set map[string]bool, tagging *[]string) ([]paint, error) {
	var data []byte
	contents := f.resolve(pg["Contents"])
	streams := []any{contents}
	if a, ok := contents.([]any); ok {
		streams = a
	}
	for _, c := range streams {
		s, ok := f.resolve(c).(*stream)
		if !ok {
			return nil, fmt.Errorf("page %d: contents that are not a stream", n)
		}
		d, err := decode(s)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		data = append(append(data, d...), '\n')
	}
	in := newInterpreter(f, n, f.dict(pg, "Resources"))
	if err := in.run(data); err != nil {
		return nil, err
	}
	for k := range in.notes {
		notes[k] = true
	}
	for k := range in.set {
		set[k] = true
	}
	if len(in.marked) > 0 {
		in.tagging["a marked-content sequence without EMC"] = true
	}
	for _, k := range slices.Sorted(maps.Keys(in.tagging)) {
		*tagging = append(*tagging, fmt.Sprintf("page %d: %s", n, k))
	}
	return in.paints, nil
}

// boxes reads a page's boxes; a missing BleedBox is the media box (ISO 32000-1, 14.11.2), a
// missing TrimBox is left zero.
func (f *file) boxes(pg dict) Page {
	box := func(key name) [4]float64 {
		var b [4]float64
		a := f.array(pg, key)
		if len(a) != 4 {
			return b
		}
		for i, v := range a {
			b[i], _ = f.resolve(v).(float64)
		}
		return [4]float64{min(b[0], b[2]), min(b[1], b[3]), max(b[0], b[2]), max(b[1], b[3])}
	}
	p := Page{Media: box("MediaBox"), Bleed: box("BleedBox"), Trim: box("TrimBox")}
	if p.Bleed == ([4]float64{}) {
		p.Bleed = p.Media
	}
	return p
}
