package pdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"sync"
)

// The screen variant's colours are the print's CMYK as the press prints them, shown on a
// screen: each is converted through the output intent's profile (FOGRA39, profile/) to CIE Lab,
// media-relative (A2B1: the paper's white is the screen's white), then with black point
// compensation (the press's deepest black is the screen's black, as Acrobat and Photoshop
// convert by default) to sRGB. The profile's table is a lut16 (ICC.1:2001-04, 6.5.7), read
// here; the conversion is checked against ArgyllCMS's xicclu in the tests.

// rgb is an sRGB colour, each component from 0 to 1.
type rgb struct{ R, G, B float64 }

func (c rgb) String() string { return round3(c.R) + " " + round3(c.G) + " " + round3(c.B) }

// lut16 is an ICC lut16Type table (mft2) from device values to PCS Lab.
type lut16 struct {
	in, out, grid int
	inCurves      [][]uint16 // per input channel
	clut          []uint16   // grid^in points, out values each; the first channel varies slowest
	outCurves     [][]uint16 // per output channel
}

// deviceToLab is the output intent's profile's A2B1 table, read once.
var deviceToLab = sync.OnceValues(func() (*lut16, error) { return readA2B(profile, "A2B1") })

// readA2B reads a profile's device-to-PCS table tag (A2B0, A2B1…), which must be a lut16 from
// CMYK to Lab.
func readA2B(icc []byte, tag string) (*lut16, error) {
	if len(icc) < 132 || string(icc[16:20]) != "CMYK" || string(icc[20:24]) != "Lab " {
		return nil, fmt.Errorf("icc: not a CMYK profile with a Lab PCS")
	}
	n := int(binary.BigEndian.Uint32(icc[128:]))
	for i := range n {
		rec := 132 + 12*i
		if rec+12 > len(icc) {
			break
		}
		if string(icc[rec:rec+4]) != tag {
			continue
		}
		off, size := int(binary.BigEndian.Uint32(icc[rec+4:])), int(binary.BigEndian.Uint32(icc[rec+8:]))
		if off < 0 || size < 52 || off+size > len(icc) {
			return nil, fmt.Errorf("icc: tag %s out of bounds", tag)
		}
		return parseLut16(icc[off : off+size])
	}
	return nil, fmt.Errorf("icc: no %s tag", tag)
}

func parseLut16(b []byte) (*lut16, error) {
	if string(b[:4]) != "mft2" {
		return nil, fmt.Errorf("icc: table of type %q, want mft2 (lut16)", b[:4])
	}
	l := &lut16{in: int(b[8]), out: int(b[9]), grid: int(b[10])}
	nIn, nOut := int(binary.BigEndian.Uint16(b[48:])), int(binary.BigEndian.Uint16(b[50:]))
	if l.in != 4 || l.out != 3 || l.grid < 2 || nIn < 2 || nOut < 2 {
		return nil, fmt.Errorf("icc: lut16 %d→%d channels, %d grid points: want CMYK to Lab", l.in, l.out, l.grid)
	}
	points := int(math.Pow(float64(l.grid), float64(l.in)))
	need := 52 + 2*(l.in*nIn+points*l.out+l.out*nOut)
	if len(b) < need {
		return nil, fmt.Errorf("icc: lut16 of %d bytes, want %d", len(b), need)
	}
	pos := 52
	read := func(n int) []uint16 {
		v := make([]uint16, n)
		for i := range v {
			v[i] = binary.BigEndian.Uint16(b[pos:])
			pos += 2
		}
		return v
	}
	for range l.in {
		l.inCurves = append(l.inCurves, read(nIn))
	}
	l.clut = read(points * l.out)
	for range l.out {
		l.outCurves = append(l.outCurves, read(nOut))
	}
	return l, nil
}

// curve looks up x (0…1) in a table of equally spaced samples, by linear interpolation.
func curve(t []uint16, x float64) float64 {
	x = min(max(x, 0), 1) * float64(len(t)-1)
	i := min(int(x), len(t)-2)
	f := x - float64(i)
	return (float64(t[i])*(1-f) + float64(t[i+1])*f) / 65535
}

