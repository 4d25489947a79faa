package preflight_test

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/tiff"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/preflight"
)

// need skips the test when a Debian tool is missing.
func need(t *testing.T, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("no %s (Debian's %s): skipped", tool, pkg)
	}
}

// TestQpdf: qpdf --check finds nothing wrong with any printed file.
func TestQpdf(t *testing.T) {
	need(t, "qpdf", "qpdf")
	dir := t.TempDir()
	for _, f := range files(t) {
		path := filepath.Join(dir, "f.pdf")
		if err := os.WriteFile(path, f.pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) || bytes.Contains(bytes.ToLower(out), []byte("warning")) {
			t.Errorf("%s: qpdf --check: %v\n%s", f, err, out)
		}
	}
}

// TestGhostscriptInk renders every page of every printed file without marks with
// Ghostscript's tiffsep at 150 dpi, into its four process separations, and checks that
// Ghostscript says nothing (no warning, no error), that no pixel carries more than 300% ink, and
// that the highest ink of a pixel is the one the preflight reads from the content streams. (A
// file with marks is the same piece on a larger sheet: cut to its bleed box with -dUseBleedBox
// it gives the same figures; outside it the marks are 400%, all four inks.) Run with -v for the
// figures.
func TestGhostscriptInk(t *testing.T) {
	need(t, "gs", "ghostscript")
	if testing.Short() {
		t.Skip("-short: skipped")
	}
	dir := t.TempDir()
	for _, f := range files(t) {
		if f.marks || f.screen { // the screen variant is sRGB: no inks
			continue
		}
		pdf := filepath.Join(dir, "f.pdf")
		if err := os.WriteFile(pdf, f.pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		ink, pages, err := tiffsepInk(pdf, filepath.Join(dir, "sep"), f.marks)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		r, err := preflight.Check(f.pdf)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-22s highest ink %5.1f%% (tiffsep, 150 dpi, %d pages); preflight %5.1f%%", f, 100*ink, pages, 100*r.MaxInk.Value)
		if ink > design.InkLimit+0.5/255 {
			t.Errorf("%s: a pixel of %.1f%% ink, over %.0f%%", f, 100*ink, 100*design.InkLimit)
		}
		if math.Abs(ink-r.MaxInk.Value) > 4.0/255 {
			t.Errorf("%s: tiffsep's highest ink %.1f%%, the preflight's %.1f%%", f, 100*ink, 100*r.MaxInk.Value)
		}
	}
}

// tiffsepInk renders a PDF with tiffsep into dir and returns the highest total ink of a pixel
// over its pages, from 0 to 4, and how many pages there were. Ghostscript's output on stdout or
// stderr (a warning, an error) is an error.
func tiffsepInk(pdf, dir string, bleedBox bool) (float64, int, error) {
	if err := os.RemoveAll(dir); err != nil {
		return 0, 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	args := []string{"-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r150", "-o", filepath.Join(dir, "p%d.tif")}
	if bleedBox {
		args = append(args, "-dUseBleedBox")
	}
	cmd := exec.Command("gs", append(args, pdf)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || out.Len() > 0 {
		return 0, 0, fmt.Errorf("gs: %v\n%s", err, out.String())
	}
	highest := 0.0
	pages := 0
	for ; ; pages++ {
		var seps []*image.Gray
		for _, c := range []string{"Cyan", "Magenta", "Yellow", "Black"} {
			g, err := readGray(filepath.Join(dir, fmt.Sprintf("p%d(%s).tif", pages+1, c)))
			if os.IsNotExist(err) && c == "Cyan" && pages > 0 {
				return highest, pages, nil
			}
			if err != nil {
				return 0, 0, err
			}
			seps = append(seps, g)
		}
		highest = max(highest, maxInk(seps))
	}
}

func readGray(path string) (*image.Gray, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := tiff.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	g, ok := img.(*image.Gray)
	if !ok {
		return nil, fmt.Errorf("%s: a %T, want 8-bit gray", path, img)
	}
	return g, nil
}

// maxInk is the highest sum of the separations' inks at a pixel. tiffsep writes each
// separation as gray, white where there is no ink: ink = 255 − value.
func maxInk(seps []*image.Gray) float64 {
	b := seps[0].Bounds()
	highest := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			sum := 0
			for _, s := range seps {
				sum += 255 - int(s.Pix[s.PixOffset(x, y)])
			}
			highest = max(highest, sum)
		}
	}
	return float64(highest) / 255
}

// TestGhostscriptMarks: Ghostscript renders every file with marks without a word, taking its
// output intent as the output profile (-dUsePDFX3Profile).
func TestGhostscriptMarks(t *testing.T) {
	need(t, "gs", "ghostscript")
	path := filepath.Join(t.TempDir(), "f.pdf")
	for _, f := range files(t) {
		if !f.marks {
			continue
		}
		if err := os.WriteFile(path, f.pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUsePDFX3Profile", "-sDEVICE=nullpage", path).CombinedOutput()
		if err != nil || len(strings.TrimSpace(string(out))) > 0 {
			t.Errorf("%s: gs -dUsePDFX3Profile: %v\n%s", f, err, out)
		}
	}
}
