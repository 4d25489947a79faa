// Package batch is the command line shared by the project's printers (examples/leaflet,
// examples/poster): it prints one design for every locale of a partner's edition into
// DIR/<tag>.pdf, in parallel, one line per file, or checks the catalogues with -check.
//
// Files are written atomically: a failed run never leaves a half-written PDF. A run exits
// non-zero on any error.
package batch

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/ecpat/makeitsafe/leaflet"
	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
)

// Main runs the command with the program's arguments and exits. design is the program's own
// design (nil: the leaflet), which -design replaces.
func Main(name string, d *design.Design) {
	if err := Run(name, d, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

// flags are the command's options.
type flags struct {
	out, langs, edition, catalogues, design, text string
	strict, check                                 bool
}

func parse(name string, args []string, stderr io.Writer) (flags, error) {
	var f flags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.out, "out", "out", "folder for the PDFs")
	fs.StringVar(&f.langs, "lang", "", "comma-separated locales to print (default: the edition's, else all)")
	fs.StringVar(&f.edition, "edition", "", "a partner's edition file (default: ECPAT Belgium's)")
	fs.StringVar(&f.catalogues, "catalogues", "", "a folder of catalogues that adds to and overrides the embedded ones")
	fs.StringVar(&f.design, "design", "", "a design file instead of the program's own")
	fs.BoolVar(&f.strict, "strict", false, "a message or a help line's description missing in a language is an error, not English")
	fs.BoolVar(&f.check, "check", false, "report every problem of the catalogues, the edition and the layout instead of printing")
	fs.StringVar(&f.text, "text", "", "also write the text printed, one paragraph a line, into `DIR`/<tag>.txt (a reference for checking what PDF readers get back)")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("%s: unexpected argument %q: give locales with -lang", name, fs.Arg(0))
	}
	return f, nil
}

// Run runs the command.
func Run(name string, d *design.Design, args []string, stdout, stderr io.Writer) error {
	f, err := parse(name, args, stderr)
	if err != nil {
		return err
	}
	job, err := setup(f, d)
	if err != nil {
		return err
	}
	for _, p := range job.p.Problems() {
		fmt.Fprintln(stderr, p)
	}
	if f.check {
		return job.check(stdout)
	}
	return job.print(f.out, f.text, stdout, stderr)
}

// job is what a run prints.
type job struct {
	p    *leaflet.Printer
	tags []string
	opts leaflet.Options
}

func setup(f flags, d *design.Design) (*job, error) {
	cfg := leaflet.Config{Design: d}
	if f.catalogues != "" {
		if _, err := os.Stat(f.catalogues); err != nil {
			return nil, fmt.Errorf("-catalogues: %w", err)
		}
		cfg.Catalogues = os.DirFS(f.catalogues)
	}
	if f.design != "" {
		dd, err := design.Load(os.DirFS(filepath.Dir(f.design)), filepath.Base(f.design))
		if err != nil {
			return nil, fmt.Errorf("-design: %w", err)
		}
		cfg.Design = dd
	}
	p, err := leaflet.New(cfg)
	if err != nil {
		return nil, err
	}
	j := &job{p: p, opts: leaflet.Options{Strict: f.strict}}
	if f.edition != "" {
		if j.opts.Edition, err = editions.Load(os.DirFS(filepath.Dir(f.edition)), filepath.Base(f.edition)); err != nil {
			return nil, fmt.Errorf("-edition: %w", err)
		}
	}
	switch {
	case f.langs != "":
		j.tags = strings.Split(f.langs, ",")
	case j.opts.Edition != nil && len(j.opts.Edition.Locales) > 0:
		j.tags = j.opts.Edition.Locales
	default:
		for _, t := range p.Locales() {
			j.tags = append(j.tags, t.String())
		}
	}
	var tags []string
	for _, t := range j.tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t) // each once: -lang fr,fr prints fr once
		}
	}
	j.tags = tags
	return j, nil
}

// check prints every problem of every locale; only errors make it fail.
func (j *job) check(stdout io.Writer) error {
	errs, warnings := 0, 0
	for _, tag := range j.tags {
		found, err := j.p.Check(tag, j.opts)
		if err != nil {
			fmt.Fprintln(stdout, err)
			errs++
			continue
		}
		for _, pr := range found {
			fmt.Fprintln(stdout, pr)
			if pr.Warning && !j.opts.Strict {
				warnings++
			} else {
				errs++
			}
		}
	}
	fmt.Fprintf(stdout, "%d locales: %d errors, %d warnings\n", len(j.tags), errs, warnings)
	if errs > 0 {
		return fmt.Errorf("%d errors", errs)
	}
	return nil
}

// print renders every locale in parallel and prints one report per file, in order.
func (j *job) print(out, text string, stdout, stderr io.Writer) error {
	for _, dir := range []string{out, text} {
		if dir == "" {
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	lines := make([]string, len(j.tags))
	errs := make([]error, len(j.tags))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, tag := range j.tags {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			lines[i], errs[i] = j.one(out, tag, text)
		})
	}
	wg.Wait()
	failed := 0
	for i := range j.tags {
		if errs[i] != nil {
			fmt.Fprintln(stderr, errs[i])
			failed++
			continue
		}
		fmt.Fprintln(stdout, lines[i])
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d locales failed", failed, len(j.tags))
	}
	return nil
}

// one renders one locale into a temporary file beside its destination, then renames it.
func (j *job) one(dir, tag, text string) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+tag+"-*.pdf")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing left to remove
	rep, err := j.p.Render(tmp, tag, j.opts)
	if err == nil {
		err = tmp.Sync()
	}
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
	if text != "" {
		if err := j.writeText(text, tag, rep); err != nil {
			return "", err
		}
	}
	return describe(rep), nil
}

// writeText writes the text a locale prints, one paragraph a line, for checking what readers
// get back from the PDF.
func (j *job) writeText(dir, tag string, rep *leaflet.Report) error {
	paras, err := j.p.Text(tag, j.opts)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(p.Text + "\n")
	}
	return os.WriteFile(filepath.Join(dir, rep.Locale.String()+".txt"), []byte(b.String()), 0o644)
}

// describe is a rendering's report line: pages, size, every frame set smaller, warnings.
func describe(rep *leaflet.Report) string {
	fit := "fits as designed"
	if n := len(rep.Shrunk); n > 0 {
		fit = fmt.Sprintf("%d frames set smaller to fit", n)
	}
	line := fmt.Sprintf("%-8s %d pages %8d bytes  %s", rep.Locale, rep.Pages, rep.Bytes, fit)
	for _, s := range rep.Shrunk {
		line += fmt.Sprintf("\n         %s %g→%gpt (−%.0f%%)", s.Frame, s.From, s.To, 100*(1-s.To/s.From))
	}
	for _, w := range rep.Warnings {
		line += "\n         " + w.String()
	}
	return line
}
