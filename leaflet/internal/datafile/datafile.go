// Package datafile reads the project's TOML data files (designs, editions) so that every
// mistake in one is reported at once, each naming the file, the line and the key a person must
// edit: unknown keys, values of the wrong type, values out of range.
//
// A file is decoded into generic tables, which the caller walks with typed getters. Each getter
// records a problem instead of failing, so one pass finds them all; Done reports the keys of a
// table that nobody asked for, which are unknown keys (a misspelt "colour" is never ignored).
package datafile

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ecpat/makeitsafe/leaflet/internal/tomlpos"
	"github.com/ecpat/makeitsafe/leaflet/internal/untrusted"
)

// Problem is one mistake in a data file.
type Problem struct {
	File string
	Line int    // from 1; 0 when not known
	Key  string // dotted path, with indices of arrays of tables: "page[1].frame[0].style"
	Text string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	if p.Key != "" {
		b.WriteString(": " + p.Key)
	}
	b.WriteString(": " + p.Text)
	return b.String()
}

// Error lists every problem of a data file.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// File is a data file being read.
type File struct {
	name     string
	lines    tomlpos.Lines
	problems []Problem
}

// Parse decodes data, read from the file name, into its top-level table. Data longer than max
// bytes, nested deeper than any data file is, or that is not TOML gives an *Error, with the
// line where there is one; the TOML decoder never sees the first two.
func Parse(data []byte, name string, max int64) (*File, Table, error) {
	if int64(len(data)) > max {
		return nil, Table{}, &Error{Problems: []Problem{{File: name, Text: (&untrusted.TooLargeError{File: name, Max: max}).Error()}}}
	}
	var nesting *untrusted.NestingError
	if err := untrusted.CheckNesting(data); errors.As(err, &nesting) {
		return nil, Table{}, &Error{Problems: []Problem{{File: name, Line: nesting.Line, Text: err.Error()}}}
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		p := Problem{File: name, Text: err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p.Line, p.Text = pe.Position.Line, pe.Message
		}
		return nil, Table{}, &Error{Problems: []Problem{p}}
	}
	f := &File{name: name, lines: tomlpos.Scan(data)}
	return f, Table{f: f, m: m, used: map[string]bool{}}, nil
}

// Read reads the data file name of fsys; a file larger than max bytes is an *Error, and is not
// read beyond that.
func Read(fsys fs.FS, name string, max int64) ([]byte, error) {
	data, err := untrusted.ReadFile(fsys, name, max)
	var tooLarge *untrusted.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, &Error{Problems: []Problem{{File: name, Text: err.Error()}}}
	}
	return data, err
}

// Name returns the file's name.
func (f *File) Name() string { return f.name }

// Line returns the line of a key path.
func (f *File) Line(path string) int { return f.lines.Line(path) }

// Problemf records a problem with a key path.
func (f *File) Problemf(path, format string, args ...any) {
	f.problems = append(f.problems, Problem{File: f.name, Line: f.lines.Line(path), Key: path, Text: fmt.Sprintf(format, args...)})
}

// Err returns an *Error holding every problem recorded, or nil.
func (f *File) Err() error {
	if len(f.problems) == 0 {
		return nil
	}
	slices.SortStableFunc(f.problems, func(a, b Problem) int { return a.Line - b.Line })
	return &Error{Problems: slices.Clone(f.problems)}
}

// Table is a table of a data file. The zero Table is empty.
type Table struct {
	f    *File
	path string
	m    map[string]any
	used map[string]bool
}

// Path returns the table's key path ("" for the top level).
func (t Table) Path() string { return t.path }

// Key returns the path of one of the table's keys.
func (t Table) Key(key string) string {
	if t.path == "" {
		return key
	}
	return t.path + "." + key
}

// Line returns the line of the table, or of one of its keys.
func (t Table) Line(key string) int {
	if t.f == nil {
		return 0
	}
	if key == "" {
		return t.f.Line(t.path)
	}
	return t.f.Line(t.Key(key))
}

// Problemf records a problem with one of the table's keys ("" for the table itself).
func (t Table) Problemf(key, format string, args ...any) {
	if t.f == nil {
		return
	}
	path := t.path
	if key != "" {
		path = t.Key(key)
	}
	t.f.Problemf(path, format, args...)
}

