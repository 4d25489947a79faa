package typeset

import (
	"fmt"
	"slices"
	"unicode"

	"github.com/go-text/typesetting/unicodedata"
	"golang.org/x/text/unicode/bidi"
)

// Level is a bidi embedding level (UAX #9): even levels run left to right, odd ones right to left.
type Level uint8

// RTL reports whether text at this level runs right to left.
func (l Level) RTL() bool { return l%2 == 1 }

// ExplicitBidiError reports an explicit bidi formatting character (an embedding, override or
// isolate), which the typesetter does not support: it orders text itself, from the locale's
// direction and the characters' own classes.
type ExplicitBidiError struct {
	Rune rune
	Text string
}

func (e *ExplicitBidiError) Error() string {
	return fmt.Sprintf("explicit bidi control U+%04X in %q: not supported, remove it (numbers stay together with a no-break space)", e.Rune, excerpt(e.Text))
}

// resolveLevels gives each rune of a paragraph its embedding level by the implicit rules of UAX #9
// (W1–W7, N0–N2, I1–I2), for a paragraph at level base (0 or 1). Explicit embeddings and isolates
// are refused. Boundary neutrals (ZWJ, ZWNJ…) take the level of the rune before them.
func resolveLevels(text []rune, base Level) ([]Level, error) {
	return resolve(text, base, nil)
}

// paragraphLevels resolves a paragraph's levels as resolveLevels does, with one tailoring of
// the input, which UAX #9 allows higher-level protocols (section 4.3): numbers written in
// groups keep their order in every direction. A single space of any width between two digits
// ("116 111", "10 000") is a common separator, which joins the groups into one number (W4), and
// a plus sign before a digit is part of the number ("+32 2"). Without it, in Arabic and Urdu,
// "116 111" would read "111 116" from left to right and "+32" "32+".
func paragraphLevels(text []rune, base Level) ([]Level, error) {
	return resolve(text, base, numberClass)
}

// numberClass returns the class of text[i] in numbers written in groups (see paragraphLevels).
func numberClass(text []rune, i int, c bidi.Class) bidi.Class {
	digit := func(k int) bool {
		if k < 0 || k >= len(text) {
			return false
		}
		p, _ := bidi.LookupRune(text[k])
		return p.Class() == bidi.EN || p.Class() == bidi.AN
	}
	switch {
	case unicode.Is(unicode.Zs, text[i]) && digit(i-1) && digit(i+1):
		return bidi.CS
	case text[i] == '+' && !digit(i-1) && digit(i+1):
		return bidi.EN
	}
	return c
}

// resolve resolves levels; override, when not nil, changes the class of text[i] before the
// rules are applied.
func resolve(text []rune, base Level, override func(text []rune, i int, c bidi.Class) bidi.Class) ([]Level, error) {
	n := len(text)
	levels := make([]Level, n)
	types := make([]bidi.Class, 0, n)
	idx := make([]int, 0, n) // positions of the runes that take part (not BN)
	orig := make([]bidi.Class, 0, n)
	for i, r := range text {
		p, _ := bidi.LookupRune(r)
		c := p.Class()
		if override != nil {
			c = override(text, i, c)
		}
		switch c {
		case bidi.LRO, bidi.RLO, bidi.LRE, bidi.RLE, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI, bidi.Control:
			return nil, &ExplicitBidiError{Rune: r, Text: string(text)}
		case bidi.BN:
			continue
		}
		types = append(types, c)
		orig = append(orig, c)
		idx = append(idx, i)
	}
	sos := bidi.L
	if base.RTL() {
		sos = bidi.R
	}
	resolveWeak(types, sos)
	resolveBrackets(text, idx, types, orig, sos)
	resolveNeutral(types, sos)
	for k, i := range idx {
		levels[i] = implicitLevel(types[k], base)
	}
	for i := range levels { // BN: the level of the rune before, or the paragraph's
		if p, _ := bidi.LookupRune(text[i]); p.Class() == bidi.BN {
			levels[i] = base
			if i > 0 {
				levels[i] = levels[i-1]
			}
		}
	}
	return levels, nil
}

