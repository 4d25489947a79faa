// Package untrusted checks input that volunteers and partner groups write (catalogues, edition
// files) before anything else reads it: its size, how deeply its TOML nests, and characters a
// person cannot see, which change what a leaflet prints without anyone noticing.
//
// The limits are far above what a real file needs and far below what makes the TOML decoder or
// the typesetter slow: a file within them is read, checked and set in well under a second.
package untrusted

import (
	"fmt"
	"io"
	"io/fs"
	"unicode"
)

// MaxNesting is how deeply a data file may nest: the parts of a dotted key ("a.b.c" has
// three), or tables and arrays inside each other ({ a = { b = [ … ] } }). A catalogue needs
// two or three, an edition three; the TOML decoder's time grows with the square of the depth
// (10,000 levels in a 40 KB file take 14 s).
const MaxNesting = 16

// TooLargeError reports a file larger than its kind may be.
type TooLargeError struct {
	File string
	Max  int64 // bytes
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s, the most such a file may hold: split it or shorten it", e.File, Bytes(e.Max))
}

// Bytes writes a size as people read it: "1 MiB", "64 KiB", "512 bytes".
func Bytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads a file of fsys, or returns a *TooLargeError for one of more than max bytes:
// without reading it when its size says so, and without reading more than max+1 bytes when fsys
// has no ReadFile method of its own.
func ReadFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	tooLarge := &TooLargeError{File: name, Max: max}
	if st, err := fs.Stat(fsys, name); err == nil && st.Size() > max {
		return nil, tooLarge
	}
	var data []byte
	var err error
	if _, ok := fsys.(fs.ReadFileFS); ok {
		data, err = fs.ReadFile(fsys, name)
	} else {
		data, err = readAtMost(fsys, name, max+1)
	}
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge
	}
	return data, nil
}

func readAtMost(fsys fs.FS, name string, n int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// NestingError reports TOML nested deeper than MaxNesting.
type NestingError struct {
	Line int // where the nesting goes too deep
}

func (e *NestingError) Error() string {
	return fmt.Sprintf("keys or values nested more than %d deep: no leaflet file needs that many", MaxNesting)
}

// CheckNesting returns a *NestingError for the first line of a TOML document whose dotted keys
// have more than MaxNesting parts, or whose tables and arrays nest more than MaxNesting deep.
// It reads strings and comments as TOML does, in one pass, and never fails otherwise: what is
// not TOML is left to the decoder.
func CheckNesting(src []byte) error {
	line, depth, parts := 1, 0, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
			parts = 1
		case c == '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			end, lines := skipString(src, i)
			i, line = end, line+lines
		case c == '.':
			if parts++; parts > MaxNesting {
				return &NestingError{Line: line}
			}
		case c == '{' || c == '[':
			if depth++; depth > MaxNesting {
				return &NestingError{Line: line}
			}
			parts = 1
		case c == '}' || c == ']':
			depth = max(0, depth-1)
			parts = 1
		case c == '=' || c == ',':
			parts = 1
		}
	}
	return nil
}

// skipString returns the index of the last byte of the string that starts at src[i] (basic or
// literal, on one line or on several), and the line breaks inside it.
func skipString(src []byte, i int) (end, lines int) {
	q := src[i]
	multi := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	j := i + 1
	if multi {
		j = i + 3
	}
	for ; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\' && q == '"':
			if j+1 < len(src) && src[j+1] == '\n' {
				lines++
			}
			j++
		case c == '\n':
			if !multi {
				return j - 1, 0 // an unterminated string: the decoder says so
			}
			lines++
		case c == q && !multi:
			return j, lines
		case c == q && j+2 < len(src) && src[j+1] == q && src[j+2] == q:
			for j+3 < len(src) && src[j+3] == q { // up to two quotes may end the content
				j++
			}
			return j + 2, lines
		}
	}
	return len(src) - 1, lines
}

// Hidden says what kind of character a person cannot see, if r is one.
type Hidden int

const (
	Visible   Hidden = iota
	Explicit         // a bidi embedding, override or isolate (U+202A–U+202E, U+2066–U+2069)
	Mark             // a bidi mark: LRM U+200E, RLM U+200F, ALM U+061C
	Joiner           // ZWNJ U+200C or ZWJ U+200D, which shape Persian, Urdu and Indic text
	Soft             // a soft hyphen U+00AD: where a word may be hyphenated
	ZeroWidth        // any other format character: ZWSP U+200B, WJ U+2060, BOM U+FEFF…
	Control          // a control character other than tab and line feed
)

// Classify says whether r is a character a person cannot see, and which kind.
func Classify(r rune) Hidden {
	switch {
	case r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
		return Explicit
	case r == 0x200E || r == 0x200F || r == 0x061C:
		return Mark
	case r == 0x200C || r == 0x200D:
		return Joiner
	case r == 0x00AD:
		return Soft
	case r == '\t' || r == '\n':
		return Visible
	case unicode.Is(unicode.Cc, r):
		return Control
	case unicode.Is(unicode.Cf, r) || r == 0x034F || r == 0x180E || r == 0x115F || r == 0x1160 ||
		r == 0x3164 || r == 0xFFA0 || r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF:
		return ZeroWidth // and the other default-ignorable characters that show nothing
	}
	return Visible
}

// Name names a hidden character for a person: "U+200F RIGHT-TO-LEFT MARK".
func Name(r rune) string {
	if n, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, n)
	}
	return fmt.Sprintf("U+%04X", r)
}

var names = map[rune]string{
	0x0009: "TAB", 0x000D: "CARRIAGE RETURN", 0x00AD: "SOFT HYPHEN", 0x061C: "ARABIC LETTER MARK",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK", 0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2060: "WORD JOINER", 0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
	0xFEFF: "ZERO WIDTH NO-BREAK SPACE (BOM)",
}
