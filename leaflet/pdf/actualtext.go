package pdf

import (
	"slices"
	"strings"
	"unicode"

	"github.com/ecpat/makeitsafe/leaflet/typeset"
	"golang.org/x/text/unicode/bidi"
)

// Marks of direction: invisible, and dropped by readers' search and by text comparison.
const (
	lrm = "\u200e"
	rlm = "\u200f"
)

// actualText is the text of a line as PDFium (Chrome, Edge) and poppler (Evince, Okular) want it
// in an ActualText span. Both lay the span's characters out from left to right over the line and
// then put them back into logical order with their own simplified bidi rules: poppler reverses
// each stretch of right-to-left characters up to a left-to-right one or a digit, PDFium each
// segment of one direction, taken from right to left in a right-to-left line. The forms below
// are the ones in which both give back the exact logical text, numbers, addresses, Latin names
// and Arabic words inside English included (measured with ../shared/tools/extractcheck; see
// the package tests):
//
//   - a right-to-left line is its logical text reversed, between two U+200F marks;
//   - in it, each word that holds left-to-right text ("30%", "(2011–2014)", "www.ecpat.be") is
//     cut into letter-or-digit pieces and single punctuation marks, given in reverse order, each
//     piece fenced by U+200F: "www.ecpat.be" becomes ‏be‏.‏ecpat‏.‏www‏; its brackets are
//     fenced by U+200E too, or PDFium would mirror them;
//   - a punctuation mark after a combining mark is fenced by U+200F, or PDFium would put the
//     mark after it ("إليّ،" read "إلي،ّ") and poppler the punctuation into the next word;
//   - a left-to-right line is its logical text, each stretch of right-to-left letters (up to a
//     space, a ZWNJ, a digit or punctuation) reversed and fenced by U+200E, so that each reader
//     reverses exactly that stretch back: "The greeting السلام عليكم means peace." keeps its two
//     Arabic words in order, and "abc مرحبا 123 عالم def" its numbers (combining marks: see
//     writeReversed).
func actualText(l typeset.Line) string {
	if !l.RTL {
		return ltrActualText(l)
	}
	var text []rune
	var ltr []bool
	for _, r := range logical(l.Runs) {
		for _, c := range r.Text {
			text = append(text, c)
			ltr = append(ltr, !r.Level.RTL())
		}
	}
	attachPunctuation(text, ltr)
	var pieces []string // in logical order
	for i := 0; i < len(text); {
		if !ltr[i] && i > 0 && unicode.IsMark(text[i-1]) && punctuation(text[i]) {
			pieces = append(pieces, rlm+string(text[i])+rlm)
			i++
			continue
		}
		if !ltr[i] || text[i] == ' ' {
			pieces = append(pieces, string(text[i]))
			i++
			continue
		}
		j := i
		for j < len(text) && ltr[j] && text[j] != ' ' {
			j++
		}
		pieces = append(pieces, fencedWord(text[i:j]))
		i = j
	}
	var b strings.Builder
	b.WriteString(rlm)
	for k := len(pieces) - 1; k >= 0; k-- {
		b.WriteString(pieces[k])
	}
	b.WriteString(rlm)
	return b.String()
}

// attachPunctuation marks as left to right the punctuation written against a left-to-right word
// with no space between: the "%" of "30%", the brackets of "(2011–2014)".
func attachPunctuation(text []rune, ltr []bool) {
	for changed := true; changed; {
		changed = false
		for i, r := range text {
			if ltr[i] || !punctuation(r) {
				continue
			}
			before := i > 0 && ltr[i-1] && text[i-1] != ' '
			after := i+1 < len(text) && ltr[i+1] && text[i+1] != ' '
			if before || after {
				ltr[i], changed = true, true
			}
		}
	}
}

func punctuation(r rune) bool {
	if r == ' ' {
		return false
	}
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.ON, bidi.ET, bidi.ES, bidi.CS:
		return true
	}
	return false
}

// fencedWord cuts a left-to-right word into letter-or-digit pieces and single other characters
// and gives them in reverse order, each fenced by U+200F.
func fencedWord(w []rune) string {
	var pieces []string
	for k := 0; k < len(w); {
		m := k + 1
		if alnum(w[k]) {
			for m < len(w) && alnum(w[m]) {
				m++
			}
		}
		piece := string(w[k:m])
		if p, _ := bidi.LookupRune(w[k]); p.IsBracket() {
			piece = lrm + piece + lrm
		}
		pieces = append(pieces, piece)
		k = m
	}
	slices.Reverse(pieces)
	return rlm + strings.Join(pieces, rlm) + rlm
}

func alnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// ltrActualText is a left-to-right line in logical order, each stretch of right-to-left letters
// reversed and fenced by U+200E.
func ltrActualText(l typeset.Line) string {
	var b strings.Builder
	for _, r := range logical(l.Runs) {
		if !r.Level.RTL() {
			b.WriteString(string(r.Text))
			continue
		}
		for i := 0; i < len(r.Text); {
			if !letter(r.Text[i]) {
				b.WriteRune(r.Text[i])
				i++
				continue
			}
			j := i
			for j < len(r.Text) && letter(r.Text[j]) {
				j++
			}
			writeReversed(&b, r.Text[i:j])
			i = j
		}
	}
	return b.String()
}

// writeReversed writes a stretch of right-to-left letters for a left-to-right line: reversed,
// fenced by U+200E. PDFium takes a combining mark for a neutral, which cuts the letters around
// it into segments it reverses one by one, while poppler reverses the whole stretch: so each
// mark stands alone between marks of direction, in its logical place, and only the letters
// between marks are reversed, which both readers then reverse back.
func writeReversed(b *strings.Builder, s []rune) {
	b.WriteString(lrm)
	for k := 0; k < len(s); {
		m := k + 1
		if !unicode.IsMark(s[k]) {
			for m < len(s) && !unicode.IsMark(s[m]) {
				m++
			}
			rev := slices.Clone(s[k:m])
			slices.Reverse(rev)
			b.WriteString(string(rev))
		} else {
			b.WriteRune(s[k])
		}
		b.WriteString(lrm)
		k = m
	}
}

// logical returns a line's runs in logical order.
func logical(runs []typeset.Run) []typeset.Run {
	runs = slices.Clone(runs)
	slices.SortFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	return runs
}

func letter(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }
