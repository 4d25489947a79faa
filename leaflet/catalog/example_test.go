package catalog_test

import (
	"fmt"
	"log"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/catalog"
	"github.com/ecpat/makeitsafe/locales"
)

func ExampleLoad() {
	c, err := catalog.Load(locales.FS)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Tags())
	// Output:
	// [en ar bn de fr hi nl pa ro ru sr-Latn tr ur vi]
}

func ExampleCatalog_Match() {
	c, err := catalog.Load(locales.FS)
	if err != nil {
		log.Fatal(err)
	}
	for _, requested := range []string{"de-AT", "pa-IN", "sh", "sr-Cyrl", "zh"} {
		tag, warning, err := c.Match(requested)
		switch {
		case err != nil:
			fmt.Printf("%s: error: %v\n", requested, err)
		case warning != "":
			fmt.Printf("%s: %s (warning: %s)\n", requested, tag, warning)
		default:
			fmt.Printf("%s: %s\n", requested, tag)
		}
	}
	// Output:
	// de-AT: de
	// pa-IN: pa
	// sh: sr-Latn
	// sr-Cyrl: sr-Latn (warning: no catalogue for sr-Cyrl: using sr-Latn)
	// zh: error: no catalogue for "zh"; available: en ar bn de fr hi nl pa ro ru sr-Latn tr ur vi
}

func ExampleMessages_Text() {
	c, err := catalog.Load(locales.FS)
	if err != nil {
		log.Fatal(err)
	}
	de := c.Messages(language.German, true)
	s, err := de.Text("HelpContact", map[string]any{"Organisation": "ECPAT Deutschland"}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s)

	// A count chooses the plural form (CLDR) and is {{.Count}} in the message.
	ru := c.Messages(language.Russian, true)
	for _, n := range []int{1, 3, 7} {
		s, err := ru.Text("ChecklistCount", nil, &n)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s)
	}
	// Output:
	// Fragen? Kontakt: ECPAT Deutschland.
	// 1 договорённость
	// 3 договорённости
	// 7 договорённостей
}

func ExampleCatalog_Check() {
	c, err := catalog.Load(fstest.MapFS{
		"en.toml": {Data: []byte(`
Intro = "Hello."
HelpWebsite = "Website: {{.Website}}"
`)},
		"nl.toml": {Data: []byte(`
HelpWebsite = "Website: {{.Site}}"
Extra = "Niet in het Engels."
`)},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range c.Check(language.Dutch) {
		fmt.Println(p)
	}
	// Output:
	// nl (nl.toml): HelpWebsite: placeholders {{.Site}}, English has {{.Website}}
	// nl (nl.toml): Intro: missing (English is used)
	// nl (nl.toml): Extra: not in the English source (never printed)
}

func ExampleCatalog_Placeholders() {
	c, err := catalog.Load(locales.FS)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Placeholders("HelpWebsite"))
	fmt.Println(c.Placeholders("HelpHotline"))
	// Output:
	// [Website]
	// [HotlineName HotlineNumber]
}