// Failed reports whether a problem was recorded with one of the table's keys, so that checks
// of its range do not repeat a problem of its type.
func (t Table) Failed(key string) bool {
	if t.f == nil {
		return false
	}
	path := t.Key(key)
	for _, p := range t.f.problems {
		if p.Key == path {
			return true
		}
	}
	return false
}

// Has reports whether the table sets key.
func (t Table) Has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// Keys returns the table's keys, sorted.
func (t Table) Keys() []string {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Value returns a key's value as decoded, and marks the key as known to the caller.
func (t Table) Value(key string) (any, bool) {
	t.used[key] = true
	v, ok := t.m[key]
	return v, ok
}

// String returns a string value; def when the key is absent.
func (t Table) String(key, def string) string {
	v, ok := t.Value(key)
	if !ok {
		return def
	}
	s, ok := v.(string)
	if !ok {
		t.Problemf(key, "want a string in quotes, not %s", describe(v))
		return def
	}
	return s
}

// Strings returns an array of strings.
func (t Table) Strings(key string) []string {
	v, ok := t.Value(key)
	if !ok {
		return nil
	}
	if s, ok := v.(string); ok {
		return []string{s}
	}
	list, ok := v.([]any)
	if !ok {
		t.Problemf(key, "want a list of strings, like [\"a\", \"b\"], not %s", describe(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			t.Problemf(key, "item %d: want a string in quotes, not %s", i+1, describe(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// Bool returns a boolean value; def when the key is absent.
func (t Table) Bool(key string, def bool) bool {
	v, ok := t.Value(key)
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		t.Problemf(key, "want true or false, not %s", describe(v))
		return def
	}
	return b
}

// Number returns a number; def when the key is absent.
func (t Table) Number(key string, def float64) float64 {
	v, ok := t.Value(key)
	if !ok {
		return def
	}
	f, ok := number(v)
	if !ok {
		t.Problemf(key, "want a number, not %s", describe(v))
		return def
	}
	return f
}

// Numbers returns an array of n numbers, or nil after recording a problem.
func (t Table) Numbers(key string, n int) []float64 {
	v, ok := t.Value(key)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok || len(list) != n {
		t.Problemf(key, "want a list of %d numbers, not %s", n, describe(v))
		return nil
	}
	out := make([]float64, n)
	for i, e := range list {
		if out[i], ok = number(e); !ok {
			t.Problemf(key, "item %d: want a number, not %s", i+1, describe(e))
			return nil
		}
	}
	return out
}

// Table returns a sub-table; the empty Table when the key is absent.
func (t Table) Table(key string) Table {
	v, ok := t.Value(key)
	if !ok {
		return Table{f: t.f, path: t.Key(key), used: map[string]bool{}}
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Problemf(key, "want a table, like [%s] or %s = { … }, not %s", t.Key(key), key, describe(v))
		return Table{f: t.f, path: t.Key(key), used: map[string]bool{}}
	}
	return Table{f: t.f, path: t.Key(key), m: m, used: map[string]bool{}}
}

// Tables returns the elements of an array of tables ([[key]]).
func (t Table) Tables(key string) []Table {
	v, ok := t.Value(key)
	if !ok {
		return nil
	}
	var list []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		list = v
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				t.Problemf(key, "want tables, written [[%s]], not %s", t.Key(key), describe(e))
				return nil
			}
			list = append(list, m)
		}
	default:
		t.Problemf(key, "want tables, written [[%s]], not %s", t.Key(key), describe(v))
		return nil
	}
	out := make([]Table, len(list))
	for i, m := range list {
		out[i] = Table{f: t.f, path: t.Key(key) + "[" + strconv.Itoa(i) + "]", m: m, used: map[string]bool{}}
	}
	return out
}

// Done records as unknown every key of the table that no getter asked for, suggesting the
// nearest known key.
func (t Table) Done() {
	var known []string
	for k := range t.used {
		known = append(known, k)
	}
	slices.Sort(known)
	for _, k := range t.Keys() {
		if t.used[k] {
			continue
		}
		hint := ""
		if s := nearest(k, known); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		if len(known) > 0 {
			hint += " (known keys: " + strings.Join(known, ", ") + ")"
		}
		t.Problemf(k, "unknown key%s", hint)
	}
}

// nearest returns the known key within two edits of k, if any.
func nearest(k string, known []string) string {
	best, dist := "", 3
	for _, c := range known {
		if d := distance(strings.ToLower(k), c); d < dist {
			best, dist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// describe names a decoded value's kind for messages.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the string " + strconv.Quote(v)
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
