package preflight

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: m applied first.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scale is how much the matrix enlarges lengths (the square root of its area factor).
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

// colour is a colour as painted: its colour space's family, and the inks it puts down (C, M, Y,
// K, and spot inks together in spot), each from 0 to 1.
type colour struct {
	space string // DeviceCMYK, DeviceGray, Separation /All, DeviceRGB…
	ink   [4]float64
	spot  float64
}

func (c colour) total() float64 { return c.ink[0] + c.ink[1] + c.ink[2] + c.ink[3] + c.spot }

// inks is how many inks the colour puts down.
func (c colour) inks() int {
	n := 0
	for _, v := range c.ink {
		if v > 0.0005 {
			n++
		}
	}
	if c.spot > 0.0005 {
		n++
	}
	return n
}

func (c colour) String() string {
	if c.space != "DeviceCMYK" {
		return fmt.Sprintf("%s (%.0f%% ink)", c.space, 100*c.total())
	}
	return fmt.Sprintf("C%.0f M%.0f Y%.0f K%.0f", 100*c.ink[0], 100*c.ink[1], 100*c.ink[2], 100*c.ink[3])
}

// colourSpace is a colour space as resolved from a page's resources: how its components become
// inks.
type colourSpace struct {
	family string
	n      int // components
	inks   func(v []float64) ([4]float64, float64)
}

// initial is the colour a colour space starts with when it is set (ISO 32000-1, 8.6.5): black,
// or the full tint of a separation.
func (cs colourSpace) initial() []float64 {
	v := make([]float64, cs.n)
	switch {
	case cs.family == "DeviceCMYK" || cs.family == "ICCBased CMYK":
		v[3] = 1
	case strings.HasPrefix(cs.family, "Separation") || cs.family == "DeviceN":
		for i := range v {
			v[i] = 1
		}
	}
	return v
}

// deviceOps are the operators that set a device colour, and their colour spaces.
var deviceOps = map[string]name{"g": "DeviceGray", "G": "DeviceGray", "rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK", "K": "DeviceCMYK"}

var deviceSpaces = map[name]colourSpace{
	"DeviceCMYK": {"DeviceCMYK", 4, func(v []float64) ([4]float64, float64) { return [4]float64{v[0], v[1], v[2], v[3]}, 0 }},
	"DeviceGray": {"DeviceGray", 1, func(v []float64) ([4]float64, float64) { return [4]float64{0, 0, 0, 1 - v[0]}, 0 }},
	"DeviceRGB":  {"DeviceRGB", 3, nil},
}

// paint is one thing painted on a page: a filled or stroked path, or text.
type paint struct {
	page   int
	what   string // "fill", "stroke", "text"
	colour colour
	box    rect    // in default user space
	size   float64 // text: the font size as printed, points
	width  float64 // stroke: the line width as printed, points
	thin   float64 // fill: the narrower side of a rectangle, points
	mcid   int     // the marked-content sequence with an MCID it is in (−1: none)
	art    bool    // inside an artifact
}

// rect is a rectangle [x0 y0 x1 y1] in default user space.
type rect [4]float64

func (r rect) overlaps(s rect) bool {
	return r[0] <= s[2] && r[2] >= s[0] && r[1] <= s[3] && r[3] >= s[1]
}

func (r rect) inside(s rect) bool {
	const tol = 0.01
	return r[0] >= s[0]-tol && r[1] >= s[1]-tol && r[2] <= s[2]+tol && r[3] <= s[3]+tol
}

// gstate is the part of the graphics state a preflight follows.
type gstate struct {
	ctm            matrix
	fill, stroke   colour
	fillCS, strCS  colourSpace
	lineWidth      float64
	fontSize       float64
	textRenderMode int
}

