package preflight

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// The objects of a PDF file (ISO 32000-1, 7.3), as the parser gives them: nil, bool, float64,
// name, []byte (a string), []any (an array), dict, ref and *stream.
type (
	name string
	dict map[name]any
	ref  struct{ num, gen int }
)

// stream is a stream object: its dictionary and its bytes as stored.
type stream struct {
	dict dict
	raw  []byte
}

// file is a parsed PDF: its header's version, its objects by number and its trailer.
type file struct {
	version string
	objects map[int]any
	offsets map[int]int // in the cross-reference table
	trailer dict
}

// maxDecoded is the most a stream may inflate to: far more than any page or font of ours.
const maxDecoded = 64 << 20

var (
	headerRe    = regexp.MustCompile(`^%PDF-(\d\.\d)\r?\n`)
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
)

// parse reads a PDF with a classic cross-reference table, as the leaflet printer writes them.
func parse(src []byte) (*file, error) {
	h := headerRe.FindSubmatch(src)
	if h == nil {
		return nil, fmt.Errorf("no %%PDF-n.n header")
	}
	m := startxrefRe.FindSubmatch(src)
	if m == nil {
		return nil, fmt.Errorf("no startxref at the end")
	}
	xref, err := strconv.Atoi(string(m[1]))
	if err != nil || xref >= len(src) || !bytes.HasPrefix(src[xref:], []byte("xref")) {
		return nil, fmt.Errorf("startxref %s: no cross-reference table there", m[1])
	}
	f := &file{version: string(h[1]), objects: map[int]any{}}
	l := &lexer{src: src, pos: xref + len("xref")}
	offsets := map[int]int{}
	f.offsets = offsets
	for {
		tok := l.peekToken()
		if tok == "trailer" {
			l.token()
			break
		}
		first, err1 := strconv.Atoi(l.token())
		count, err2 := strconv.Atoi(l.token())
		if err1 != nil || err2 != nil || count < 0 || count > len(src) {
			return nil, fmt.Errorf("cross-reference table: bad subsection header")
		}
		for i := 0; i < count; i++ {
			off, err := strconv.Atoi(l.token())
			l.token() // generation
			kind := l.token()
			if err != nil || (kind != "n" && kind != "f") {
				return nil, fmt.Errorf("cross-reference entry %d: malformed", first+i)
			}
			if kind == "n" {
				offsets[first+i] = off
			}
		}
	}
	t, err := l.object()
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	if f.trailer, _ = t.(dict); f.trailer == nil {
		return nil, fmt.Errorf("trailer: not a dictionary")
	}
	for num, off := range offsets {
		if off <= 0 || off >= len(src) {
			return nil, fmt.Errorf("object %d: offset %d outside the file", num, off)
		}
		obj, err := f.readObject(src, num, off)
		if err != nil {
			return nil, err
		}
		f.objects[num] = obj
	}
	return f, nil
}

// readObject reads "num 0 obj … endobj" at off. A stream's /Length may be an indirect object:
// it is read then.
func (f *file) readObject(src []byte, num, off int) (any, error) {
	return f.readObjectDepth(src, num, off, false)
}

// readObjectDepth reads an object; a stream's /Length is read with plain set, which refuses
// streams, so that lengths that refer to each other end.
func (f *file) readObjectDepth(src []byte, num, off int, plain bool) (any, error) {
	l := &lexer{src: src, pos: off}
	n, _ := strconv.Atoi(l.token())
	l.token()
	if n != num || l.token() != "obj" {
		return nil, fmt.Errorf("object %d is not at offset %d", num, off)
	}
	obj, err := l.object()
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	if l.peekToken() != "stream" {
		return obj, nil
	}
	if plain {
		return nil, fmt.Errorf("object %d: a stream where a number is wanted", num)
	}
	d, ok := obj.(dict)
	if !ok {
		return nil, fmt.Errorf("object %d: a stream without a dictionary", num)
	}
	l.token()
	if l.pos < len(src) && src[l.pos] == '\r' {
		l.pos++
	}
	if l.pos < len(src) && src[l.pos] == '\n' {
		l.pos++
	}
	length, ok := d["Length"].(float64)
	if r, isRef := d["Length"].(ref); isRef {
		o, ok2 := f.objects[r.num]
		if !ok2 {
			var err error
			if o, err = f.readObjectAt(src, r.num); err != nil {
				return nil, fmt.Errorf("object %d: its /Length: %w", num, err)
			}
		}
		length, ok = o.(float64)
	}
	if !ok || length < 0 || l.pos+int(length) > len(src) {
		return nil, fmt.Errorf("object %d: bad stream /Length", num)
	}
	s := &stream{dict: d, raw: src[l.pos : l.pos+int(length)]}
	l.pos += int(length)
	if l.token() != "endstream" {
		return nil, fmt.Errorf("object %d: the stream does not end at its /Length", num)
	}
	return s, nil
}

// readObjectAt reads object num at its offset in the cross-reference table: a stream's /Length
// that has not been read yet.
func (f *file) readObjectAt(src []byte, num int) (any, error) {
	off, ok := f.offsets[num]
	if !ok {
		return nil, fmt.Errorf("no object %d", num)
	}
	return f.readObjectDepth(src, num, off, true)
}

