package pdf

import (
	"math"
	"testing"
)

func lum(c rgb) float64 {
	f := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*f(c.R) + 0.7152*f(c.G) + 0.0722*f(c.B)
}

func TestZZContrast(t *testing.T) {
	l, _ := deviceToLab()
	cols := map[string]Color{"ink": {0, 0, 0, 0.9}, "grey": {0, 0, 0, 0.55}, "teal": {0.9, 0.35, 0.35, 0.2}, "orange": {0, 0.55, 0.95, 0}, "tint": {0.1, 0.02, 0.05, 0}, "white": {}}
	ratio := func(a, b Color) float64 {
		x, y := lum(l.screenColour(a)), lum(l.screenColour(b))
		return (math.Max(x, y) + 0.05) / (math.Min(x, y) + 0.05)
	}
	for _, p := range [][2]string{{"ink", "white"}, {"ink", "tint"}, {"grey", "white"}, {"teal", "white"}, {"white", "teal"}, {"white", "orange"}, {"teal", "tint"}} {
		t.Logf("%s on %s: %.2f (%v on %v)", p[0], p[1], ratio(cols[p[0]], cols[p[1]]), l.screenColour(cols[p[0]]), l.screenColour(cols[p[1]]))
	}
}
