// Package batch is the command line shared by the project's printers (examples/leaflet,
// examples/poster): it prints one design for every locale of a partner's edition into
// DIR/<tag>.pdf, in parallel, one line per file, or checks the catalogues with -check.
//
// Files are written atomically: a failed run never leaves a half-written PDF. A run exits
// non-zero on any error.
package batch

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/ecpat/makeitsafe/leaflet"
	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/preflight"
)

// Main runs the command with the program's arguments and exits. design is the program's own
// design (nil: the leaflet), which -design replaces. An interrupt (SIGINT, SIGTERM) stops the
// run, and the files being written are removed.
func Main(name string, d *design.Design) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Run(ctx, name, d, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, err)
		}
		os.Exit(1)
	}
}

// flags are the command's options.
type flags struct {
	out, langs, edition, catalogues, design, text, variant string
	strict, check, marks                                   bool
	cpuprofile, memprofile                                 string // see startProfiles
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
	fs.BoolVar(&f.marks, "marks", false, "print crop marks and a slug line in a slug beyond the bleed")
	fs.StringVar(&f.text, "text", "", "also write the text printed, one paragraph a line, into `DIR`/<tag>.txt (a reference for checking what PDF readers get back)")
	fs.StringVar(&f.variant, "variant", "print", "print: PDF/X-4 and PDF/UA-1 for the press; screen: PDF/UA-1 for e-mail and the web (sRGB, no bleed, live links)")
	fs.StringVar(&f.cpuprofile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)")
	fs.StringVar(&f.memprofile, "memprofile", "", "write a heap profile to `FILE` at the end of the run")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if f.variant != "print" && f.variant != "screen" {
		return f, fmt.Errorf("%s: -variant %q: want print or screen", name, f.variant)
	}
	if f.marks && f.variant == "screen" {
		return f, fmt.Errorf("%s: -marks is for print: the screen variant has no bleed and no marks", name)
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("%s: unexpected argument %q: give locales with -lang", name, fs.Arg(0))
	}
	return f, nil
}

// Run runs the command until it is done or ctx is cancelled.
func Run(ctx context.Context, name string, d *design.Design, args []string, stdout, stderr io.Writer) (err error) {
	f, err := parse(name, args, stderr)
	if err != nil {
		return err
	}
	stop, err := startProfiles(f)
	if err != nil {
		return err
	}
	defer func() {
		if perr := stop(); err == nil {
			err = perr
		}
	}()
	job, err := setup(f, d)
	if err != nil {
		return err
	}
	for _, p := range job.p.Problems() {
		fmt.Fprintln(stderr, p)
	}
	if f.check {
		return job.check(ctx, stdout)
	}
	return job.print(ctx, f.out, f.text, stdout, stderr)
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
	j := &job{p: p, opts: leaflet.Options{Strict: f.strict, Marks: f.marks, Screen: f.variant == "screen"}}
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

// check prints every problem of every locale, the locales checked in parallel and reported in
// order; only errors make it fail.
func (j *job) check(ctx context.Context, stdout io.Writer) error {
	reports := make([]bytes.Buffer, len(j.tags))
	errs, warnings := make([]int, len(j.tags)), make([]int, len(j.tags))
	j.parallel(func(i int, tag string) {
		errs[i], warnings[i] = j.checkOne(ctx, tag, &reports[i])
	})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	nerr, nwarn := 0, 0
	for i := range reports {
		stdout.Write(reports[i].Bytes())
		nerr, nwarn = nerr+errs[i], nwarn+warnings[i]
	}
	fmt.Fprintf(stdout, "%d locales: %d errors, %d warnings\n", len(j.tags), nerr, nwarn)
	if nerr > 0 {
		return fmt.Errorf("%d errors", nerr)
	}
	return nil
}

// checkOne writes the problems of one locale to w, then, when there is no error, its PDF's
// preflight; it returns the numbers of errors and warnings.
func (j *job) checkOne(ctx context.Context, tag string, w io.Writer) (errs, warnings int) {
	found, err := j.p.Check(ctx, tag, j.opts)
	if err != nil {
		fmt.Fprintln(w, err)
		return 1, 0
	}
	failed := false
	for _, pr := range found {
		fmt.Fprintln(w, pr)
		if pr.Warning && !j.opts.Strict {
			warnings++
		} else {
			errs++
			failed = true
		}
	}
	if !failed {
		n, _ := j.preflight(ctx, tag, w)
		errs += n
	}
	return errs, warnings
}

// parallel calls do for each locale, as many at once as GOMAXPROCS, and returns when all have
// returned.
func (j *job) parallel(do func(i int, tag string)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, tag := range j.tags {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			do(i, tag)
		})
	}
	wg.Wait()
}

