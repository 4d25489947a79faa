package design

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// kappa places the control points of a cubic Bézier curve that approximates a quarter circle.
const kappa = 0.5523

// Circle returns the outline of a circle of centre (cx, cy) and radius r, as four curves.
func Circle(cx, cy, r float64) []Seg {
	k := kappa * r
	return []Seg{
		{'M', []float64{cx + r, cy}},
		{'C', []float64{cx + r, cy + k, cx + k, cy + r, cx, cy + r}},
		{'C', []float64{cx - k, cy + r, cx - r, cy + k, cx - r, cy}},
		{'C', []float64{cx - r, cy - k, cx - k, cy - r, cx, cy - r}},
		{'C', []float64{cx + k, cy - r, cx + r, cy - k, cx + r, cy}},
		{'Z', nil},
	}
}

// Pill returns the outline of a rectangle with fully rounded ends.
func Pill(rc Rect) []Seg {
	r := rc.H / 2
	k := kappa * r
	x0, x1, y0, y1 := rc.X+r, rc.X+rc.W-r, rc.Y, rc.Y+rc.H
	return []Seg{
		{'M', []float64{x0, y0}},
		{'L', []float64{x1, y0}},
		{'C', []float64{x1 + k, y0, x1 + r, y0 + r - k, x1 + r, y0 + r}},
		{'C', []float64{x1 + r, y0 + r + k, x1 + k, y1, x1, y1}},
		{'L', []float64{x0, y1}},
		{'C', []float64{x0 - k, y1, x0 - r, y0 + r + k, x0 - r, y0 + r}},
		{'C', []float64{x0 - r, y0 + r - k, x0 - k, y0, x0, y0}},
		{'Z', nil},
	}
}

// operands is the number of coordinates each path command takes.
var operands = map[byte]int{'M': 2, 'L': 2, 'C': 6, 'Z': 0}

// parsePath reads the SVG path syntax an icon's outline is written in: absolute commands M, L,
// C and Z, numbers separated by spaces or commas; a command's letter may be left out when it
// repeats (after M, further pairs are lines, as in SVG).
func parsePath(s string) ([]Seg, error) {
	toks := tokens(s)
	var segs []Seg
	var op byte
	for i := 0; i < len(toks); {
		if t := toks[i]; len(t) == 1 && unicode.IsLetter(rune(t[0])) {
			op = t[0]
			if _, ok := operands[op]; !ok {
				return nil, fmt.Errorf("path command %q: use the absolute commands M, L, C and Z", t)
			}
			i++
			if op == 'Z' {
				segs = append(segs, Seg{Op: 'Z'})
				continue
			}
		} else if op == 0 {
			return nil, fmt.Errorf("a path starts with M, not %q", t)
		} else if op == 'Z' {
			return nil, fmt.Errorf("numbers after Z: start a new outline with M")
		}
		n := operands[op]
		if i+n > len(toks) {
			return nil, fmt.Errorf("%c needs %d numbers", op, n)
		}
		pts := make([]float64, n)
		for k := range n {
			f, err := strconv.ParseFloat(toks[i+k], 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", toks[i+k])
			}
			pts[k] = f
		}
		i += n
		if len(segs) == 0 && op != 'M' {
			return nil, fmt.Errorf("a path starts with M")
		}
		segs = append(segs, Seg{Op: op, Pts: pts})
		if op == 'M' {
			op = 'L'
		}
	}
	if len(segs) == 0 {
		return nil, fmt.Errorf("an empty path")
	}
	return segs, nil
}

// tokens splits a path into command letters and numbers.
func tokens(s string) []string {
	var out []string
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	for _, w := range f {
		for w != "" {
			if unicode.IsLetter(rune(w[0])) && w[0] != 'e' && w[0] != 'E' {
				out = append(out, w[:1])
				w = w[1:]
				continue
			}
			end := strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) && r != 'e' && r != 'E' })
			if end < 0 {
				end = len(w)
			}
			out = append(out, w[:end])
			w = w[end:]
		}
	}
	return out
}
