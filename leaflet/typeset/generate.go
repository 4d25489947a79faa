package typeset

// The HarfBuzz reference data of TestHarfBuzz (testdata/shaping: sentences.txt, words.tsv,
// runs.tsv, harfbuzz.json) is made anew from the catalogues in locales/, the hand-written cases
// of testdata/shaping/cases.txt and the fonts by one command, from the repository's root:
//
//	go generate ./leaflet/typeset
//
// It needs hb-shape (Debian: libharfbuzz-bin) and python3 on PATH. Its three steps: the Go test
// writes sentences.txt, and the pieces and runs the typesetter sets in words.tsv and runs.tsv;
// regen.py shapes those with hb-shape into harfbuzz.json; the Go test compares. Read the diff
// before committing: a difference from hb-shape is what the test is there to find. See
// testdata/shaping/README.md.

//go:generate go test -run TestHarfBuzz -count=1 . -args -regen
//go:generate python3 testdata/shaping/regen.py
//go:generate go test -run TestHarfBuzz -count=1 .
