package template

// Page geometry of the leaflet, in points: A4 with 3 mm bleed, 15 mm margins, two columns.
const (
	a4W, a4H = 595.276, 841.890
	bleed    = 8.504 // 3 mm
	margin   = 42.52 // 15 mm
	gutter   = 22.68 // 8 mm
	contentW = a4W - 2*margin
	colW     = (contentW - gutter) / 2
	col1     = margin
	col2     = margin + colW + gutter
	iconSize = 30.0
	boxPad   = 14.0
)

// The leaflet's colours.
var (
	Teal      = Color{C: 0.90, M: 0.35, Y: 0.35, K: 0.20} // bands, headings
	TealLight = Color{C: 0.55, M: 0.10, Y: 0.20, K: 0.00} // decoration in the band
	Orange    = Color{C: 0.00, M: 0.55, Y: 0.95, K: 0.00} // icons, badges, accents
	Tint      = Color{C: 0.10, M: 0.02, Y: 0.05, K: 0.00} // box backgrounds
	Ink       = Color{C: 0.00, M: 0.00, Y: 0.00, K: 0.90} // running text
	Grey      = Color{C: 0.00, M: 0.00, Y: 0.00, K: 0.55} // footer
	White     = Color{}
)

// Leaflet is the two-page Make-IT-Safe parent leaflet.
var Leaflet = Template{
	Width: a4W, Height: a4H, Bleed: bleed,
	BadgeFill: Orange,
	Styles: map[string]Style{
		"title":    {Bold: true, Size: 42, MinSize: 28, Color: White},
		"subtitle": {Size: 17, MinSize: 12, Color: White},
		"title2":   {Bold: true, Size: 24, MinSize: 18, Color: White},
		"tagline":  {Size: 13, MinSize: 10, Color: White},
		"intro":    {Size: 12.5, MinSize: 9, Color: Ink},
		"heading":  {Bold: true, Size: 14, MinSize: 10, Color: Teal},
		"body":     {Size: 11, MinSize: 8, Color: Ink, SpaceAfter: 5},
		"help":     {Size: 10.5, MinSize: 8, Color: Ink, SpaceAfter: 5},
		"check":    {Size: 11.5, MinSize: 8, Color: Ink, SpaceAfter: 7},
		"badge":    {Bold: true, Size: 10, MinSize: 7, Color: White, Align: Center},
		"footer":   {Size: 7.5, MinSize: 6, Color: Grey, Align: Center},
	},
	Pages: []Page{front, back},
}

// section is a tip: an icon in a disc, a heading beside it and the body below, in a column.
func section(name string, x, y, h float64, icon, heading, body string) ([]Shape, []Frame) {
	shapes := []Shape{
		{Kind: Circle, Rect: Rect{x, y, iconSize, iconSize}, Color: Orange},
		{Kind: Icon, Rect: Rect{x + 6, y + 6, iconSize - 12, iconSize - 12}, Icon: icon, Color: White, Back: Orange},
	}
	frames := []Frame{
		{Name: name + "-heading", Rect: Rect{x + iconSize + 8, y, colW - iconSize - 8, 34}, Style: "heading", Messages: []string{heading}},
		{Name: name + "-body", Rect: Rect{x, y + 40, colW, h - 40}, Style: "body", Messages: []string{body}},
	}
	return shapes, frames
}

// page puts sections together with the rest of a page.
func page(shapes []Shape, frames []Frame, sections ...func() ([]Shape, []Frame)) Page {
	p := Page{Shapes: shapes}
	for _, s := range sections {
		sh, fr := s()
		p.Shapes = append(p.Shapes, sh...)
		p.Frames = append(p.Frames, fr...)
	}
	p.Frames = append(p.Frames, frames...)
	return p
}

func sec(name string, x, y, h float64, icon, heading, body string) func() ([]Shape, []Frame) {
	return func() ([]Shape, []Frame) { return section(name, x, y, h, icon, heading, body) }
}

// The rows of the front page and the boxes of the back page.
const (
	frontBandH           = 172.0
	row1, row2, rowH     = 300.0, 548.0, 236.0
	footerY              = 806.0
	backBandH            = 96.0
	backRow, backRowH    = 120.0, 262.0
	helpInnerX           = col2 + boxPad
	helpInnerW           = colW - 2*boxPad
	checkY, checkH       = 410.0, 378.0
	checkItemsY          = checkY + 86
	checkInset           = 24.0
	writeInH             = 58.0 // two lines for the family's own agreements
	badgeW, badgeH       = 118.0, 22.0
	checkItemsH          = checkY + checkH - boxPad - writeInH - checkItemsY
	writeLine1, writeLn2 = checkY + checkH - boxPad - writeInH + 22, checkY + checkH - boxPad - 6
)