// interpreter runs a page's content stream and records what it paints.
type interpreter struct {
	f        *file
	page     int
	res      dict
	gs       gstate
	stack    []gstate
	path     []float64 // points of the current path, in user space
	pathRect []rect    // rectangles of the current path ("re"), for thin fills
	tm, tlm  matrix
	leading  float64
	paints   []paint
	set      map[string]bool // every colour space an operator sets, painted with or not
	notes    map[string]bool // what the preflight does not read: XObjects, shadings, images
	marked   []markedContent // the marked-content sequences open, outermost first
	tagging  map[string]bool // marked content against PDF/UA: an MCID in an artifact, nested MCIDs
}

// markedContent is an open marked-content sequence: its tag, its MCID (−1: none).
type markedContent struct {
	tag  name
	mcid int
}

// markState returns the MCID of the marked-content sequence that painting is in now (−1: none)
// and whether it is inside an artifact.
func (in *interpreter) markState() (mcid int, artifact bool) {
	mcid = -1
	for _, m := range in.marked {
		if m.tag == "Artifact" {
			artifact = true
		}
		if m.mcid >= 0 {
			mcid = m.mcid
		}
	}
	return mcid, artifact
}

// beginMarked opens a marked-content sequence (BMC, BDC), noting what PDF/UA forbids: an MCID
// inside an artifact or inside another MCID, an artifact inside tagged content (ISO 14289-1,
// 7.1; the Matterhorn Protocol's 01-003 and 01-004).
func (in *interpreter) beginMarked(op string, args []any) error {
	if len(args) == 0 {
		return fmt.Errorf("no tag")
	}
	tag, ok := args[0].(name)
	if !ok {
		return fmt.Errorf("tag %v is not a name", args[0])
	}
	m := markedContent{tag: tag, mcid: -1}
	if op == "BDC" && len(args) > 1 {
		props, _ := in.f.resolve(args[1]).(dict)
		if props == nil {
			if n, isName := args[1].(name); isName {
				props = in.f.dict(in.f.dict(in.res, "Properties"), n)
			}
		}
		if v, ok := props["MCID"].(float64); ok {
			m.mcid = int(v)
		}
	}
	if tag == "Artifact" {
		if mcid, _ := in.markState(); mcid >= 0 {
			in.tagging["an artifact inside tagged content"] = true
		}
	}
	if m.mcid >= 0 {
		mcid, art := in.markState()
		if art {
			in.tagging["an MCID inside an artifact"] = true
		}
		if mcid >= 0 {
			in.tagging["an MCID inside another"] = true
		}
	}
	in.marked = append(in.marked, m)
	return nil
}

func newInterpreter(f *file, page int, res dict) *interpreter {
	gray := deviceSpaces["DeviceGray"]
	black := colour{space: "DeviceGray", ink: [4]float64{0, 0, 0, 1}}
	return &interpreter{f: f, page: page, res: res, set: map[string]bool{}, notes: map[string]bool{}, tagging: map[string]bool{},
		gs: gstate{ctm: identity, fill: black, stroke: black, fillCS: gray, strCS: gray, lineWidth: 1}}
}

// run interprets a content stream.
func (in *interpreter) run(data []byte) error {
	l := &lexer{src: data}
	var args []any
	for {
		l.skip()
		if l.pos >= len(data) {
			return nil
		}
		c := data[l.pos]
		if isDelim(c) || c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
			o, err := l.object()
			if err != nil {
				return fmt.Errorf("page %d: content: %w", in.page, err)
			}
			args = append(args, o)
			continue
		}
		op := l.token()
		switch op {
		case "true", "false", "null":
			args = append(args, op == "true")
			continue
		case "BI":
			if err := skipInlineImage(l); err != nil {
				return fmt.Errorf("page %d: %w", in.page, err)
			}
			in.notes["inline images"] = true
			args = args[:0]
			continue
		}
		if err := in.op(op, args); err != nil {
			return fmt.Errorf("page %d: %s: %w", in.page, op, err)
		}
		args = args[:0]
	}
}