func resolveWeak(t []bidi.Class, sos bidi.Class) {
	// W1: a mark takes the type of the rune before it.
	for i, c := range t {
		if c == bidi.NSM {
			if i == 0 {
				t[i] = sos
			} else {
				t[i] = t[i-1]
			}
		}
	}
	// W2, W3: European numbers after Arabic letters are Arabic numbers; AL becomes R.
	last := sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			last = c
		case bidi.EN:
			if last == bidi.AL {
				t[i] = bidi.AN
			}
		}
	}
	for i, c := range t {
		if c == bidi.AL {
			t[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of the same kind joins them.
	for i := 1; i+1 < len(t); i++ {
		a, c, b := t[i-1], t[i], t[i+1]
		if c == bidi.ES && a == bidi.EN && b == bidi.EN ||
			c == bidi.CS && a == b && (a == bidi.EN || a == bidi.AN) {
			t[i] = a
		}
	}
	// W5: terminators next to European numbers are European numbers.
	for i := 0; i < len(t); i++ {
		if t[i] != bidi.ET {
			continue
		}
		j := i
		for j < len(t) && t[j] == bidi.ET {
			j++
		}
		if i > 0 && t[i-1] == bidi.EN || j < len(t) && t[j] == bidi.EN {
			for k := i; k < j; k++ {
				t[k] = bidi.EN
			}
		}
		i = j
	}
	// W6: other separators and terminators are neutral.
	for i, c := range t {
		if c == bidi.ES || c == bidi.ET || c == bidi.CS {
			t[i] = bidi.ON
		}
	}
	// W7: European numbers in left-to-right context are left to right.
	last = sos
	for i, c := range t {
		switch c {
		case bidi.L, bidi.R:
			last = c
		case bidi.EN:
			if last == bidi.L {
				t[i] = bidi.L
			}
		}
	}
}

// strong is the direction a resolved type counts as for N0 and N1: numbers count as R.
func strong(c bidi.Class) bidi.Class {
	switch c {
	case bidi.L:
		return bidi.L
	case bidi.R, bidi.EN, bidi.AN:
		return bidi.R
	}
	return bidi.ON
}

// resolveBrackets applies N0: a pair of brackets takes the direction of the text it encloses or
// of its context, so that "(2011–2014)" stays whole in right-to-left text.
func resolveBrackets(text []rune, idx []int, t, orig []bidi.Class, sos bidi.Class) {
	type open struct {
		pair rune
		pos  int
	}
	var stack []open
	var pairs [][2]int
	for k, i := range idx {
		if t[k] != bidi.ON {
			continue
		}
		p, _ := bidi.LookupRune(text[i])
		if !p.IsBracket() {
			continue
		}
		if p.IsOpeningBracket() {
			if len(stack) == 63 {
				break
			}
			m, _ := unicodedata.LookupMirrorChar(text[i])
			stack = append(stack, open{canonicalBracket(m), k})
			continue
		}
		for j := len(stack) - 1; j >= 0; j-- {
			if stack[j].pair == canonicalBracket(text[i]) {
				pairs = append(pairs, [2]int{stack[j].pos, k})
				stack = stack[:j]
				break
			}
		}
	}
	sortPairs(pairs)
	e := sos
	for _, pr := range pairs {
		var found, opposite bool
		for k := pr[0] + 1; k < pr[1]; k++ {
			switch s := strong(t[k]); {
			case s == e:
				found = true
			case s != bidi.ON:
				opposite = true
			}
		}
		var dir bidi.Class
		switch {
		case found:
			dir = e
		case opposite:
			before := sos
			for k := pr[0] - 1; k >= 0; k-- {
				if s := strong(t[k]); s != bidi.ON {
					before = s
					break
				}
			}
			dir = e
			if before != e {
				dir = before
			}
		default:
			continue
		}
		for _, k := range pr {
			t[k] = dir
			for m := k + 1; m < len(t) && orig[m] == bidi.NSM; m++ {
				t[m] = dir
			}
		}
	}
}

// canonicalBracket returns the bracket r is canonically equivalent to, which pairs as r does
// (BD16): U+2329 and U+3008, U+232A and U+3009.
func canonicalBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

// sortPairs sorts bracket pairs by the position of their opening bracket (BD16).
func sortPairs(p [][2]int) {
	slices.SortFunc(p, func(a, b [2]int) int { return a[0] - b[0] })
}

// resolveNeutral applies N1 and N2: neutrals between runs of the same direction take it; the
// others take the paragraph's.
func resolveNeutral(t []bidi.Class, sos bidi.Class) {
	for i := 0; i < len(t); i++ {
		if strong(t[i]) != bidi.ON {
			continue
		}
		j := i
		for j < len(t) && strong(t[j]) == bidi.ON {
			j++
		}
		before, after := sos, sos
		if i > 0 {
			before = strong(t[i-1])
		}
		if j < len(t) {
			after = strong(t[j])
		}
		dir := sos
		if before == after {
			dir = before
		}
		for k := i; k < j; k++ {
			t[k] = dir
		}
		i = j
	}
}

// implicitLevel applies I1 and I2.
func implicitLevel(c bidi.Class, base Level) Level {
	if !base.RTL() {
		switch c {
		case bidi.R:
			return base + 1
		case bidi.AN, bidi.EN:
			return base + 2
		}
		return base
	}
	if c == bidi.L || c == bidi.EN || c == bidi.AN {
		return base + 1
	}
	return base
}

// VisualOrder returns the order in which items with the given levels are laid out from left to
// right (UAX #9 rule L2): from the highest level down to the lowest odd one, every maximal
// sequence of items at that level or above is reversed.
func VisualOrder(levels []Level) []int {
	order := make([]int, len(levels))
	var hi, lo Level = 0, 255
	for i, l := range levels {
		order[i] = i
		hi = max(hi, l)
		if l.RTL() {
			lo = min(lo, l)
		}
	}
	for lvl := hi; lvl >= lo && lvl > 0; lvl-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}