var front = page(
	[]Shape{
		{Kind: Fill, Rect: Rect{-bleed, -bleed, a4W + 2*bleed, frontBandH + bleed}, Color: Teal},
		{Kind: Circle, Rect: Rect{a4W - 160, 6, 160, 160}, Color: TealLight},
		{Kind: Icon, Rect: Rect{a4W - 130, 36, 100, 100}, Icon: "shield", Color: White, Back: TealLight},
		{Kind: Fill, Rect: Rect{-bleed, frontBandH, a4W + 2*bleed, 5}, Color: Orange},
		{Kind: Rule, Rect: Rect{margin, 798, contentW, 0.6}, Color: Teal},
	},
	[]Frame{
		{Name: "front/title", Rect: Rect{margin, 30, 370, 62}, Style: "title", Messages: []string{"Title"}},
		{Name: "front/subtitle", Rect: Rect{margin, 96, 370, 70}, Style: "subtitle", Messages: []string{"Subtitle"}},
		{Name: "front/intro", Rect: Rect{margin, 196, contentW, 96}, Style: "intro", Messages: []string{"Intro"}},
		{Name: "front/footer", Rect: Rect{margin, footerY, contentW, 26}, Style: "footer", Messages: []string{"Footer"}},
	},
	sec("front/talk", col1, row1, rowH, "talk", "TalkHeading", "TalkBody"),
	sec("front/social", col2, row1, rowH, "phone", "SocialHeading", "SocialBody"),
	sec("front/image", col1, row2, rowH, "camera", "ImageHeading", "ImageBody"),
	sec("front/strangers", col2, row2, rowH, "warning", "StrangersHeading", "StrangersBody"),
)

var back = page(
	[]Shape{
		{Kind: Fill, Rect: Rect{-bleed, -bleed, a4W + 2*bleed, backBandH + bleed}, Color: Teal},
		{Kind: Circle, Rect: Rect{a4W - 104, -bleed, 104, 104}, Color: TealLight},
		{Kind: Icon, Rect: Rect{a4W - 81, 14, 58, 58}, Icon: "shield", Color: White, Back: TealLight},
		{Kind: Fill, Rect: Rect{-bleed, backBandH, a4W + 2*bleed, 5}, Color: Orange},
		{Kind: Fill, Rect: Rect{col2, backRow, colW, backRowH}, Color: Tint},
		{Kind: Fill, Rect: Rect{col2, backRow, 4, backRowH}, Color: Orange},
		{Kind: Circle, Rect: Rect{helpInnerX, backRow + boxPad, iconSize, iconSize}, Color: Teal},
		{Kind: Icon, Rect: Rect{helpInnerX + 5, backRow + boxPad + 5, iconSize - 10, iconSize - 10}, Icon: "lifebuoy", Color: White, Back: Teal},
		{Kind: Fill, Rect: Rect{margin, checkY, contentW, checkH}, Color: Tint},
		{Kind: Fill, Rect: Rect{margin, checkY, 4, checkH}, Color: Orange},
		{Kind: Circle, Rect: Rect{margin + boxPad, checkY + boxPad, iconSize, iconSize}, Color: Teal},
		{Kind: Icon, Rect: Rect{margin + boxPad + 6, checkY + boxPad + 6, iconSize - 12, iconSize - 12}, Icon: "check", Color: White, Back: Teal},
		{Kind: Box, Rect: Rect{margin + boxPad + checkInset - 18, writeLine1 - 9, 9, 9}, Color: Teal},
		{Kind: Rule, Rect: Rect{margin + boxPad + checkInset, writeLine1, contentW - 2*boxPad - checkInset, 0.6}, Color: Teal},
		{Kind: Box, Rect: Rect{margin + boxPad + checkInset - 18, writeLn2 - 9, 9, 9}, Color: Teal},
		{Kind: Rule, Rect: Rect{margin + boxPad + checkInset, writeLn2, contentW - 2*boxPad - checkInset, 0.6}, Color: Teal},
		{Kind: Rule, Rect: Rect{margin, 798, contentW, 0.6}, Color: Teal},
	},
	[]Frame{
		{Name: "back/title", Rect: Rect{margin, 16, 330, 38}, Style: "title2", Messages: []string{"Title"}},
		{Name: "back/tagline", Rect: Rect{margin, 56, 400, 34}, Style: "tagline", Messages: []string{"Tagline"}},
		{Name: "back/help-heading", Rect: Rect{helpInnerX + iconSize + 8, backRow + boxPad, helpInnerW - iconSize - 8, 34}, Style: "heading", Messages: []string{"HelpHeading"}},
		{Name: "back/help-body", Rect: Rect{helpInnerX, backRow + boxPad + 42, helpInnerW, backRowH - 2*boxPad - 42}, Style: "help",
			Messages: []string{"HelpIntro", "HelpContact", "HelpWebsite", "HelpEmail", "HelpHotline", "HelpEmergency"}},
		{Name: "back/checklist-heading", Rect: Rect{margin + boxPad + iconSize + 8, checkY + boxPad, contentW - 2*boxPad - iconSize - 8, 34}, Style: "heading", Messages: []string{"ChecklistHeading"}},
		{Name: "back/checklist-count", Rect: Rect{margin + contentW - boxPad - badgeW, checkY - badgeH/2, badgeW, badgeH}, Style: "badge", Messages: []string{"ChecklistCount"}, Count: "Checks", Badge: true},
		{Name: "back/checklist-intro", Rect: Rect{margin + boxPad, checkY + boxPad + 42, contentW - 2*boxPad, 28}, Style: "body", Messages: []string{"ChecklistIntro"}},
		{Name: "back/checklist", Rect: Rect{margin + boxPad + checkInset, checkItemsY, contentW - 2*boxPad - checkInset, checkItemsH}, Style: "check",
			Messages: []string{"Check1", "Check2", "Check3", "Check4", "Check5", "Check6", "Check7"}, Checks: true},
		{Name: "back/footer", Rect: Rect{margin, footerY, contentW, 26}, Style: "footer", Messages: []string{"Footer"}},
	},
	sec("back/bullying", col1, backRow, backRowH, "hand", "BullyingHeading", "BullyingBody"),
)
