package pdftext

import "strings"

// edge is the punctuation trimmed from the ends of words before they are compared: readers
// attach it to one side or the other of a word in right-to-left text.
const edge = ".,;:!?()[]{}«»\"'“”„‘’‹›-–—…/·•،؛؟۔।"

// Words splits text into words for comparison, as extractcheck does: Normalise'd, split at
// white space, the punctuation at their ends trimmed.
func Words(s string) []string {
	var out []string
	for _, w := range strings.Fields(Normalise(s)) {
		if w = strings.Trim(w, edge); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// InOrder returns how many words of want come back in order in got: the length of their
// longest common subsequence.
func InOrder(want, got []string) int {
	prev, cur := make([]int, len(got)+1), make([]int, len(got)+1)
	for i := range want {
		for j := range got {
			if want[i] == got[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(got)]
}

// Missing returns the words of want that are not in the longest common subsequence of want and
// got: want must come back whole and in the same order.
func Missing(want, got []string) []string {
	n, m := len(want), len(got)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	for i, j := 0, 0; i < n; {
		switch {
		case j < m && want[i] == got[j]:
			i, j = i+1, j+1
		case j < m && lcs[i][j+1] >= lcs[i+1][j]:
			j++
		default:
			out = append(out, want[i])
			i++
		}
	}
	return out
}

// Lost returns the words of want that got lacks, in any order, counting repeats.
func Lost(want, got []string) []string {
	have := map[string]int{}
	for _, w := range got {
		have[w]++
	}
	var out []string
	for _, w := range want {
		if have[w] == 0 {
			out = append(out, w)
			continue
		}
		have[w]--
	}
	return out
}