// skipInlineImage passes an inline image's data, up to EI.
func skipInlineImage(l *lexer) error {
	i := bytes.Index(l.src[l.pos:], []byte("ID"))
	if i < 0 {
		return fmt.Errorf("an inline image without ID")
	}
	l.pos += i + 2
	for {
		j := bytes.Index(l.src[l.pos:], []byte("EI"))
		if j < 0 {
			return fmt.Errorf("an inline image without EI")
		}
		l.pos += j + 2
		if isSpace(l.src[l.pos-3]) && (l.pos == len(l.src) || isSpace(l.src[l.pos])) {
			return nil
		}
	}
}

func nums(args []any, n int) ([]float64, error) {
	if len(args) < n {
		return nil, fmt.Errorf("%d operands, want %d", len(args), n)
	}
	out := make([]float64, n)
	for i, a := range args[len(args)-n:] {
		v, ok := a.(float64)
		if !ok {
			return nil, fmt.Errorf("operand %v is not a number", a)
		}
		out[i] = v
	}
	return out, nil
}

func (in *interpreter) op(op string, args []any) error {
	g := &in.gs
	switch op {
	case "q":
		in.stack = append(in.stack, *g)
	case "Q":
		if len(in.stack) == 0 {
			return fmt.Errorf("Q without q")
		}
		*g = in.stack[len(in.stack)-1]
		in.stack = in.stack[:len(in.stack)-1]
	case "cm":
		v, err := nums(args, 6)
		if err != nil {
			return err
		}
		g.ctm = matrix(v).mul(g.ctm)
	case "w":
		v, err := nums(args, 1)
		if err != nil {
			return err
		}
		g.lineWidth = v[0]
	case "g", "G", "rg", "RG", "k", "K":
		cs := deviceSpaces[deviceOps[op]]
		in.set[cs.family] = true
		v, err := nums(args, cs.n)
		if err != nil {
			return err
		}
		if op[0] >= 'a' {
			g.fillCS, g.fill = cs, in.colourOf(cs, v)
		} else {
			g.strCS, g.stroke = cs, in.colourOf(cs, v)
		}
	case "cs", "CS":
		if len(args) != 1 {
			return fmt.Errorf("want a colour space name")
		}
		n, _ := args[0].(name)
		cs, err := in.colourSpace(n)
		if err != nil {
			return err
		}
		in.set[cs.family] = true
		if op == "cs" {
			g.fillCS, g.fill = cs, in.colourOf(cs, cs.initial())
		} else {
			g.strCS, g.stroke = cs, in.colourOf(cs, cs.initial())
		}
	case "sc", "scn", "SC", "SCN":
		cs := g.fillCS
		if op[0] == 'S' {
			cs = g.strCS
		}
		if len(args) > 0 {
			if _, isName := args[len(args)-1].(name); isName { // a pattern
				in.notes["patterns"] = true
				args = args[:len(args)-1]
			}
		}
		v, err := nums(args, cs.n)
		if err != nil {
			return err
		}
		if op[0] == 'S' {
			g.stroke = in.colourOf(cs, v)
		} else {
			g.fill = in.colourOf(cs, v)
		}
	case "m", "l":
		v, err := nums(args, 2)
		if err != nil {
			return err
		}
		in.addPoints(v)
	case "c":
		v, err := nums(args, 6)
		if err != nil {
			return err
		}
		in.addPoints(v)
	case "v", "y":
		v, err := nums(args, 4)
		if err != nil {
			return err
		}
		in.addPoints(v)
	case "re":
		v, err := nums(args, 4)
		if err != nil {
			return err
		}
		in.addPoints([]float64{v[0], v[1], v[0] + v[2], v[1] + v[3]})
		s := g.ctm.scale()
		in.pathRect = append(in.pathRect, rect{0, 0, math.Abs(v[2]) * s, math.Abs(v[3]) * s})
	case "h":
	case "f", "F", "f*":
		in.paintPath("fill", false)
	case "S", "s":
		in.paintPath("stroke", false)
	case "B", "B*", "b", "b*":
		in.paintPath("fill", true)
	case "n":
		in.path, in.pathRect = nil, nil
	case "BT":
		in.tm, in.tlm = identity, identity
	case "ET":
	case "Tf":
		v, err := nums(args, 1)
		if err != nil {
			return err
		}
		g.fontSize = v[0]
	case "Tr":
		v, err := nums(args, 1)
		if err != nil {
			return err
		}
		g.textRenderMode = int(v[0])
	case "TL":
		v, err := nums(args, 1)
		if err != nil {
			return err
		}
		in.leading = v[0]
	case "Td", "TD":
		v, err := nums(args, 2)
		if err != nil {
			return err
		}
		if op == "TD" {
			in.leading = -v[1]
		}
		in.tlm = matrix{1, 0, 0, 1, v[0], v[1]}.mul(in.tlm)
		in.tm = in.tlm
	case "Tm":
		v, err := nums(args, 6)
		if err != nil {
			return err
		}
		in.tlm, in.tm = matrix(v), matrix(v)
	case "T*", "'", "\"":
		in.tlm = matrix{1, 0, 0, 1, 0, -in.leading}.mul(in.tlm)
		in.tm = in.tlm
		if op != "T*" {
			in.showText()
		}
	case "Tj", "TJ":
		in.showText()
	case "BMC", "BDC":
		return in.beginMarked(op, args)
	case "EMC":
		if len(in.marked) == 0 {
			in.tagging["EMC without BMC or BDC"] = true
			return nil
		}
		in.marked = in.marked[:len(in.marked)-1]
	case "Do":
		in.notes["XObjects"] = true
	case "sh":
		in.notes["shadings"] = true
	case "gs":
		if len(args) == 1 {
			n, _ := args[0].(name)
			gsd := in.f.dict(in.f.dict(in.res, "ExtGState"), n)
			for _, k := range []name{"TR", "TR2", "HT", "SMask", "BM", "CA", "ca", "OP", "op"} {
				if _, ok := gsd[k]; ok {
					in.notes["graphics state /"+string(k)] = true
				}
			}
		}
	}
	return nil
}

