package catalog_test

import (
	"errors"
	"fmt"
	"log"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/locales"
)

func ExampleLoad() {
	// A partner's folder changes one French message; the others come from the embedded base.
	partner := fstest.MapFS{
		"fr.toml": {Data: []byte("[HelpIntro]\nother = \"Vous n’êtes pas seuls : appelez-nous.\"\n")},
	}
	c, err := catalog.Load(locales.FS(), partner)
	if err != nil {
		log.Fatal(err)
	}
	fr := c.Messages(language.French, true)
	for _, id := range []string{"HelpIntro", "HelpWebsite"} {
		s, err := fr.Text(id, map[string]string{"Website": "www.ecpat.be"}, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s)
	}
	fmt.Println(len(c.Check(language.French)), "problems")
	// (French sets a no-break space before the colon.)

	// Output:
	// Vous n’êtes pas seuls : appelez-nous.
	// Site web : www.ecpat.be
	// 0 problems
}

func ExampleCatalog_Check() {
	c, err := catalog.Load(fstest.MapFS{
		"en.toml": {Data: []byte(`
[Intro]
description = "The opening paragraph."
other = "Hello."

[HelpWebsite]
description = "A web address, printed as it is."
other = "Website: {{.Website}}"
`)},
		"nl.toml": {Data: []byte(`
[Intro]
hash = "sha1-0000000000000000000000000000000000000000"
other = "Hallo."

[HelpWebsite]
other = "Website: {{len .Website}}"

[Extra]
other = "Niet in het Engels."
`)},
		"notes.toml": {Data: []byte("# not a catalogue\n")},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range c.Problems() {
		fmt.Println(p)
	}
	for _, p := range c.Check(language.Dutch) {
		fmt.Printf("%s\n\t(%s)\n", p, p.Kind)
	}
	// Output:
	// notes.toml: the file name holds no language tag, so the file is skipped: name it <tag>.toml, active.<tag>.toml or translate.<tag>.toml
	// nl.toml:3: nl: Intro: the English changed since this was translated: review the translation against the English, then set hash = "sha1-1d9e0c30ead773ead7fbae90a18f74e783a565f9"
	// 	(stale)
	// nl.toml:7: nl: HelpWebsite: the template action {{len .Website}} is not allowed: use only placeholders, written as {{.Name}}
	// 	(action)
	// nl.toml:9: nl: Extra: not in the English catalogue, so never printed: remove it, or correct its ID
	// 	(unknown)
}

func ExampleMessages_Text() {
	c, err := catalog.Load(fstest.MapFS{
		"en.toml": {Data: []byte(`
HelpContact = "Questions? Contact {{.Organisation}}."

[ChecklistCount]
one = "{{.Count}} agreement"
other = "{{.Count}} agreements"
`)},
		"ru.toml": {Data: []byte(`
HelpContact = "Вопросы? Обращайтесь в {{.Organisation}}."

[ChecklistCount]
one = "{{.Count}} договорённость"
few = "{{.Count}} договорённости"
many = "{{.Count}} договорённостей"
other = "{{.Count}} договорённости"
`)},
	})
	if err != nil {
		log.Fatal(err)
	}
	ru := c.Messages(language.Russian, true)
	s, err := ru.Text("HelpContact", map[string]string{"Organisation": "ECPAT"}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s)

	// A count chooses the plural form (CLDR) and is {{.Count}} in the message.
	for _, n := range []int{1, 3, 7} {
		s, err := ru.Text("ChecklistCount", nil, &n)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s)
	}

	// Data that lacks a placeholder is an error, never "<no value>".
	_, err = ru.Text("HelpContact", nil, nil)
	var me *catalog.MessageError
	fmt.Println(errors.As(err, &me), me.Kind)
	fmt.Println(err)
	// Output:
	// Вопросы? Обращайтесь в ECPAT.
	// 1 договорённость
	// 3 договорённости
	// 7 договорённостей
	// true placeholders
	// ru.toml:2: ru: message HelpContact: no value for the placeholder {{.Organisation}}
}
