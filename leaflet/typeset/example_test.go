package typeset_test

import (
	"fmt"

	"github.com/ecpat/makeitsafe/fonts"
	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/ecpat/makeitsafe/leaflet/typeset"
)

// A right-to-left paragraph with a phone number: the runs of its line, from left to right on the
// page. The number keeps its groups in order because a no-break space joins them.
func ExampleTypesetter_Set() {
	set, err := fontset.Load(fonts.FS())
	if err != nil {
		panic(err)
	}
	ts := typeset.New(set.NewFaces(), "ar", true)
	b, err := ts.Set([]typeset.Paragraph{{
		Text:  "اتصلوا بالرقم 116\u00a0000 أو زوروا www.ecpat.be",
		Style: typeset.Style{Size: 12},
	}}, 400, 100)
	if err != nil {
		panic(err)
	}
	fmt.Println(b)
	for _, r := range b.Lines[0].Runs {
		fmt.Printf("level %d  %-24s %q\n", r.Level, r.Font.Name, string(r.Text))
	}
	// Output:
	// 1 lines, 20.4pt tall, overflow 0.0pt
	// level 2  NotoSans-Regular         "www.ecpat.be"
	// level 1  NotoNaskhArabic-Regular  " أو زوروا "
	// level 2  NotoNaskhArabic-Regular  "116\u00a0000"
	// level 1  NotoNaskhArabic-Regular  "اتصلوا بالرقم "
}
