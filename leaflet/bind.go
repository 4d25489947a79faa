package leaflet

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/design"
	"github.com/ecpat/makeitsafe/leaflet/editions"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
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
	}
	r := &render{p: p, tag: t, rtl: rightToLeft(t), design: p.design, edition: ed, strict: o.Strict, limit: -1}
	if r.rtl {
		r.design = p.mirror
	}
	r.msgs = p.cat.Messages(t, o.Strict)
	r.ts = typeset.New(p.fonts.NewFaces(), t.String(), r.rtl)
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
		text, err := r.msgs.Text(id, r.data, count)
		if err != nil {
			return nil, fmt.Errorf("leaflet: %w", err)
		}
		out = append(out, Paragraph{Frame: f.Name, Message: id, Text: text})
	}
	return out, nil
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
		text, err := r.msgs.Text(id, data, count)
		if err != nil {
			return nil, fmt.Errorf("leaflet: %w", err)
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

// rightToLeft reports whether a locale's script runs right to left.
func rightToLeft(t language.Tag) bool {
	s, _ := t.Script()
	switch s.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg":
		return true
	}
	return false
}

// phone makes a phone number safe to set in any direction: its spaces become no-break spaces,
// which bidi treats as number separators, so "116 000" never reads "000 116".
func phone(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
