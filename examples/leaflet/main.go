// Command leaflet prints the Make-IT-Safe parent leaflet for every locale (or those given with
// -lang) into DIR/<tag>.pdf, one line per file, in parallel. Files are written atomically: a
// failed run never leaves a half-written PDF. It exits non-zero on any error.
//
//	go run ./examples/leaflet [-out DIR] [-lang fr,ar] [-strict] [-catalogues DIR]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/ecpat/makeitsafe/leaflet"
)

func main() {
	out := flag.String("out", "out", "folder for the PDFs")
	langs := flag.String("lang", "", "comma-separated locales to print (default: all)")
	strict := flag.Bool("strict", false, "a message missing from a catalogue is an error, not English")
	cats := flag.String("catalogues", "", "folder of <tag>.toml catalogues (default: the embedded ones)")
	flag.Parse()
	if err := run(*out, *langs, *cats, *strict); err != nil {
		fmt.Fprintln(os.Stderr, "leaflet:", err)
		os.Exit(1)
	}
}

func run(out, langs, cats string, strict bool) error {
	var cfg leaflet.Config
	if cats != "" {
		cfg.Catalogues = os.DirFS(cats)
	}
	p, err := leaflet.New(cfg)
	if err != nil {
		return err
	}
	var tags []string
	if langs == "" {
		for _, t := range p.Locales() {
			tags = append(tags, t.String())
		}
	} else {
		tags = strings.Split(langs, ",")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	lines := make([]string, len(tags))
	errs := make([]error, len(tags))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, tag := range tags {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			lines[i], errs[i] = print(p, out, strings.TrimSpace(tag), strict)
		}()
	}
	wg.Wait()
	failed := 0
	for i := range tags {
		if errs[i] != nil {
			fmt.Fprintln(os.Stderr, errs[i])
			failed++
			continue
		}
		fmt.Println(lines[i])
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d locales failed", failed, len(tags))
	}
	return nil
}

// print renders one locale into a temporary file beside its destination, then renames it.
func print(p *leaflet.Printer, dir, tag string, strict bool) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+tag+"-*.pdf")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing left to remove
	rep, err := p.Render(tmp, tag, leaflet.Options{Strict: strict})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	dest := filepath.Join(dir, rep.Locale.String()+".pdf")
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return "", err
	}
	fit := "fits as designed"
	if s, ok := rep.MostShrunk(); ok {
		fit = fmt.Sprintf("%d frames shrunk, most %s %.2g→%.4gpt (−%.0f%%)", len(rep.Shrunk), s.Frame, s.From, s.To, 100*(1-s.To/s.From))
	}
	line := fmt.Sprintf("%-8s %d pages %8d bytes  %s", rep.Locale, rep.Pages, rep.Bytes, fit)
	for _, w := range rep.Warnings {
		line += "\n         warning: " + w
	}
	return line, nil
}
