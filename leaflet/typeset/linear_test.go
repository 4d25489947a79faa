package typeset

import (
	"math"
	"strconv"
	"testing"
)

// BenchmarkSetLength sets one paragraph of 1,000 and of 40,000 words into a column 240pt wide
// and reports the time per word: line breaking must be linear in the paragraph's length
// (issue 10: 40,000 words took 20 s), so that both figures are about the same.
func BenchmarkSetLength(b *testing.B) {
	for _, lang := range []string{"en", "ar"} {
		for _, n := range []int{1000, 40000} {
			b.Run(lang+"/"+strconv.Itoa(n), func(b *testing.B) {
				text := benchText(lang, n)
				newTypesetter(b, lang, lang == "ar")
				b.ResetTimer()
				for b.Loop() {
					ts := newTypesetter(b, lang, lang == "ar")
					if _, err := ts.Set([]Paragraph{{Text: text, Style: Style{Size: 10.5}}}, 240, math.Inf(1)); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/word")
			})
		}
	}
}
