package typeset

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

// TestCacheChangesNothing sets paragraphs with Typesetters that share a cache, many at once,
// again and again, and checks that every block is the block a Typesetter of its own sets: in
// both directions, in every weight, with lines that end at soft hyphens (shaped anew from a copy
// of the shared text) and lines HarfBuzz says are unsafe to cut.
func TestCacheChangesNothing(t *testing.T) {
	set, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		lang string
		rtl  bool
		text string
	}{
		{"de", false, "Die Privat\u00adsphäre\u00adeinstellungen gemeinsam prüfen und die Geräte\u00adeinstellungen besprechen"},
		{"ar", true, "تحدث مع طفلك منذ الصغر وباستمرار عن حياته على الإنترنت 116\u00a0000"},
		{"ur", true, "بچوں کی آن لائن حفاظت کے بارے میں اپنے بچے سے بات کریں"},
		{"hi", false, "बच्चों की ऑनलाइन सुरक्षा के बारे में अपने बच्चे से बात करें"},
	}
	var paras []Paragraph
	for _, bold := range []bool{false, true} {
		for _, align := range []Align{Start, Justify} {
			paras = append(paras, Paragraph{Style: Style{Bold: bold, Size: 9, Align: align}})
		}
	}
	set1 := func(ts *Typesetter, text string, width float64) *Block {
		ps := make([]Paragraph, len(paras))
		for i, p := range paras {
			ps[i] = p
			ps[i].Text = text
		}
		b, err := ts.Set(ps, width, 1e4)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	widths := []float64{40, 70, 120, 400}
	want := map[string]*Block{}
	for _, c := range cases {
		for _, w := range widths {
			want[fmt.Sprint(c.lang, w)] = set1(New(set.NewFaces(), c.lang, c.rtl), c.text, w)
		}
	}
	cache := NewCache(set, 1<<16)
	var wg sync.WaitGroup
	for range 4 {
		for _, c := range cases {
			wg.Go(func() {
				for round := range 3 {
					ts := cache.New(c.lang, c.rtl)
					for _, w := range widths {
						if got := set1(ts, c.text, w); !reflect.DeepEqual(got, want[fmt.Sprint(c.lang, w)]) {
							t.Errorf("%s, %gpt wide, round %d: the block set through the cache differs", c.lang, w, round)
						}
					}
				}
			})
		}
	}
	wg.Wait()
}

// TestCacheKeeps checks that a cache keeps a paragraph the second time it is shaped, forgets
// what it holds when it is full, and keeps nothing longer than it holds.
func TestCacheKeeps(t *testing.T) {
	set, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	c := NewCache(set, 30)
	shape := func(texts ...string) {
		t.Helper()
		for _, s := range texts {
			// A Typesetter of its own for each, as each rendering has.
			if _, err := c.New("en", false).Set([]Paragraph{{Text: s, Style: Style{Size: 9}}}, 100, 100); err != nil {
				t.Fatal(err)
			}
		}
	}
	check := func(runes, paras int) {
		t.Helper()
		if c.runes != runes || len(c.paras) != paras {
			t.Errorf("%d runes in %d paragraphs, want %d in %d", c.runes, len(c.paras), runes, paras)
		}
	}
	shape("Talk early and often", "ok")
	check(0, 0) // seen once
	// "Talk early and often" (20 runes) and "ok" are kept; the third (34) is longer than the
	// cache holds.
	shape("Talk early and often", "Set the privacy settings together", "ok", "Set the privacy settings together")
	check(22, 2)
	shape("Block and report", "Block and report")
	check(16, 1)
}