// resolve follows a reference.
func (f *file) resolve(o any) any {
	for i := 0; i < 32; i++ {
		r, ok := o.(ref)
		if !ok {
			return o
		}
		o = f.objects[r.num]
	}
	return nil
}

// dict returns d[key], resolved, as a dictionary (nil if it is none).
func (f *file) dict(d dict, key name) dict {
	switch v := f.resolve(d[key]).(type) {
	case dict:
		return v
	case *stream:
		return v.dict
	}
	return nil
}

// array returns d[key], resolved, as an array.
func (f *file) array(d dict, key name) []any {
	a, _ := f.resolve(d[key]).([]any)
	return a
}

// stream returns d[key], resolved, as a stream.
func (f *file) stream(d dict, key name) *stream {
	s, _ := f.resolve(d[key]).(*stream)
	return s
}

// decode returns a stream's data, inflated when it is FlateDecode.
func decode(s *stream) ([]byte, error) {
	switch flt := s.dict["Filter"].(type) {
	case nil:
		return s.raw, nil
	case name:
		if flt != "FlateDecode" {
			return nil, fmt.Errorf("filter %s: only FlateDecode is read", flt)
		}
	default:
		return nil, fmt.Errorf("filter %v: only FlateDecode is read", flt)
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.raw))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxDecoded+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxDecoded {
		return nil, fmt.Errorf("a stream inflates past %d bytes", maxDecoded)
	}
	return data, nil
}

// lexer reads PDF tokens and objects (ISO 32000-1, 7.2 and 7.3) from src at pos.
type lexer struct {
	src []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' && l.src[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// token returns the next regular token, or a delimiter ("<<", "[", "/"…), or "" at the end.
func (l *lexer) token() string {
	l.skip()
	if l.pos >= len(l.src) {
		return ""
	}
	start := l.pos
	c := l.src[l.pos]
	if isDelim(c) {
		l.pos++
		if (c == '<' || c == '>') && l.pos < len(l.src) && l.src[l.pos] == c {
			l.pos++
		}
		return string(l.src[start:l.pos])
	}
	for l.pos < len(l.src) && !isSpace(l.src[l.pos]) && !isDelim(l.src[l.pos]) {
		l.pos++
	}
	return string(l.src[start:l.pos])
}

func (l *lexer) peekToken() string {
	p := l.pos
	t := l.token()
	l.pos = p
	return t
}

// object reads one object. An indirect reference (N G R) is read as a ref.
func (l *lexer) object() (any, error) {
	tok := l.token()
	switch tok {
	case "":
		return nil, fmt.Errorf("unexpected end")
	case "<<":
		d := dict{}
		for {
			if l.peekToken() == ">>" {
				l.token()
				return d, nil
			}
			k, err := l.object()
			if err != nil {
				return nil, err
			}
			key, ok := k.(name)
			if !ok {
				return nil, fmt.Errorf("a dictionary key that is not a name: %v", k)
			}
			v, err := l.object()
			if err != nil {
				return nil, err
			}
			d[key] = v
		}
	case "[":
		a := []any{}
		for {
			if l.peekToken() == "]" {
				l.token()
				return a, nil
			}
			v, err := l.object()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case "/":
		start := l.pos
		for l.pos < len(l.src) && !isSpace(l.src[l.pos]) && !isDelim(l.src[l.pos]) {
			l.pos++
		}
		return name(unescapeName(l.src[start:l.pos])), nil
	case "(":
		return l.literal()
	case "<":
		return l.hex()
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case ">>", "]", ")", ">", "{", "}":
		return nil, fmt.Errorf("unexpected %q", tok)
	}
	n, err := strconv.ParseFloat(tok, 64)
	if err != nil {
		return nil, fmt.Errorf("unexpected %q", tok)
	}
	// N G R: a reference.
	p := l.pos
	if g, err := strconv.Atoi(l.token()); err == nil && l.token() == "R" && n == float64(int(n)) {
		return ref{int(n), g}, nil
	}
	l.pos = p
	return n, nil
}

func unescapeName(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// literal reads a literal string after its "(".
func (l *lexer) literal() ([]byte, error) {
	var out []byte
	depth := 1
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
		case '\\':
			if l.pos >= len(l.src) {
				break
			}
			e := l.src[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n':
				if e == '\r' && l.pos < len(l.src) && l.src[l.pos] == '\n' {
					l.pos++
				}
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.src) && l.src[l.pos] >= '0' && l.src[l.pos] <= '7'; k++ {
						v = v*8 + int(l.src[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, fmt.Errorf("a string without its closing parenthesis")
}

// hex reads a hexadecimal string after its "<".
func (l *lexer) hex() ([]byte, error) {
	var digits []byte
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		l.pos++
		switch {
		case c == '>':
			if len(digits)%2 == 1 {
				digits = append(digits, '0')
			}
			out := make([]byte, len(digits)/2)
			for i := range out {
				v, _ := strconv.ParseUint(string(digits[2*i:2*i+2]), 16, 8)
				out[i] = byte(v)
			}
			return out, nil
		case isSpace(c):
		case bytes.IndexByte([]byte("0123456789abcdefABCDEF"), c) >= 0:
			digits = append(digits, c)
		default:
			return nil, fmt.Errorf("%q in a hexadecimal string", c)
		}
	}
	return nil, fmt.Errorf("a hexadecimal string without its >")
}
