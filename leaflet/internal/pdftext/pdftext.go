// Package pdftext reads text back from PDFs as the viewers parents use do, for tests: poppler
// (pdftotext: Evince, Okular), PDFium (Chrome, Edge) and pdf.js (Firefox). PDFium and pdf.js
// run in node from the npm packages in node/ (`npm ci --prefix leaflet/internal/pdftext/node`, which
// .ci/run does); node/structtree.mjs reads structure trees with pdf.js.
package pdftext

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Rect is a rectangle of a page, in PDF user space (points from the media box's bottom-left
// corner); pages count from 1.
type Rect struct {
	Page           int
	X0, Y0, X1, Y1 float64
}

// Readers returns the readers this machine has, and for each one it lacks a sentence saying how
// to get it.
func Readers() (have []string, missing []string) {
	if _, err := exec.LookPath("pdftotext"); err == nil {
		have = append(have, "poppler")
	} else {
		missing = append(missing, "poppler: pdftotext not found (Debian poppler-utils)")
	}
	if _, err := exec.LookPath("node"); err != nil {
		return have, append(missing, "pdfium, pdfjs: node not found")
	}
	for _, r := range []struct{ name, pkg string }{{"pdfium", "@hyzyla/pdfium"}, {"pdfjs", "pdfjs-dist"}} {
		if _, err := os.Stat(filepath.Join(NodeDir(), "node_modules", r.pkg)); err == nil {
			have = append(have, r.name)
		} else {
			missing = append(missing, fmt.Sprintf("%s: run `npm ci --prefix leaflet/internal/pdftext/node`", r.name))
		}
	}
	return have, missing
}

// NodeDir is the folder of the node readers and their npm packages, next to this file.
func NodeDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "node")
}

// Text returns the text reader gives back from the whole PDF file.
func Text(reader, pdf string) (string, error) {
	if reader == "poppler" {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		return string(out), err
	}
	texts, err := node(reader, pdf, "")
	if err != nil || len(texts) != 1 {
		return "", errors.Join(err, fmt.Errorf("pdftext: %s: no text", reader))
	}
	return texts[0], nil
}

// InRects returns the text reader gives back from inside each rectangle.
func InRects(reader, pdf string, rects []Rect, mediaHeight float64) ([]string, error) {
	if reader == "poppler" {
		var out []string
		for _, r := range rects {
			// pdftotext measures in pixels at 72 dpi from the top-left corner.
			args := []string{"-enc", "UTF-8", "-f", fmt.Sprint(r.Page), "-l", fmt.Sprint(r.Page),
				"-x", fmt.Sprint(int(r.X0)), "-y", fmt.Sprint(int(mediaHeight - r.Y1)),
				"-W", fmt.Sprint(int(r.X1-r.X0) + 1), "-H", fmt.Sprint(int(r.Y1-r.Y0) + 1), pdf, "-"}
			b, err := exec.Command("pdftotext", args...).Output()
			if err != nil {
				return nil, fmt.Errorf("pdftotext: %w", err)
			}
			out = append(out, string(b))
		}
		return out, nil
	}
	js := make([]map[string]float64, len(rects))
	for i, r := range rects {
		js[i] = map[string]float64{"page": float64(r.Page), "x0": r.X0, "y0": r.Y0, "x1": r.X1, "y1": r.Y1}
	}
	data, _ := json.Marshal(js)
	f, err := os.CreateTemp("", "rects-*.json")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		return nil, err
	}
	f.Close()
	texts, err := node(reader, pdf, f.Name())
	if err == nil && len(texts) != len(rects) {
		err = fmt.Errorf("pdftext: %s: %d texts for %d rectangles", reader, len(texts), len(rects))
	}
	return texts, err
}

// node runs read.mjs and decodes the texts it writes. node 20 now and then hangs on exit after
// many calls into PDFium's wasm, its texts all written (one run in four on two busy cores):
// dynamic tiering of WebAssembly, which makes that rarer, is off, and a process that has not
// ended a few seconds after its texts came is ended.
func node(reader, pdf, rects string) ([]string, error) {
	args := []string{"--no-wasm-dynamic-tiering", filepath.Join(NodeDir(), "read.mjs"), reader, pdf}
	if rects != "" {
		args = append(args, rects)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("pdftext: %s: %v", reader, err)
	}
	var texts []string
	decodeErr := json.NewDecoder(out).Decode(&texts)
	done := make(chan error, 1)
	go func() {
		io.Copy(io.Discard, out)
		done <- cmd.Wait()
	}()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		if decodeErr == nil {
			err = nil // hung on exit, its texts all written
		} else {
			err = errors.New("hung")
		}
	}
	if err != nil || decodeErr != nil {
		return nil, fmt.Errorf("pdftext: %s: %v %v: %s", reader, err, decodeErr, stderr.String())
	}
	return texts, nil
}

// invisible are characters a reader gives back that are not text: marks of direction, soft
// hyphens, embedding controls.
var invisible = regexp.MustCompile("[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

// brokenCompound is a compound or range broken at its own hyphen or dash at a line end.
var brokenCompound = regexp.MustCompile(`([-–])\s*\n\s*`)

// Normalise makes texts comparable: NFC, invisible characters dropped, a compound broken at its
// own hyphen at a line end joined again, white space collapsed to single spaces.
func Normalise(s string) string {
	s = norm.NFC.String(invisible.ReplaceAllString(s, ""))
	s = brokenCompound.ReplaceAllString(s, "$1")
	return strings.Join(strings.Fields(s), " ")
}
