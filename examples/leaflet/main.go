// Command leaflet prints the Make-IT-Safe parent leaflet for every locale (or those given with
// -lang) into DIR/<tag>.pdf, one line per file, in parallel. Files are written atomically: a
// failed run never leaves a half-written PDF. It exits non-zero on any error.
//
//	go run ./examples/leaflet [-out DIR] [-lang fr,ar] [-strict] [-catalogues DIR]
//	go run ./examples/leaflet -check [-lang fr] [-catalogues DIR]
//
// With -check it prints nothing but every problem of the catalogues: messages missing, unknown
// or with other placeholders than English, plural forms missing, text that does not fit its
// frame even at the smallest size, characters no font has.
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
	check := flag.Bool("check", false, "report every problem of the catalogues instead of printing")
	flag.Parse()
	var err error
	if *check {
		err = runCheck(*langs, *cats)
	} else {
		err = run(*out, *langs, *cats, *strict)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "leaflet:", err)
		os.Exit(1)
	}
}

// printer loads the catalogues from dir, or the embedded ones, and lists the locales to handle.
func printer(langs, dir string) (*leaflet.Printer, []string, error) {
	var cfg leaflet.Config
	if dir != "" {
		cfg.Catalogues = os.DirFS(dir)
	}
	p, err := leaflet.New(cfg)
	if err != nil {
		return nil, nil, err
	}
	if langs != "" {
		return p, strings.Split(langs, ","), nil
	}
	var tags []string
	for _, t := range p.Locales() {
		tags = append(tags, t.String())
	}
	return p, tags, nil
}

func runCheck(langs, dir string) error {
	p, tags, err := printer(langs, dir)
	if err != nil {
		return err
	}
	problems := 0
	for _, tag := range tags {
		found, err := p.Check(strings.TrimSpace(tag))
		if err != nil {
			return err
		}
		for _, f := range found {
			fmt.Println(f)
		}
		problems += len(found)
	}
	if problems > 0 {
		return fmt.Errorf("%d problems", problems)
	}
	fmt.Printf("%d catalogues: no problems\n", len(tags))
	return nil
}

func run(out, langs, cats string, strict bool) error {
	p, tags, err := printer(langs, cats)
	if err != nil {
		return err
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
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes it private
		return "", err
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return "", err
	}
	fit := "fits as designed"
	if s, ok := rep.MostShrunk(); ok {
		fit = fmt.Sprintf("%d frames shrunk, most %s %g→%gpt (−%.0f%%)", len(rep.Shrunk), s.Frame, s.From, s.To, 100*(1-s.To/s.From))
	}
	line := fmt.Sprintf("%-8s %d pages %8d bytes  %s", rep.Locale, rep.Pages, rep.Bytes, fit)
	for _, w := range rep.Warnings {
		line += "\n         warning: " + w
	}
	return line, nil
}
