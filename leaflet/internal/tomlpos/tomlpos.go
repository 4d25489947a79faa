// Package tomlpos finds the line on which each key of a TOML document is defined, which the
// TOML decoder does not say, so that an error about a value can name the line a person must edit.
//
// Keys are written as dotted paths. An element of an array of tables carries its index, counted
// from 0: the key name of the second [[helpline]] is "helpline[1].name". Keys inside inline
// tables that stand alone ({ colour = "orange" }) are found; keys inside inline tables that are
// elements of an array are not, and Line gives the line of the array instead.
package tomlpos

import (
	"strconv"
	"strings"
)

// Lines maps key paths to the line (from 1) that defines them.
type Lines struct {
	exact map[string]int   // "helpline[1].name"
	plain map[string][]int // "helpline.name": every line defining it, in any element
}

// Line returns the line defining path, or, when path itself is not found, the line of its
// nearest ancestor that is; 0 when none is.
func (l Lines) Line(path string) int {
	for path != "" {
		if n, ok := l.exact[path]; ok {
			return n
		}
		path = parent(path)
	}
	return 0
}

// Find returns every line defining a key path without indices ("helpline.name"), as the TOML
// decoder names keys it did not use.
func (l Lines) Find(plainPath string) []int { return l.plain[plainPath] }

func parent(path string) string {
	if strings.HasSuffix(path, "]") {
		return path[:strings.LastIndexByte(path, '[')]
	}
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return ""
	}
	return path[:i]
}

// Scan reads a TOML document. It never fails: text that is not TOML is skipped, and the decoder
// reports it.
func Scan(src []byte) Lines {
	s := scanner{l: Lines{exact: map[string]int{}, plain: map[string][]int{}}, counts: map[string]int{}}
	lines := strings.Split(string(src), "\n")
	for i := 0; i < len(lines); i++ {
		i = s.line(lines, i)
	}
	return s.l
}

type scanner struct {
	l      Lines
	table  string         // the current table, with indices
	counts map[string]int // elements so far of each array of tables, by path with indices
}

func (s *scanner) record(path string, line int) {
	if _, ok := s.l.exact[path]; !ok {
		s.l.exact[path] = line
	}
	p := stripIndices(path)
	s.l.plain[p] = append(s.l.plain[p], line)
}

func stripIndices(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// line handles the line at index i and returns the index of the last line it consumed (a value
// may span lines).
func (s *scanner) line(lines []string, i int) int {
	t := strings.TrimSpace(lines[i])
	switch {
	case t == "" || t[0] == '#':
		return i
	case strings.HasPrefix(t, "[["):
		keys, _ := parseKey(t[2:])
		s.table = s.resolve(keys, true)
		s.record(s.table, i+1)
		return i
	case t[0] == '[':
		keys, _ := parseKey(t[1:])
		s.table = s.resolve(keys, false)
		s.record(s.table, i+1)
		return i
	}
	keys, rest := parseKey(t)
	if len(keys) == 0 || !strings.HasPrefix(strings.TrimSpace(rest), "=") {
		return i
	}
	path := s.table
	for _, k := range keys {
		path = join(path, k)
		s.record(path, i+1)
	}
	v := value{s: s, line: i + 1}
	v.scan(strings.TrimSpace(rest)[1:], path)
	for v.open() && i+1 < len(lines) {
		i++
		v.line = i + 1
		v.scan("\n"+lines[i], path)
	}
	return i
}

// resolve turns the keys of a table header into a path with indices: keys naming an array of
// tables stand for its last element; the header of a new element ([[…]]) adds one.
func (s *scanner) resolve(keys []string, element bool) string {
	path := ""
	for i, k := range keys {
		path = join(path, k)
		if i == len(keys)-1 && element {
			n := s.counts[path]
			s.counts[path] = n + 1
			return path + "[" + strconv.Itoa(n) + "]"
		}
		if n, ok := s.counts[path]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// parseKey reads a dotted key (bare or quoted parts) at the start of s and returns its parts and
// what follows.
func parseKey(s string) ([]string, string) {
	var keys []string
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return keys, s
		}
		var k string
		switch s[0] {
		case '"', '\'':
			end := closingQuote(s)
			if end < 0 {
				return keys, ""
			}
			k = s[1:end]
			if s[0] == '"' {
				if u, err := strconv.Unquote(s[:end+1]); err == nil {
					k = u
				}
			}
			s = s[end+1:]
		default:
			n := 0
			for n < len(s) && bare(s[n]) {
				n++
			}
			if n == 0 {
				return keys, s
			}
			k, s = s[:n], s[n:]
		}
		keys = append(keys, k)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return keys, s
		}
		s = s[1:]
	}
}

func bare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// closingQuote returns the index of the quote that closes the one at s[0], or -1.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch {
		case s[0] == '"' && s[i] == '\\':
			i++
		case s[i] == s[0]:
			return i
		}
	}
	return -1
}

// value follows a value across lines: strings, arrays and inline tables, recording the keys of
// inline tables that are not inside an array.
type value struct {
	s       *scanner
	line    int
	quote   string   // the open multi-line string's delimiter
	nest    []byte   // open brackets and braces
	tables  []string // path of each open brace
	path    string
	pending string // the key whose value comes next
	expect  bool   // inside an inline table, a key comes next
}

// current returns the path of an inline table opening now: the key it is the value of, or ""
// inside an array.
func (v *value) current() string {
	if len(v.nest) > 0 && v.nest[len(v.nest)-1] == '[' {
		return ""
	}
	return v.pending
}

func (v *value) open() bool { return v.quote != "" || len(v.nest) > 0 }

func (v *value) scan(s, path string) {
	if v.path == "" {
		v.path, v.pending = path, path
	}
	for i := 0; i < len(s); i++ {
		if v.quote != "" {
			if v.quote[0] == '"' && s[i] == '\\' {
				i++
				continue
			}
			if strings.HasPrefix(s[i:], v.quote) {
				i += len(v.quote) - 1
				v.quote = ""
			}
			continue
		}
		c := s[i]
		if v.expect && len(v.tables) > 0 && c != ' ' && c != '\t' && c != '\n' && c != '}' {
			keys, rest := parseKey(s[i:])
			if len(keys) > 0 {
				p := v.tables[len(v.tables)-1]
				for _, k := range keys {
					p = join(p, k)
					v.s.record(p, v.line)
				}
				v.expect = false
				i = len(s) - len(rest) - 1
				v.pending = p
				continue
			}
			v.expect = false
		}
		switch c {
		case '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case '"', '\'':
			q := s[i : i+1]
			if strings.HasPrefix(s[i:], strings.Repeat(q, 3)) {
				v.quote = strings.Repeat(q, 3)
				i += 2
				continue
			}
			if end := closingQuote(s[i:]); end >= 0 {
				i += end
			} else {
				i = len(s)
			}
		case '[':
			v.nest = append(v.nest, '[')
		case '{':
			p := v.current()
			v.nest = append(v.nest, '{')
			v.tables = append(v.tables, p)
			v.expect = p != ""
		case ']', '}':
			v.expect = false
			if len(v.nest) > 0 {
				if v.nest[len(v.nest)-1] == '{' {
					v.tables = v.tables[:len(v.tables)-1]
				}
				v.nest = v.nest[:len(v.nest)-1]
			}
		case ',':
			if len(v.nest) > 0 && v.nest[len(v.nest)-1] == '{' && len(v.tables) > 0 && v.tables[len(v.tables)-1] != "" {
				v.expect = true
			}
		}
	}
}
