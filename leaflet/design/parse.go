package design

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ecpat/makeitsafe/leaflet/internal/datafile"
)

// The colour rules of print, which every design is checked against (and the preflight measures
// in the printed PDF): the leaflets are printed by offset on coated paper (the PDFs' output
// intent is FOGRA39), without overprint or transparency, so the ink on any spot of a page is
// that of one colour.
const (
	// InkLimit is the most total ink a colour may put down, C+M+Y+K: 300%, which dries on
	// coated paper.
	InkLimit = 3.0
	// SmallText is the size, points, under which text must be printed in one ink (or none: the
	// paper), because small text in two or more inks blurs when the plates are not exactly in
	// register; "rich black" (K with C, M or Y) is the usual case.
	SmallText = 12.0
)

// Error lists every problem of a design file, each naming the file, the line and the key.
type Error = datafile.Error

// Problem is one problem of a design file.
type Problem = datafile.Problem

// Parse reads and checks a design file's contents; name is the file's name, for messages.
func Parse(data []byte, name string) (*Design, error) {
	f, top, err := datafile.Parse(data, name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	p := parser{f: f, colours: map[string]Colour{}, styles: map[string]Style{}, markers: map[string]*Marker{}, icons: map[string]*Icon{}}
	d := p.design(top)
	if err := f.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// parser holds the named things of a design while its pages are read.
type parser struct {
	f       *datafile.File
	colours map[string]Colour
	styles  map[string]Style
	markers map[string]*Marker
	icons   map[string]*Icon
}

func (p *parser) design(t datafile.Table) *Design {
	d := &Design{File: p.f.Name(), Name: t.String("name", "")}
	sheet := t.Table("sheet")
	d.Width = p.length(sheet, "width", 0, true)
	d.Height = p.length(sheet, "height", 0, true)
	d.Bleed = p.length(sheet, "bleed", 0, false)
	p.positive(sheet, "width", d.Width)
	p.positive(sheet, "height", d.Height)
	if d.Bleed < 0 {
		sheet.Problemf("bleed", "must not be negative")
	}
	sheet.Done()

	colours := t.Table("colour")
	for _, name := range colours.Keys() {
		p.colours[name] = p.colourValue(colours, name)
	}
	colours.Done()
	icons := t.Table("icon")
	for _, name := range icons.Keys() {
		p.icons[name] = p.icon(icons, name)
	}
	icons.Done()
	styles := t.Table("style")
	for _, name := range styles.Keys() {
		p.styles[name] = p.style(styles.Table(name), name)
	}
	styles.Done()
	markers := t.Table("marker")
	for _, name := range markers.Keys() {
		p.markers[name] = p.marker(markers.Table(name), name)
	}
	markers.Done()

	doc := t.Table("document")
	d.Document = Document{Title: doc.Strings("title"), Subject: doc.String("subject", ""), Creator: doc.String("creator", "")}
	doc.Done()

	names := map[string]bool{}
	for _, pt := range t.Tables("page") {
		page := p.page(pt, names)
		d.Pages = append(d.Pages, page)
	}
	if len(d.Pages) == 0 {
		t.Problemf("", "no [[page]]: a design needs at least one page")
	}
	p.checkHeadings(d)
	t.Done()
	return d
}

func (p *parser) positive(t datafile.Table, key string, v float64) {
	if t.Has(key) && !t.Failed(key) && v <= 0 {
		t.Problemf(key, "must be more than 0")
	}
}

// length reads a length: a number of points, or a string with a unit ("3mm", "210 mm", "12pt",
// "1.5cm", "0.5in").
func (p *parser) length(t datafile.Table, key string, def float64, required bool) float64 {
	v, ok := t.Value(key)
	if !ok {
		if required {
			t.Problemf(key, "missing: give a length in points or with a unit, like 12 or \"3mm\"")
		}
		return def
	}
	f, err := parseLength(v)
	if err != nil {
		t.Problemf(key, "%v", err)
		return def
	}
	return f
}

var units = map[string]float64{"pt": 1, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72}

func parseLength(v any) (float64, error) {
	switch v := v.(type) {
	case int64:
		return float64(v), nil
	case float64:
		return v, nil
	case string:
		s := strings.TrimSpace(v)
		for u, k := range units {
			if n, ok := strings.CutSuffix(s, u); ok {
				f, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
				if err == nil {
					return f * k, nil
				}
			}
		}
		return 0, fmt.Errorf("%q is not a length: write points (12) or a number with pt, mm, cm or in (\"3mm\")", v)
	}
	return 0, fmt.Errorf("want a length, like 12 or \"3mm\", not %v", v)
}

// rect reads [x, y, width, height], each a length.
func (p *parser) rect(t datafile.Table, key string) Rect {
	v, ok := t.Value(key)
	if !ok {
		t.Problemf(key, "missing: give [x, y, width, height] in points from the trimmed page's top-left corner")
		return Rect{}
	}
	list, ok := v.([]any)
	if !ok || len(list) != 4 {
		t.Problemf(key, "want [x, y, width, height], four lengths")
		return Rect{}
	}
	var r [4]float64
	for i, e := range list {
		f, err := parseLength(e)
		if err != nil {
			t.Problemf(key, "item %d: %v", i+1, err)
			return Rect{}
		}
		r[i] = f
	}
	if r[2] < 0 || r[3] < 0 {
		t.Problemf(key, "width and height must not be negative")
	}
	return Rect{r[0], r[1], r[2], r[3]}
}

// colourValue reads a colour definition: [C, M, Y, K] in percent.
func (p *parser) colourValue(t datafile.Table, key string) Colour {
	v := t.Numbers(key, 4)
	if v == nil {
		if t.Has(key) {
			return Colour{}
		}
	}
	for _, x := range v {
		if x < 0 || x > 100 {
			t.Problemf(key, "want [C, M, Y, K], each from 0 to 100 (percent)")
			return Colour{}
		}
	}
	if v == nil {
		t.Problemf(key, "want [C, M, Y, K], each from 0 to 100 (percent)")
		return Colour{}
	}
	c := Colour{v[0] / 100, v[1] / 100, v[2] / 100, v[3] / 100}
	if c.Ink() > InkLimit+1e-9 {
		t.Problemf(key, "%.0f%% total ink (C+M+Y+K), more than the %.0f%% coated paper takes: lower an ink", 100*c.Ink(), 100*InkLimit)
	}
	return c
}

// Inks returns how many inks the colour puts down: 0 for white (the paper).
func (c Colour) Inks() int {
	n := 0
	for _, v := range []float64{c.C, c.M, c.Y, c.K} {
		if v > 0 {
			n++
		}
	}
	return n
}

// colour reads a reference to a named colour.
func (p *parser) colour(t datafile.Table, key string, required bool) Colour {
	name := t.String(key, "")
	if name == "" {
		if required {
			t.Problemf(key, "missing: name a colour of [colour] (%s)", list(p.colours))
		}
		return Colour{}
	}
	c, ok := p.colours[name]
	if !ok {
		t.Problemf(key, "no colour %q in [colour] (%s)", name, list(p.colours))
	}
	return c
}

func list[V any](m map[string]V) string {
	keys := slices.Sorted(maps.Keys(m))
	if len(keys) == 0 {
		return "none defined"
	}
	return strings.Join(keys, ", ")
}

var aligns = map[string]Align{"start": Start, "end": End, "centre": Centre, "center": Centre, "justify": Justify}

func (p *parser) style(t datafile.Table, name string) Style {
	s := Style{
		Name:       name,
		Bold:       t.Bool("bold", false),
		Size:       t.Number("size", 0),
		Leading:    t.Number("leading", 0),
		Indent:     p.length(t, "indent", 0, false),
		SpaceAfter: p.length(t, "space_after", 0, false),
		Colour:     p.colour(t, "colour", true),
		SmallPrint: t.Bool("small_print", false),
		Runt:       int(t.Number("runt", 8)),
	}
	if s.Runt < 0 {
		t.Problemf("runt", "want a number of characters, 0 or more")
	}
	s.MinSize = t.Number("min_size", s.Size)
	if s.Size <= 0 && !t.Failed("size") {
		t.Problemf("size", "want a font size in points, more than 0")
	}
	if (s.MinSize <= 0 || s.MinSize > s.Size) && !t.Failed("size") && !t.Failed("min_size") {
		t.Problemf("min_size", "want a size more than 0 and at most size (%g)", s.Size)
	}
	if s.Leading < 0 {
		t.Problemf("leading", "must not be negative")
	}
	if n := s.Colour.Inks(); n > 1 && s.MinSize < SmallText && !t.Failed("size") && !t.Failed("min_size") {
		t.Problemf("colour", "%q is %d inks, and the text may be set at %gpt: text under %gpt must be in one ink "+
			"(or white), or it blurs when the plates are out of register; use a colour of one ink, or min_size = %g or more",
			t.String("colour", ""), n, s.MinSize, SmallText, SmallText)
	}
	if a := t.String("align", "start"); true {
		v, ok := aligns[a]
		if !ok {
			t.Problemf("align", "%q: want start, end, centre or justify", a)
		}
		s.Align = v
	}
	t.Done()
	return s
}

var kinds = map[string]Kind{"fill": Fill, "disc": Disc, "box": Box, "icon": Picture}

func (p *parser) kind(t datafile.Table, allowed ...string) Kind {
	k := t.String("kind", "")
	v, ok := kinds[k]
	if !ok || !slices.Contains(allowed, k) {
		t.Problemf("kind", "%q: want %s", k, strings.Join(allowed, ", "))
	}
	return v
}

func (p *parser) iconRef(t datafile.Table, required bool) *Icon {
	name := t.String("icon", "")
	if name == "" {
		if required {
			t.Problemf("icon", "missing: name an icon of [icon] (%s)", list(p.icons))
		}
		return nil
	}
	ic, ok := p.icons[name]
	if !ok {
		t.Problemf("icon", "no icon %q in [icon] (%s)", name, list(p.icons))
	}
	return ic
}

func (p *parser) marker(t datafile.Table, name string) *Marker {
	m := &Marker{
		Name:   name,
		Kind:   p.kind(t, "box", "disc", "icon"),
		Size:   t.Number("size", 0),
		Gap:    p.length(t, "gap", 0, false),
		Raise:  t.Number("raise", 0),
		Colour: p.colour(t, "colour", true),
		Inside: p.colour(t, "inside", false),
		Line:   p.length(t, "line", 0, false),
	}
	m.Icon = p.iconRef(t, m.Kind == Picture)
	if m.Size <= 0 {
		t.Problemf("size", "want the marker's size in ems of the text, more than 0")
	}
	t.Done()
	return m
}

func (p *parser) shape(t datafile.Table) Shape {
	s := Shape{
		Kind:   p.kind(t, "fill", "disc", "box", "icon"),
		Rect:   p.rect(t, "rect"),
		Colour: p.colour(t, "colour", true),
		Inside: p.colour(t, "inside", false),
		Line:   p.length(t, "line", 0, false),
		Back:   p.colour(t, "back", false),
	}
	s.Icon = p.iconRef(t, s.Kind == Picture)
	if s.Kind == Box && s.Line <= 0 {
		t.Problemf("line", "a box needs the width of its outline, more than 0")
	}
	p.shapeRole(t, &s)
	p.shapeFlow(t, &s)
	t.Done()
	return s
}

var valigns = map[string]VAlign{"top": Top, "middle": Middle, "bottom": Bottom}

func (p *parser) frame(t datafile.Table, page string) Frame {
	f := Frame{
		Name:     page + "/" + t.String("name", ""),
		Line:     t.Line(""),
		Rect:     p.rect(t, "rect"),
		Messages: t.Strings("messages"),
		Count:    t.String("count", ""),
	}
	if f.Name == page+"/" {
		t.Problemf("name", "missing: every frame needs a name, unique on its page")
	}
	if st := t.String("style", ""); st == "" {
		t.Problemf("style", "missing: name a style of [style] (%s)", list(p.styles))
	} else if s, ok := p.styles[st]; ok {
		f.Style = s
	} else {
		t.Problemf("style", "no style %q in [style] (%s)", st, list(p.styles))
	}
	if len(f.Messages) == 0 {
		t.Problemf("messages", "missing: list the IDs of the messages the frame shows")
	}
	if v := t.String("valign", "top"); true {
		a, ok := valigns[v]
		if !ok {
			t.Problemf("valign", "%q: want top, middle or bottom", v)
		}
		f.VAlign = a
	}
	if m := t.String("marker", ""); m != "" {
		if f.Marker = p.markers[m]; f.Marker == nil {
			t.Problemf("marker", "no marker %q in [marker] (%s)", m, list(p.markers))
		}
	}
	if _, ok := t.Value("background"); ok {
		b := t.Table("background")
		f.Background = &Background{Colour: p.colour(b, "colour", true)}
		switch s := b.String("shape", "rect"); s {
		case "rect":
		case "pill":
			f.Background.Pill = true
		default:
			b.Problemf("shape", "%q: want rect or pill", s)
		}
		b.Done()
	}
	p.frameRole(t, &f)
	p.frameFlow(t, &f)
	t.Done()
	return f
}

func (p *parser) page(t datafile.Table, names map[string]bool) Page {
	pg := Page{Name: t.String("name", "")}
	if pg.Name == "" {
		t.Problemf("name", "missing: every page needs a name")
	}
	shapes := t.Tables("shape")
	for _, st := range shapes {
		pg.Shapes = append(pg.Shapes, p.shape(st))
	}
	frames := t.Tables("frame")
	for _, ft := range frames {
		f := p.frame(ft, pg.Name)
		if names[f.Name] {
			ft.Problemf("name", "a second frame named %q", f.Name)
		}
		names[f.Name] = true
		pg.Frames = append(pg.Frames, f)
	}
	for i, f := range pg.Frames {
		if f.Count != "" && !slices.ContainsFunc(pg.Frames, func(g Frame) bool { return g.Name == pg.Name+"/"+f.Count }) {
			frames[i].Problemf("count", "no frame %q on page %q to count the paragraphs of", f.Count, pg.Name)
		}
		if f.Count != "" {
			pg.Frames[i].Count = pg.Name + "/" + f.Count
		}
	}
	checkShapeRoles(&pg, shapes)
	checkSections(&pg, frames)
	p.pageFlow(t, &pg, shapes, frames)
	t.Done()
	return pg
}

// icon reads an icon: an array of parts, each an outline (path, in SVG syntax with absolute
// M, L, C and Z) or a circle ([cx, cy, r]), filled or stroked, or a cutout.
func (p *parser) icon(t datafile.Table, name string) *Icon {
	ic := &Icon{Name: name}
	for _, pt := range t.Tables(name) {
		part := Part{Stroke: pt.Number("stroke", 0), Cutout: pt.Bool("cutout", false)}
		path, hasPath := pt.Value("path")
		circle := pt.Numbers("circle", 3)
		switch {
		case hasPath && circle != nil:
			pt.Problemf("circle", "give a path or a circle, not both")
		case hasPath:
			s, _ := path.(string)
			segs, err := parsePath(s)
			if err != nil {
				pt.Problemf("path", "%v", err)
			}
			part.Segs = segs
		case circle != nil:
			part.Segs = Circle(circle[0], circle[1], circle[2])
		default:
			if !pt.Has("circle") {
				pt.Problemf("", "a part needs a path or a circle")
			}
		}
		if part.Stroke < 0 {
			pt.Problemf("stroke", "must not be negative")
		}
		pt.Done()
		ic.Parts = append(ic.Parts, part)
	}
	if len(ic.Parts) == 0 && t.Has(name) {
		t.Problemf(name, "an icon needs at least one part, written [[icon.%s]]", name)
	}
	return ic
}
