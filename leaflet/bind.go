package leaflet

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/internal/typography"
)

// The fields an edition fills in the catalogue's messages; {{.Count}} is the count of a plural
// message. A message using a help line's fields is printed once for each help line.
const (
	countField       = "Count"
	helplineName     = "HelplineName"
	helplineNumber   = "HelplineNumber"
	helplineDescribe = "HelplineDescription"
)

var (
	fields         = []string{"Organisation", "Website", "Email", "Emergency", helplineName, helplineNumber, helplineDescribe}
	helplineFields = []string{helplineName, helplineNumber, helplineDescribe}
)

// defaultEdition is ECPAT Belgium's, read once from the embedded file, which never changes.
var defaultEdition = sync.OnceValues(editions.Default)

// EditionError reports a help line that has no description in a locale's language when the
// rendering is strict.
type EditionError struct {
	File     string
	Line     int
	Locale   language.Tag
	Helpline string
}

func (e *EditionError) Error() string {
	return fmt.Sprintf("%s:%d: %s: help line %s has no description in this language (strict mode): add %s = \"…\" to its [helpline.description]",
		e.File, e.Line, e.Locale, e.Helpline, e.Locale)
}

// start matches a tag to a locale and prepares its rendering.
func (p *Printer) start(tag string, o Options) (*render, error) {
	t, warning, err := p.cat.Match(tag)
	if err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	if err := p.cat.Err(t); err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	if err := p.fonts.Supports(t.String()); err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	ed := o.Edition
	if ed == nil {
		if ed, err = defaultEdition(); err != nil {
			return nil, fmt.Errorf("leaflet: %w", err)
		}
	} else if err := ed.Check(); err != nil { // an edition made in Go, not read by editions.Parse
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	rtl, err := fontset.RightToLeft(t.String())
	if err != nil {
		return nil, fmt.Errorf("leaflet: %w", err)
	}
	r := &render{p: p, tag: t, rtl: rtl, design: p.design, edition: ed, strict: o.Strict, limit: -1, typo: typography.For(t)}
	if r.rtl {
		r.design = p.mirror
	}
	r.msgs = p.cat.Messages(t, o.Strict)
	r.ts = p.typesetter(t.String(), r.rtl)
	r.data = map[string]string{
		"Organisation": ed.Organisation,
		"Website":      ed.Website,
		"Email":        ed.Email,
		"Emergency":    phone(ed.Emergency),
	}
	r.report.Locale = t
	if warning != "" {
		r.report.Warnings = append(r.report.Warnings, Problem{Locale: t, Kind: KindMatch, Text: warning, Warning: true})
	}
	return r, nil
}

// bind fills a frame's messages with the edition's data: its paragraphs, as printed.
func (r *render) bind(page design.Page, f design.Frame) ([]Paragraph, error) {
	var out []Paragraph
	for _, id := range f.Messages {
		var count *int
		if f.Count != "" {
			n, err := r.count(page, f.Count)
			if err != nil {
				return nil, err
			}
			count = &n
		}
		uses := r.p.cat.Placeholders(id)
		if slices.ContainsFunc(uses, func(s string) bool { return slices.Contains(helplineFields, s) }) {
			paras, err := r.helplines(f, id, count)
			if err != nil {
				return nil, err
			}
			out = append(out, paras...)
			continue
		}
		if slices.ContainsFunc(uses, func(s string) bool { v, ok := r.data[s]; return ok && v == "" }) {
			continue // the edition leaves this line out
		}
		text, err := r.text(id, r.data, count)
		if err != nil {
			return nil, err
		}
		out = append(out, Paragraph{Frame: f.Name, Message: id, Text: text})
	}
	return out, nil
}

// text returns a message filled in with data, in the locale's typography (see package
// typography): its spaces, and its digits when the edition asks for the locale's own. The
// edition's values (addresses, phone numbers) keep their digits.
func (r *render) text(id string, data map[string]string, count *int) (string, error) {
	native := r.edition.Digits == editions.Native && r.typo.HasDigits()
	if !native {
		s, err := r.msgs.Text(id, data, count)
		if err != nil {
			return "", fmt.Errorf("leaflet: %w", err)
		}
		return r.typo.Apply(s), nil
	}
	// Each value stands in the text as a character of the Private Use Area while the digits of
	// the text are changed, and is put back after.
	keep := map[string]string{}
	marked := map[string]string{}
	for k, v := range data {
		m := string(rune(0xF0000 + len(keep)))
		keep[m], marked[k] = v, m
	}
	s, err := r.msgs.Text(id, marked, count)
	if err != nil {
		return "", fmt.Errorf("leaflet: %w", err)
	}
	s = r.typo.Apply(r.typo.NativeDigits(s))
	for m, v := range keep {
		s = strings.ReplaceAll(s, m, v)
	}
	return s, nil
}

// helplines fills message id once for each help line of the edition (the first r.limit ones,
// when fitting has found that no more fit).
func (r *render) helplines(f design.Frame, id string, count *int) ([]Paragraph, error) {
	lines := r.edition.Helplines
	if r.limit >= 0 && r.limit < len(lines) {
		lines = lines[:r.limit]
	}
	var out []Paragraph
	for _, h := range lines {
		desc, english := h.Description(r.tag)
		if english {
			if r.strict {
				return nil, fmt.Errorf("leaflet: %w", &EditionError{File: r.edition.File, Line: h.Line, Locale: r.tag, Helpline: h.Name})
			}
			r.warn(Problem{Locale: r.tag, File: r.edition.File, Line: h.Line, Kind: KindDescription, Warning: true,
				Text: fmt.Sprintf("help line %s has no description in this language: the English one is printed; add %s = \"…\" to its [helpline.description]", h.Name, r.tag)})
		}
		data := map[string]string{helplineName: h.Name, helplineNumber: phone(h.Number), helplineDescribe: desc}
		for k, v := range r.data {
			data[k] = v
		}
		text, err := r.text(id, data, count)
		if err != nil {
			return nil, err
		}
		out = append(out, Paragraph{Frame: f.Name, Message: id, Text: text})
	}
	return out, nil
}

// warn adds a warning to the report, once.
func (r *render) warn(p Problem) {
	if !slices.Contains(r.report.Warnings, p) {
		r.report.Warnings = append(r.report.Warnings, p)
	}
}

// count is the number of paragraphs the frame named name prints.
func (r *render) count(page design.Page, name string) (int, error) {
	for _, f := range page.Frames {
		if f.Name == name {
			paras, err := r.bind(page, f)
			return len(paras), err
		}
	}
	return 0, fmt.Errorf("leaflet: no frame %s on page %s to count", name, page.Name)
}

// usesHelplines reports whether a frame prints the edition's help lines.
func (r *render) usesHelplines(f design.Frame) bool {
	for _, id := range f.Messages {
		if slices.ContainsFunc(r.p.cat.Placeholders(id), func(s string) bool { return slices.Contains(helplineFields, s) }) {
			return true
		}
	}
	return false
}

// phone makes a phone number of an edition (digits and separators: see package editions) read
// in its logical order in every direction, never broken at a space. Its spaces become no-break
// spaces and thin spaces narrow no-break ones, which line breaking never breaks and bidi
// treats as common separators. Digit groups separated by single common separators (no-break
// spaces, dots, slashes) are one number to the bidi algorithm (UAX #9 W4), so "116 000" never
// reads "000 116" and is printed as it always was. Any other number ("0800-123-456", "+32 2 522
// 63 23", "+44 (0)20 7946 0000") starts with a LEFT-TO-RIGHT MARK: in Arabic and Urdu text its
// digits are then European numbers after a strong left-to-right character (W2, W7), and its
// separators, between them, left to right too (N1), so it is one left-to-right run.
func phone(s string) string {
	s = strings.NewReplacer(" ", "\u00a0", "\u2009", "\u202f").Replace(s)
	if oneNumber(s) {
		return s
	}
	return "\u200e" + s
}

// oneNumber reports whether s is digit groups separated by single common separators (UAX #9
// class CS), which bidi keeps together in any direction.
func oneNumber(s string) bool {
	digit := false // the last rune was a digit
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case digit && strings.ContainsRune("\u00a0\u202f./,:", r):
			digit = false
		default:
			return false
		}
	}
	return digit
}
