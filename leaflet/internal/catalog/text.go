package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template/parse"
)

// text is a message form made of literal text and placeholders ({{.Name}}), the only template
// actions a catalogue may use: a translator's typo must never print "<no value>", loop or call a
// function on a leaflet.
type text struct {
	parts []part
}

// part is literal text or, when field is set, a placeholder.
type part struct {
	lit   string
	field string
}

// fields returns the placeholders the text uses, in order of appearance.
func (t *text) fields() []string {
	var names []string
	for _, p := range t.parts {
		if p.field != "" {
			names = append(names, p.field)
		}
	}
	return names
}

// fill returns the text with each placeholder replaced by its value, and the first placeholder
// that has none.
func (t *text) fill(value func(name string) (string, bool)) (string, string) {
	var b strings.Builder
	for _, p := range t.parts {
		if p.field == "" {
			b.WriteString(p.lit)
			continue
		}
		v, ok := value(p.field)
		if !ok {
			return "", p.field
		}
		b.WriteString(v)
	}
	return b.String(), ""
}

// parseText parses a message form as go-i18n does (text/template with the delimiters {{ and }})
// and keeps it only if it holds nothing but literal text and plain fields. Otherwise it returns,
// as a sentence, the first action that is more, or why the template does not parse.
func parseText(src string) (*text, string) {
	tree := parse.New("message")
	tree.Mode = parse.ParseComments | parse.SkipFuncCheck
	set := map[string]*parse.Tree{}
	if _, err := tree.Parse(src, "{{", "}}", set); err != nil {
		return nil, fmt.Sprintf("the template does not parse (%s): write placeholders as {{.Name}}", parseMessage(err))
	}
	for name := range set {
		if name != tree.Name {
			return nil, notAllowed(fmt.Sprintf("{{define %q}}", name))
		}
	}
	t := &text{}
	if tree.Root == nil {
		return t, ""
	}
	for _, n := range tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			t.parts = append(t.parts, part{lit: string(n.Text)})
		case *parse.ActionNode:
			name, ok := plainField(n.Pipe)
			if !ok {
				return nil, notAllowed(n.String())
			}
			t.parts = append(t.parts, part{field: name})
		default: // if, range, with, template, block, comment, break, continue
			return nil, notAllowed(n.String())
		}
	}
	return t, ""
}

func notAllowed(action string) string {
	return fmt.Sprintf("the template action %s is not allowed: use only placeholders, written as {{.Name}}", action)
}

// plainField returns the name of a pipeline that is one field of the data and nothing else:
// {{.Name}}, not {{.A.B}}, {{len .A}}, {{.A | f}} or {{$x := .A}}.
func plainField(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return "", false
	}
	return f.Ident[0], true
}

// parsePrefix is the position text/template puts before its messages: "template: message:1: ".
var parsePrefix = regexp.MustCompile(`^template: message:\d+(:\d+)?: `)

func parseMessage(err error) string {
	return parsePrefix.ReplaceAllString(err.Error(), "")
}

// placeholderPhrase names the placeholders a translation has: "no placeholder", "the
// placeholder {{.Name}}", "the placeholders {{.A}} {{.B}}".
func placeholderPhrase(names []string) string {
	if len(names) == 0 {
		return "no placeholder"
	}
	return "the " + plural(len(names), "placeholder ", "placeholders ") + list(names)
}

// list writes placeholder names as a translator sees them: "{{.Count}} {{.Name}}", or "none".
func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	s := slices.Clone(names)
	for i, n := range s {
		s[i] = "{{." + n + "}}"
	}
	return strings.Join(s, " ")
}
