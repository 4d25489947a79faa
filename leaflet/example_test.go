package leaflet_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/ecpat/makeitsafe/leaflet"
	"github.com/ecpat/makeitsafe/leaflet/editions"
)

// Render picks the catalogue that serves a BCP 47 tag: Punjabi as written in India is served by
// the pa catalogue (Gurmukhi).
func ExampleRender() {
	var buf bytes.Buffer
	report, err := leaflet.Render(context.Background(), &buf, "pa-IN", leaflet.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(report.Locale, report.Pages, "pages")
	fmt.Println(bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")), report.Bytes == buf.Len())
	// Output:
	// pa 2 pages
	// true true
}

// A partner's edition: its own help line, no e-mail address. The help box prints one line per
// help line and leaves the e-mail line out.
func ExamplePrinter_Text() {
	edition, err := editions.Parse([]byte(`
organisation = "ECPAT UK"
website = "www.ecpat.org.uk"
emergency = "999"

[[helpline]]
name = "Childline"
number = "0800 1111"
[helpline.description]
en = "free, confidential help for children and young people"
`), "ecpat-uk.toml")
	if err != nil {
		log.Fatal(err)
	}
	p, err := leaflet.New(leaflet.Config{})
	if err != nil {
		log.Fatal(err)
	}
	paras, err := p.Text("en", leaflet.Options{Edition: edition, Strict: true})
	if err != nil {
		log.Fatal(err)
	}
	for _, para := range paras {
		if para.Frame == "back/help-body" && para.Message != "HelpIntro" {
			fmt.Println(strings.ReplaceAll(para.Text, "\u00a0", " ")) // numbers hold together with no-break spaces
		}
	}
	// Output:
	// Questions? Contact ECPAT UK.
	// Website: www.ecpat.org.uk
	// Childline, free, confidential help for children and young people: 0800 1111
	// In an emergency, call 999.
}

// A tag that no catalogue serves is an error that lists the locales there are.
func ExampleRender_unknown() {
	_, err := leaflet.Render(context.Background(), io.Discard, "zh", leaflet.Options{})
	var unknown *leaflet.UnknownLocaleError
	if errors.As(err, &unknown) {
		fmt.Println(unknown.Requested, unknown.Available[0])
	}
	fmt.Println(strings.SplitAfter(err.Error(), "available:")[0])
	// Output:
	// zh en
	// leaflet: no catalogue for "zh"; available:
}