// preflight prints a print shop's preflight of a locale's PDF (package preflight): PDF/X-4,
// fonts, the highest ink, the smallest text, hairlines; then each thing that fails, as an error.
// It returns the number of errors.
func (j *job) preflight(ctx context.Context, tag string, stdout io.Writer) (int, error) {
	var buf bytes.Buffer
	rep, err := j.p.Render(ctx, &buf, tag, j.opts)
	if err != nil {
		fmt.Fprintln(stdout, err)
		return 1, err
	}
	r, err := preflight.Check(buf.Bytes())
	if err != nil {
		fmt.Fprintf(stdout, "%s: %v\n", rep.Locale, err)
		return 1, nil
	}
	for _, l := range r.Lines() {
		fmt.Fprintf(stdout, "%s: preflight: %s\n", rep.Locale, l)
	}
	for _, e := range r.Errors() {
		fmt.Fprintf(stdout, "%s: preflight error: %s\n", rep.Locale, e)
	}
	return len(r.Errors()), nil
}

// print renders every locale in parallel and prints one report per file, in order.
func (j *job) print(ctx context.Context, out, text string, stdout, stderr io.Writer) error {
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
	j.parallel(func(i int, tag string) {
		lines[i], errs[i] = j.one(ctx, out, tag, text)
	})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: nothing more printed: %w", err)
	}
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

// one renders one locale, then writes it atomically (see writeFile).
func (j *job) one(ctx context.Context, dir, tag, text string) (string, error) {
	var buf bytes.Buffer
	rep, err := j.p.Render(ctx, &buf, tag, j.opts)
	if err != nil {
		return "", err
	}
	if err := writeFile(ctx, filepath.Join(dir, rep.Locale.String()+".pdf"), buf.Bytes()); err != nil {
		return "", err
	}
	if text != "" {
		if err := j.writeText(text, tag, rep); err != nil {
			return "", err
		}
	}
	return describe(rep), nil
}

// writeFile writes data to a temporary file beside name, flushes it to the disk (fsync) and
// renames it to name, so that name is either its old self or data, whatever happens. The
// temporary file exists only while it is written, after the rendering: a run that is killed
// leaves at most the file being written, and a run that is interrupted (ctx cancelled) none.
func writeFile(ctx context.Context, name string, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing left to remove
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644) // CreateTemp makes it private
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
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

// describe is a rendering's report line: pages, size, every frame set smaller, the smallest
// reading text (all but small print), warnings.
func describe(rep *leaflet.Report) string {
	fit := "fits as designed"
	if n := len(rep.Shrunk); n > 0 {
		fit = fmt.Sprintf("%d frames set smaller to fit", n)
	}
	line := fmt.Sprintf("%-8s %d pages %8d bytes  %s, reading text %gpt or more", rep.Locale, rep.Pages, rep.Bytes, fit, rep.ReadingSize)
	for _, s := range rep.Shrunk {
		line += fmt.Sprintf("\n         %s %g→%gpt (−%.0f%%)", s.Frame, s.From, s.To, 100*(1-s.To/s.From))
	}
	for _, w := range rep.Warnings {
		line += "\n         " + w.String()
	}
	return line
}