// colourSpace resolves a colour space operand: a device space or a page resource.
func (in *interpreter) colourSpace(n name) (colourSpace, error) {
	if cs, ok := deviceSpaces[n]; ok {
		return cs, nil
	}
	if n == "Pattern" {
		in.notes["patterns"] = true
		return colourSpace{family: "Pattern"}, nil
	}
	o := in.f.resolve(in.f.dict(in.res, "ColorSpace")[n])
	return in.f.colourSpaceOf(o)
}

// colourSpaceOf reads a colour space object: a device name, or an array.
func (f *file) colourSpaceOf(o any) (colourSpace, error) {
	if n, ok := o.(name); ok {
		if cs, ok := deviceSpaces[n]; ok {
			return cs, nil
		}
		return colourSpace{}, fmt.Errorf("colour space /%s", n)
	}
	a, ok := o.([]any)
	if !ok || len(a) == 0 {
		return colourSpace{}, fmt.Errorf("colour space %v", o)
	}
	family, _ := a[0].(name)
	switch family {
	case "Separation":
		if len(a) < 4 {
			return colourSpace{}, fmt.Errorf("a Separation colour space of %d items", len(a))
		}
		colorant, _ := a[1].(name)
		alt, err := f.colourSpaceOf(f.resolve(a[2]))
		if err != nil {
			return colourSpace{}, err
		}
		fn, _ := f.resolve(a[3]).(dict)
		return colourSpace{family: "Separation /" + string(colorant), n: 1, inks: func(v []float64) ([4]float64, float64) {
			t := v[0]
			switch colorant {
			case "All":
				return [4]float64{t, t, t, t}, 0
			case "None":
				return [4]float64{}, 0
			}
			if alt.family == "DeviceCMYK" && fn != nil {
				if ink, ok := type2(fn, t); ok {
					return ink, 0
				}
			}
			return [4]float64{}, t // a spot ink of its own
		}}, nil
	case "ICCBased":
		s, _ := f.resolve(a[1]).(*stream)
		if s == nil {
			return colourSpace{}, fmt.Errorf("an ICCBased colour space without its profile")
		}
		n, _ := s.dict["N"].(float64)
		fam := map[float64]string{1: "ICCBased gray", 3: "ICCBased RGB", 4: "ICCBased CMYK"}[n]
		if fam == "" {
			fam = "ICCBased"
		}
		cs := colourSpace{family: fam, n: int(n)}
		if n == 4 {
			cs.inks = deviceSpaces["DeviceCMYK"].inks
		}
		return cs, nil
	case "CalRGB", "CalGray", "Lab", "DeviceN", "Indexed":
		return colourSpace{family: string(family), n: map[name]int{"CalRGB": 3, "CalGray": 1, "Lab": 3, "Indexed": 1}[family]}, nil
	}
	return colourSpace{}, fmt.Errorf("colour space /%s", family)
}

// type2 evaluates an exponential interpolation function (type 2) into four inks.
func type2(fn dict, t float64) ([4]float64, bool) {
	var out [4]float64
	if ft, _ := fn["FunctionType"].(float64); ft != 2 {
		return out, false
	}
	c0, _ := fn["C0"].([]any)
	c1, _ := fn["C1"].([]any)
	n, _ := fn["N"].(float64)
	if len(c0) != 4 || len(c1) != 4 {
		return out, false
	}
	for i := range out {
		a, _ := c0[i].(float64)
		b, _ := c1[i].(float64)
		out[i] = a + math.Pow(t, n)*(b-a)
	}
	return out, true
}

// colourOf is the colour of components v in cs.
func (in *interpreter) colourOf(cs colourSpace, v []float64) colour {
	c := colour{space: cs.family}
	if cs.inks != nil && len(v) >= cs.n {
		c.ink, c.spot = cs.inks(v)
	}
	return c
}

func (in *interpreter) addPoints(v []float64) {
	for i := 0; i+1 < len(v); i += 2 {
		x, y := in.gs.ctm.apply(v[i], v[i+1])
		in.path = append(in.path, x, y)
	}
}

// paintPath records the current path painted, then ends it.
func (in *interpreter) paintPath(what string, andStroke bool) {
	defer func() { in.path, in.pathRect = nil, nil }()
	if len(in.path) == 0 {
		return
	}
	box := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for i := 0; i+1 < len(in.path); i += 2 {
		box[0], box[1] = min(box[0], in.path[i]), min(box[1], in.path[i+1])
		box[2], box[3] = max(box[2], in.path[i]), max(box[3], in.path[i+1])
	}
	g := in.gs
	mcid, art := in.markState()
	if what == "fill" {
		p := paint{page: in.page, what: "fill", colour: g.fill, box: box, mcid: mcid, art: art}
		if len(in.pathRect) == 1 && len(in.path) == 4 { // one rectangle
			p.thin = min(in.pathRect[0][2], in.pathRect[0][3])
		}
		in.paints = append(in.paints, p)
	}
	if what == "stroke" || andStroke {
		in.paints = append(in.paints, paint{page: in.page, what: "stroke", colour: g.stroke, box: box, width: g.lineWidth * g.ctm.scale(), mcid: mcid, art: art})
	}
}

// showText records text shown at the text matrix's origin.
func (in *interpreter) showText() {
	g := in.gs
	if g.textRenderMode == 3 || g.textRenderMode == 7 { // invisible, or a clip only
		return
	}
	m := in.tm.mul(g.ctm)
	x, y := m.apply(0, 0)
	col := g.fill
	if g.textRenderMode == 1 {
		col = g.stroke
	}
	mcid, art := in.markState()
	in.paints = append(in.paints, paint{page: in.page, what: "text", colour: col, box: rect{x, y, x, y}, size: g.fontSize * m.scale(), mcid: mcid, art: art})
}

// ftoa formats a length for reports.
func ftoa(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
