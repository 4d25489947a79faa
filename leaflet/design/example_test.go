package design_test

import (
	"fmt"

	"github.com/ecpat/makeitsafe/leaflet/design"
)

func ExampleParse() {
	_, err := design.Parse([]byte(`
[sheet]
width = "148mm"
height = "210mm"

[colour]
ink = [0, 0, 0, 90]

[style.body]
size = 11
colour = "ink"

[[page]]
name = "card"
[[page.frame]]
name = "intro"
rect = ["10mm", "10mm", "128mm", "60mm"]
style = "body"
messages = ["Intro"]
valing = "middle"
`), "card.toml")
	fmt.Println(err)
	// Output:
	// card.toml:20: page[0].frame[0].valing: unknown key; did you mean "valign"? (known keys: background, columns, count, gutter, marker, messages, min_height, name, rect, role, row, section, style, valign)
}

func ExampleLeaflet() {
	d, err := design.Leaflet()
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %d pages of %.0f × %.0f pt\n", d.Name, len(d.Pages), d.Width, d.Height)
	for _, f := range d.Pages[0].Frames[:2] {
		fmt.Println(f.Name, f.Messages, f.Style.Size)
	}
	// Output:
	// Make-IT-Safe parent leaflet: 2 pages of 595 × 842 pt
	// front/title [Title] 42
	// front/subtitle [Subtitle] 17
}
