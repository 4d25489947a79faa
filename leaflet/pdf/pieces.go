package pdf

import (
	"slices"

	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// piece is a part of a line: glyphs next to each other whose text belongs to the same span of
// the paragraph (span ≥ 0) or to none (−1). Its line holds the piece's parts of the line's runs,
// each with the glyphs and the text of the piece, at the runs' own places: the box a link
// annotation covers (see marker.line).
type piece struct {
	span  int
	line  typeset.Line
	start int // the piece's first rune in the paragraph: pieces are read in this order
}

// pieces cuts a line at the edges of its paragraph's spans, in visual order. A line that no
// span touches is one piece: the line itself.
//
// A stretch of runs set against the line's direction (a Latin name with its numbers in Arabic,
// an Arabic word in English) is never cut: it belongs whole to the span that holds most of its
// glyphs, "EU Kids Online (2011–2014)" in an Arabic line is one English span. (The text of a
// line, and its marked content, is its text layer's: see textLayer and spanLayer.)
func pieces(l *typeset.Line, spans []Span) []piece {
	spanOf := func(cluster int) int {
		for i, s := range spans {
			if cluster >= s.Start && cluster < s.End {
				return i
			}
		}
		return -1
	}
	keys := make([][]int, len(l.Runs)) // the span of each glyph, run by run
	for i, r := range l.Runs {
		keys[i] = make([]int, len(r.Glyphs))
		for k, g := range r.Glyphs {
			keys[i][k] = spanOf(g.Cluster)
		}
	}
	for i := 0; i < len(l.Runs); {
		j := i
		for j < len(l.Runs) && l.Runs[j].Level.RTL() != l.RTL {
			j++
		}
		if j > i {
			whole(keys[i:j])
			i = j
		} else {
			i++
		}
	}
	var out []piece
	for i, r := range l.Runs {
		for k := 0; k < len(r.Glyphs); {
			s := keys[i][k]
			m := k + 1
			for m < len(r.Glyphs) && keys[i][m] == s {
				m++
			}
			part := subRun(r, k, m)
			if n := len(out); n > 0 && out[n-1].span == s {
				p := &out[n-1]
				p.line.Runs = append(p.line.Runs, part)
				p.line.X = append(p.line.X, l.X[i])
				p.start = min(p.start, part.Start)
			} else {
				line := *l
				line.Runs, line.X = []typeset.Run{part}, []float64{l.X[i]}
				out = append(out, piece{span: s, line: line, start: part.Start})
			}
			k = m
		}
	}
	if len(out) == 1 && out[0].span < 0 {
		return []piece{{span: -1, line: *l, start: out[0].start}}
	}
	return out
}

// whole gives every glyph of a stretch the span most of its glyphs in a span have.
func whole(keys [][]int) {
	count := map[int]int{}
	best := -1
	for _, run := range keys {
		for _, k := range run {
			if k >= 0 {
				count[k]++
				if best < 0 || count[k] > count[best] || count[k] == count[best] && k < best {
					best = k
				}
			}
		}
	}
	for _, run := range keys {
		for g := range run {
			run[g] = best
		}
	}
}

// subRun returns the part of a run made of its glyphs k to m (in visual order), with the text
// of their clusters. Glyphs next to each other in a run of one direction stand for text next to
// each other: from the first of their clusters up to the run's next cluster (or its end), and
// from the run's start when they hold its first cluster.
func subRun(r typeset.Run, k, m int) typeset.Run {
	if k == 0 && m == len(r.Glyphs) {
		return r
	}
	var clusters []int
	for _, g := range r.Glyphs {
		clusters = append(clusters, g.Cluster)
	}
	slices.Sort(clusters)
	clusters = slices.Compact(clusters)
	lo, hi := r.Glyphs[k].Cluster, r.Glyphs[k].Cluster
	for _, g := range r.Glyphs[k:m] {
		lo, hi = min(lo, g.Cluster), max(hi, g.Cluster)
	}
	end := r.Start + len(r.Text)
	if i, _ := slices.BinarySearch(clusters, hi); i+1 < len(clusters) {
		end = clusters[i+1]
	}
	if lo == clusters[0] {
		lo = r.Start
	}
	lo, end = max(lo, r.Start), min(end, r.Start+len(r.Text))
	part := r
	part.Glyphs = r.Glyphs[k:m]
	part.Start = lo
	part.Text = r.Text[lo-r.Start : end-r.Start]
	part.Width = 0
	for _, g := range part.Glyphs {
		part.Width += g.Advance
	}
	return part
}