// lab converts CMYK (0…1 each) to CIE Lab (D50) through the table: input curves, the grid by
// multilinear interpolation between the 16 points around the colour, output curves.
func (l *lut16) lab(c Color) [3]float64 {
	var idx [4]int
	var frac [4]float64
	for k, v := range []float64{c.C, c.M, c.Y, c.K} {
		x := curve(l.inCurves[k], v) * float64(l.grid-1)
		idx[k] = min(int(x), l.grid-2)
		frac[k] = x - float64(idx[k])
	}
	var out [3]float64
	for corner := range 16 {
		w, pt := 1.0, 0
		for k := range 4 {
			bit := corner >> (3 - k) & 1
			if bit == 1 {
				w *= frac[k]
			} else {
				w *= 1 - frac[k]
			}
			pt = pt*l.grid + idx[k] + bit
		}
		if w == 0 {
			continue
		}
		for j := range 3 {
			out[j] += w * float64(l.clut[pt*3+j]) / 65535
		}
	}
	for j := range 3 {
		out[j] = curve(l.outCurves[j], out[j])
	}
	// Lab in lut16's legacy encoding: L 0…100 and a, b −128…127.996 over 0…0xFF00.
	return [3]float64{out[0] * 65535 / 65280 * 100, out[1]*65535/65280*255 - 128, out[2]*65535/65280*255 - 128}
}

// d50 is the PCS's white, CIE XYZ.
var d50 = [3]float64{0.9642, 1, 0.8249}

// labToXYZ converts CIE Lab to XYZ, relative to D50.
func labToXYZ(lab [3]float64) [3]float64 {
	fy := (lab[0] + 16) / 116
	fx, fz := fy+lab[1]/500, fy-lab[2]/200
	inv := func(t float64) float64 {
		if t > 6.0/29 {
			return t * t * t
		}
		return 3 * (6.0 / 29) * (6.0 / 29) * (t - 4.0/29)
	}
	return [3]float64{d50[0] * inv(fx), d50[1] * inv(fy), d50[2] * inv(fz)}
}

// xyzToSRGB converts XYZ (D50) to sRGB: through sRGB's D50 (Bradford-adapted) primaries, as
// the sRGB ICC profile holds them, then sRGB's transfer curve.
func xyzToSRGB(v [3]float64) rgb {
	m := [3][3]float64{
		{3.1338561, -1.6168667, -0.4906146},
		{-0.9787684, 1.9161415, 0.0334540},
		{0.0719453, -0.2289914, 1.4052427},
	}
	var c [3]float64
	for i := range 3 {
		lin := m[i][0]*v[0] + m[i][1]*v[1] + m[i][2]*v[2]
		lin = min(max(lin, 0), 1)
		if lin <= 0.0031308 {
			c[i] = 12.92 * lin
		} else {
			c[i] = 1.055*math.Pow(lin, 1/2.4) - 0.055
		}
	}
	return rgb{c[0], c[1], c[2]}
}

// screenColour converts a CMYK colour to the sRGB the screen variant shows it in: through the
// table to Lab, to XYZ, black point compensated (the table's black, all four inks at 100%, to
// the screen's black, in XYZ), to sRGB.
func (l *lut16) screenColour(c Color) rgb {
	v := labToXYZ(l.lab(c))
	bk := labToXYZ(l.lab(Color{1, 1, 1, 1}))
	for i := range 3 {
		v[i] = d50[i] * (v[i] - bk[i]) / (d50[i] - bk[i])
	}
	return xyzToSRGB(v)
}

// toRGB returns the screen variant's colour for c (see screenColour), converting each colour
// once. Should the profile not read (it is embedded: a broken build), the colour is converted
// naively, and the tests fail.
func (d *Document) toRGB(c Color) rgb {
	if v, ok := d.rgb[c]; ok {
		return v
	}
	var v rgb
	if l, err := deviceToLab(); err == nil {
		v = l.screenColour(c)
	} else {
		v = rgb{(1 - c.C) * (1 - c.K), (1 - c.M) * (1 - c.K), (1 - c.Y) * (1 - c.K)}
	}
	if d.rgb == nil {
		d.rgb = map[Color]rgb{}
	}
	d.rgb[c] = v
	return v
}
