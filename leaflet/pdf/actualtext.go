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
// then put them back into logical order with their own simplified bidi rules: poppler by words,
// PDFium by segments of one direction, taken from right to left in a right-to-left line. The
// form below is the one in which both give back the exact logical text, numbers, addresses and
// Latin names included (measured with ../shared/tools/extractcheck; see the package tests):
//
//   - a right-to-left line is its logical text reversed, between two U+200F marks;
//   - in it, each word that holds left-to-right text ("30%", "(2011–2014)", "www.ecpat.be") is
//     cut into letter-or-digit pieces and single punctuation marks, given in reverse order, each
//     piece fenced by U+200F: "www.ecpat.be" becomes ‏be‏.‏ecpat‏.‏www‏;
//   - a left-to-right line is its visual text, right-to-left runs reversed and fenced by U+200E.
func actualText(l typeset.Line) string {
	if !l.RTL {
		return ltrActualText(l)
	}
	runs := slices.Clone(l.Runs)
	slices.SortFunc(runs, func(a, b typeset.Run) int { return a.Start - b.Start })
	var text []rune
	var ltr []bool
	for _, r := range runs {
		for _, c := range r.Text {
			text = append(text, c)
			ltr = append(ltr, !r.Level.RTL())
		}
	}
	attachPunctuation(text, ltr)
	var pieces []string // in logical order
	for i := 0; i < len(text); {
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
		pieces = append(pieces, string(w[k:m]))
		k = m
	}
	slices.Reverse(pieces)
	return rlm + strings.Join(pieces, rlm) + rlm
}

func alnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// ltrActualText is a left-to-right line in visual order, right-to-left runs reversed and fenced.
func ltrActualText(l typeset.Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		if !r.Level.RTL() {
			b.WriteString(string(r.Text))
			continue
		}
		rev := slices.Clone(r.Text)
		slices.Reverse(rev)
		b.WriteString(lrm + string(rev) + lrm)
	}
	return b.String()
}
