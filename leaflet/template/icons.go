package template

// Seg is one segment of an icon outline, in a unit square (x right, y down): "M" and "L" take
// one point, "C" three (two control points and the end), "Z" none.
type Seg struct {
	Op  string
	Pts []float64
}

// Part is a filled outline, or a stroked one of width Stroke (in units of the icon's size).
type Part struct {
	Segs   []Seg
	Stroke float64 // 0: fill
}

// IconDef is a simple pictogram made of parts; it is drawn in one colour.
type IconDef []Part

// kappa places Bézier control points that approximate a quarter circle.
const kappa = 0.5523

// circle returns a circle outline of centre (cx, cy) and radius r.
func circle(cx, cy, r float64) []Seg {
	k := kappa * r
	return []Seg{
		{"M", []float64{cx + r, cy}},
		{"C", []float64{cx + r, cy + k, cx + k, cy + r, cx, cy + r}},
		{"C", []float64{cx - k, cy + r, cx - r, cy + k, cx - r, cy}},
		{"C", []float64{cx - r, cy - k, cx - k, cy - r, cx, cy - r}},
		{"C", []float64{cx + k, cy - r, cx + r, cy - k, cx + r, cy}},
		{"Z", nil},
	}
}

func poly(pts ...float64) []Seg {
	segs := []Seg{{"M", pts[:2]}}
	for i := 2; i+1 < len(pts); i += 2 {
		segs = append(segs, Seg{"L", pts[i : i+2]})
	}
	return append(segs, Seg{"Z", nil})
}

func line(pts ...float64) []Seg {
	segs := []Seg{{"M", pts[:2]}}
	for i := 2; i+1 < len(pts); i += 2 {
		segs = append(segs, Seg{"L", pts[i : i+2]})
	}
	return segs
}

// Icons are the leaflet's pictograms, by name.
var Icons = map[string]IconDef{
	// a filled disc: what a Circle shape draws
	"disc": {{Segs: circle(0.5, 0.5, 0.5)}},
	// two speech bubbles
	"talk": {
		{Segs: poly(0.02, 0.08, 0.62, 0.08, 0.62, 0.50, 0.26, 0.50, 0.12, 0.64, 0.14, 0.50, 0.02, 0.50)},
		{Segs: poly(0.40, 0.58, 0.70, 0.58, 0.70, 0.30, 0.98, 0.30, 0.98, 0.78, 0.88, 0.78, 0.90, 0.94, 0.72, 0.78, 0.40, 0.78)},
	},
	// a smartphone
	"phone": {
		{Segs: poly(0.24, 0.02, 0.76, 0.02, 0.76, 0.98, 0.24, 0.98), Stroke: 0.09},
		{Segs: circle(0.5, 0.84, 0.055)},
		{Segs: line(0.40, 0.13, 0.60, 0.13), Stroke: 0.06},
	},
	// a camera
	"camera": {
		{Segs: poly(0.02, 0.28, 0.28, 0.28, 0.36, 0.14, 0.64, 0.14, 0.72, 0.28, 0.98, 0.28, 0.98, 0.86, 0.02, 0.86)},
	},
	// a warning triangle (the lens and the exclamation mark are cut out by drawing in the
	// background colour; see Cutouts)
	"warning": {
		{Segs: poly(0.5, 0.04, 0.98, 0.92, 0.02, 0.92)},
	},
	// a raised open hand: stop
	"hand": {
		{Segs: poly(0.22, 0.42, 0.22, 0.14, 0.32, 0.14, 0.32, 0.40, 0.36, 0.40, 0.36, 0.04, 0.46, 0.04, 0.46, 0.40,
			0.50, 0.40, 0.50, 0.02, 0.60, 0.02, 0.60, 0.40, 0.64, 0.40, 0.64, 0.10, 0.74, 0.10, 0.74, 0.58,
			0.84, 0.46, 0.94, 0.52, 0.72, 0.90, 0.62, 0.98, 0.34, 0.98, 0.22, 0.84)},
	},
	// a lifebuoy ring
	"lifebuoy": {
		{Segs: circle(0.5, 0.5, 0.36), Stroke: 0.22},
	},
	// a check mark
	"check": {
		{Segs: line(0.10, 0.52, 0.38, 0.80, 0.92, 0.22), Stroke: 0.16},
	},
	// a shield with a check mark
	"shield": {
		{Segs: []Seg{
			{"M", []float64{0.5, 0.02}},
			{"L", []float64{0.90, 0.16}},
			{"C", []float64{0.90, 0.56, 0.76, 0.82, 0.5, 0.98}},
			{"C", []float64{0.24, 0.82, 0.10, 0.56, 0.10, 0.16}},
			{"Z", nil},
		}, Stroke: 0.06},
		{Segs: line(0.30, 0.50, 0.45, 0.65, 0.72, 0.36), Stroke: 0.08},
	},
}

// Cutouts are parts drawn over an icon in the colour behind it, to open holes in it.
var Cutouts = map[string]IconDef{
	"camera": {
		{Segs: circle(0.5, 0.56, 0.20)},
	},
	"warning": {
		{Segs: poly(0.46, 0.34, 0.54, 0.34, 0.53, 0.66, 0.47, 0.66)},
		{Segs: circle(0.5, 0.78, 0.05)},
	},
}
