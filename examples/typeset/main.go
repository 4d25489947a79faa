// Command typeset shows the typesetting core on its own: for every locale it sets the whole
// leaflet text as running text (more than 300 words, with a web address, an e-mail address and
// phone numbers in it) four times — in a narrow and a wide frame, start-aligned and justified —
// and writes DIR/<tag>.pdf. These are the demo pages that shapecheck and extractcheck measure.
//
//	go run ./examples/typeset [-out DIR] [-lang ar,ur]
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/pdf"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

func main() {
	out := flag.String("out", "out/typeset", "folder for the PDFs")
	langs := flag.String("lang", "", "comma-separated locales (default: all)")
	flag.Parse()
	if err := run(*out, *langs); err != nil {
		fmt.Fprintln(os.Stderr, "typeset:", err)
		os.Exit(1)
	}
}

func run(out, langs string) error {
	d, err := newDemo()
	if err != nil {
		return err
	}
	tags := d.leaflet.Locales()
	if langs != "" {
		tags = nil
		for _, l := range strings.Split(langs, ",") {
			t, err := language.Parse(l)
			if err != nil {
				return err
			}
			tags = append(tags, t)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, t := range tags {
		path := filepath.Join(out, t.String()+".pdf")
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		words, err := d.write(f, t)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return err
		}
		fmt.Printf("%-8s %d words, set 4 times: %s\n", t, words, path)
	}
	return nil
}

// demo holds what every page shares.
type demo struct {
	leaflet *leaflet.Printer
	fonts   *fontset.Set
}

func newDemo() (*demo, error) {
	p, err := leaflet.New(leaflet.Config{})
	if err != nil {
		return nil, err
	}
	set, err := fontset.Load(fonts.FS())
	if err != nil {
		return nil, err
	}
	return &demo{leaflet: p, fonts: set}, nil
}

// text returns the locale's running text, one paragraph per message, as the leaflet prints it
// (in the design's order, with ECPAT Belgium's web address, e-mail address and phone numbers).
func (d *demo) text(t language.Tag) ([]string, error) {
	paras, err := d.leaflet.Text(t.String(), leaflet.Options{})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(paras))
	for i, p := range paras {
		out[i] = p.Text
	}
	return out, nil
}

// A4 pages, one column each: readers then agree on the reading order.
const (
	pageW, pageH = 595.276, 841.890
	top, colH    = 56.0, 730.0
	narrow, wide = 200.0, 480.0
)

var settings = []struct {
	width float64
	align typeset.Align
}{
	{narrow, typeset.Start}, {narrow, typeset.Justify}, {wide, typeset.Start}, {wide, typeset.Justify},
}

// write sets the locale's text in each of the four settings, each from a new page, and returns
// the number of words in the text.
func (d *demo) write(w io.Writer, t language.Tag) (int, error) {
	paras, err := d.text(t)
	if err != nil {
		return 0, err
	}
	words := 0
	for _, p := range paras {
		words += len(strings.Fields(p))
	}
	doc := pdf.New(pdf.Options{Page: pdf.Page{Width: pageW, Height: pageH}, Lang: t.String(),
		Title: "Make-IT-Safe: typesetting demo (" + t.String() + ")"})
	rtl, err := fontset.RightToLeft(t.String())
	if err != nil {
		return 0, err
	}
	ts := typeset.New(d.fonts.NewFaces(), t.String(), rtl)
	for _, s := range settings {
		var in []typeset.Paragraph
		for _, p := range paras {
			in = append(in, typeset.Paragraph{Text: p, Style: typeset.Style{Size: 10.5, Align: s.align, SpaceAfter: 6}})
		}
		b, err := ts.Set(in, s.width, math.Inf(1))
		if err != nil {
			return 0, fmt.Errorf("%s: %w", t, err)
		}
		for _, col := range paginate(b, colH) {
			doc.AddPage()
			doc.Text(col, (pageW-s.width)/2, top, pdf.Color{K: 1})
		}
	}
	return words, doc.Write(w)
}

// paginate cuts a block into columns of at most height points.
func paginate(b *typeset.Block, height float64) []*typeset.Block {
	var out []*typeset.Block
	var cur *typeset.Block
	offset := 0.0
	for _, l := range b.Lines {
		if cur == nil || l.Baseline+l.Descent-offset > height {
			offset = l.Baseline - l.Ascent
			cur = &typeset.Block{}
			out = append(out, cur)
		}
		l.Baseline -= offset
		cur.Lines = append(cur.Lines, l)
	}
	return out
}
