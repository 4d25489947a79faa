package leaflet_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/ecpat/makeitsafe/leaflet"
	"github.com/ecpat/makeitsafe/leaflet/catalog"
)

// Render picks the catalogue that serves a BCP 47 tag: Punjabi as written in India is served by
// the pa catalogue (Gurmukhi).
func ExampleRender() {
	var buf bytes.Buffer
	report, err := leaflet.Render(&buf, "pa-IN", leaflet.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(report.Locale, report.Pages, "pages")
	fmt.Println(bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")), report.Bytes == buf.Len())
	// Output:
	// pa 2 pages
	// true true
}

// A partner without an e-mail address or phone numbers: the help box leaves those lines out.
func ExampleRender_partner() {
	partner := &leaflet.Partner{Organisation: "ECPAT Nederland", Website: "www.ecpat.nl"}
	report, err := leaflet.Render(io.Discard, "nl", leaflet.Options{Partner: partner, Strict: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(report.Locale, report.Pages, len(report.Warnings))
	// Output: nl 2 0
}

// A tag that no catalogue serves is an error that lists the locales there are.
func ExampleRender_unknown() {
	_, err := leaflet.Render(io.Discard, "zh", leaflet.Options{})
	fmt.Println(err)
	var unknown *catalog.UnknownLocaleError
	if errors.As(err, &unknown) {
		fmt.Println(unknown.Requested, len(unknown.Available))
	}
	// Output:
	// leaflet: no catalogue for "zh"; available: en ar bn de fr hi nl pa ro ru sr-Latn tr ur vi
	// zh 14
}

func ExamplePrinter_Locales() {
	p, err := leaflet.New(leaflet.Config{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Locales())
	// Output: [en ar bn de fr hi nl pa ro ru sr-Latn tr ur vi]
}
