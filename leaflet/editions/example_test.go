package editions_test

import (
	"fmt"

	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/editions"
)

func ExampleParse() {
	e, err := editions.Parse([]byte(`
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
		panic(err)
	}
	desc, english := e.Helplines[0].Description(language.Urdu)
	fmt.Println(e.Organisation, e.Helplines[0].Number)
	fmt.Println(desc, english)
	// Output:
	// ECPAT UK 0800 1111
	// free, confidential help for children and young people true
}

func ExampleParse_mistake() {
	_, err := editions.Parse([]byte(`
organisation = "ECPAT UK"
emergancy = "999"
`), "ecpat-uk.toml")
	fmt.Println(err)
	// Output:
	// ecpat-uk.toml:3: emergancy: unknown key; did you mean "emergency"? (known keys: digits, email, emergency, helpline, locales, organisation, website)
}
