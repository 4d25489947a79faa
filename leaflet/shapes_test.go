package leaflet

import (
	"bytes"
	"sync"
	"testing"

	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// TestSharedShapesChangeNoByte renders every locale with a Printer that keeps what it shapes
// for its next renderings, as print and screen variant, all at once, after two renderings have
// filled its cache, and checks each file is the one a Printer that keeps nothing renders, byte
// for byte.
func TestSharedShapesChangeNoByte(t *testing.T) {
	p, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	fresh.shapes = typeset.NewCache(fresh.fonts, 0) // keeps nothing
	variants := []Options{{}, {Screen: true}}
	render := func(p *Printer, tag string, o Options) []byte {
		var buf bytes.Buffer
		if _, err := p.Render(t.Context(), &buf, tag, o); err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		return buf.Bytes()
	}
	for range 2 { // a paragraph is kept the second time it is shaped
		for _, tag := range p.Locales() {
			render(p, tag.String(), Options{})
		}
	}
	var wg sync.WaitGroup
	for _, tag := range p.Locales() {
		for _, o := range variants {
			want := render(fresh, tag.String(), o)
			wg.Go(func() {
				if got := render(p, tag.String(), o); !bytes.Equal(got, want) {
					t.Errorf("%s %+v: rendered with shared shapes, %d bytes differ from %d (first difference at byte %d)",
						tag, o, len(got), len(want), firstDiff(got, want))
				}
			})
		}
	}
	wg.Wait()
}
