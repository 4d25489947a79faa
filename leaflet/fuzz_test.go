package leaflet

import (
	"bytes"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/locales"
)

// fuzzTags are the locales FuzzRender prints, one of each direction and script family.
var fuzzTags = []string{"fr", "ar", "ur", "hi", "en"}

// FuzzRender prints a leaflet whose catalogue has one message replaced by any text, as a
// volunteer might write it. Rendering must never panic; it fails only with an error a caller
// can test with errors.As from this package (a message that cannot be printed, text that does
// not fit, a character no font has, a file that is not a catalogue); otherwise it writes a
// whole PDF. Seeds:
// testdata/fuzz/FuzzRender (the inputs of issue 10) and below.
func FuzzRender(f *testing.F) {
	f.Add(uint8(0), uint8(0), "Une phrase du partenaire.")
	f.Add(uint8(1), uint8(10), "اتصلوا بالرقم 116 111 الآن.")
	f.Add(uint8(2), uint8(3), "{{range 100000}}{{range 100000}}x{{end}}{{end}}")
	base, err := defaultPrinter()
	if err != nil {
		f.Fatal(err)
	}
	ids := base.design.Messages()
	f.Fuzz(func(t *testing.T, tagIndex, idIndex uint8, text string) {
		tag, id := fuzzTags[int(tagIndex)%len(fuzzTags)], ids[int(idIndex)%len(ids)]
		file, err := toml.Marshal(map[string]string{id: text})
		if err != nil {
			return // not UTF-8: no catalogue file holds it
		}
		cat, err := catalog.Load(locales.FS(), fstest.MapFS{tag + ".toml": {Data: file}})
		if err != nil {
			t.Fatal(err)
		}
		p := &Printer{cat: cat, fonts: base.fonts, design: base.design, mirror: base.mirror}
		var buf bytes.Buffer
		rep, err := p.Render(t.Context(), &buf, tag, Options{})
		if err != nil {
			var (
				me  *MessageError
				fe  *FitError
				ge  *MissingGlyphError
				fle *FileError
			)
			if !errors.As(err, &me) && !errors.As(err, &fe) && !errors.As(err, &ge) && !errors.As(err, &fle) {
				t.Fatalf("%s %s = %q: %v: not an error of package leaflet", tag, id, text, err)
			}
			if buf.Len() != 0 {
				t.Fatalf("%d bytes written with the error %v", buf.Len(), err)
			}
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || rep.Bytes != buf.Len() {
			t.Fatalf("%s %s = %q: not a whole PDF", tag, id, text)
		}
	})
}
