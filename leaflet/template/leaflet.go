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
		"intro":    {Size: 12, MinSize: 9, Color: Ink},
		"heading":  {Bold: true, Size: 14, MinSize: 10, Color: Teal},
		"body":     {Size: 10.5, MinSize: 8, Color: Ink, SpaceAfter: 5},
		"help":     {Size: 10.5, MinSize: 8, Color: Ink, SpaceAfter: 4},
		"check":    {Size: 10.5, MinSize: 8, Color: Ink, SpaceAfter: 6},
		"badge":    {Bold: true, Size: 10, MinSize: 7, Color: White, Align: Center},
		"footer":   {Size: 7.5, MinSize: 6, Color: Grey, Align: Center},
	},
	Pages: []Page{front, back},
}

var front = Page{
	Shapes: []Shape{
		{Kind: Fill, Rect: Rect{-bleed, -bleed, a4W + 2*bleed, 178 + bleed}, Color: Teal},
		{Kind: Circle, Rect: Rect{a4W - 150, 18, 190, 190}, Color: TealLight},
		{Kind: Icon, Rect: Rect{a4W - 122, 45, 100, 100}, Icon: "shield", Color: White, Back: TealLight},
		{Kind: Fill, Rect: Rect{-bleed, 178, a4W + 2*bleed, 5}, Color: Orange},
		{Kind: Circle, Rect: Rect{col1, 312, iconSize, iconSize}, Color: Orange},
		{Kind: Icon, Rect: Rect{col1 + 6, 318, iconSize - 12, iconSize - 12}, Icon: "talk", Color: White, Back: Orange},
		{Kind: Circle, Rect: Rect{col2, 312, iconSize, iconSize}, Color: Orange},
		{Kind: Icon, Rect: Rect{col2 + 6, 318, iconSize - 12, iconSize - 12}, Icon: "phone", Color: White, Back: Orange},
		{Kind: Circle, Rect: Rect{col1, 572, iconSize, iconSize}, Color: Orange},
		{Kind: Icon, Rect: Rect{col1 + 6, 578, iconSize - 12, iconSize - 12}, Icon: "camera", Color: White, Back: Orange},
		{Kind: Circle, Rect: Rect{col2, 572, iconSize, iconSize}, Color: Orange},
		{Kind: Icon, Rect: Rect{col2 + 6, 578, iconSize - 12, iconSize - 12}, Icon: "warning", Color: White, Back: Orange},
		{Kind: Rule, Rect: Rect{margin, 800, contentW, 0.6}, Color: Teal},
	},
	Frames: []Frame{
		{Name: "front/title", Rect: Rect{margin, 34, 380, 62}, Style: "title", Messages: []string{"Title"}},
		{Name: "front/subtitle", Rect: Rect{margin, 100, 380, 70}, Style: "subtitle", Messages: []string{"Subtitle"}},
		{Name: "front/intro", Rect: Rect{margin, 200, contentW, 100}, Style: "intro", Messages: []string{"Intro"}},
		{Name: "front/talk-heading", Rect: Rect{col1 + iconSize + 8, 312, colW - iconSize - 8, 32}, Style: "heading", Messages: []string{"TalkHeading"}},
		{Name: "front/talk-body", Rect: Rect{col1, 352, colW, 205}, Style: "body", Messages: []string{"TalkBody"}},
		{Name: "front/social-heading", Rect: Rect{col2 + iconSize + 8, 312, colW - iconSize - 8, 32}, Style: "heading", Messages: []string{"SocialHeading"}},
		{Name: "front/social-body", Rect: Rect{col2, 352, colW, 205}, Style: "body", Messages: []string{"SocialBody"}},
		{Name: "front/image-heading", Rect: Rect{col1 + iconSize + 8, 572, colW - iconSize - 8, 32}, Style: "heading", Messages: []string{"ImageHeading"}},
		{Name: "front/image-body", Rect: Rect{col1, 612, colW, 180}, Style: "body", Messages: []string{"ImageBody"}},
		{Name: "front/strangers-heading", Rect: Rect{col2 + iconSize + 8, 572, colW - iconSize - 8, 32}, Style: "heading", Messages: []string{"StrangersHeading"}},
		{Name: "front/strangers-body", Rect: Rect{col2, 612, colW, 180}, Style: "body", Messages: []string{"StrangersBody"}},
		{Name: "front/footer", Rect: Rect{margin, 806, contentW, 26}, Style: "footer", Messages: []string{"Footer"}},
	},
}

const (
	helpX, helpY, helpH   = col2, 118.0, 312.0
	checkX, checkY        = margin, 452.0
	checkW, checkH        = contentW, 334.0
	checkItemsY           = checkY + 84
	checkInset            = 24.0
	badgeW, badgeH        = 118.0, 22.0
	checkHeadingW         = checkW - 2*boxPad - iconSize - 8
	backBandH             = 96.0
	bullyingY, bullyingH  = 118.0, 312.0
	helpInnerX, helpInner = helpX + boxPad, colW - 2*boxPad
)

var back = Page{
	Shapes: []Shape{
		{Kind: Fill, Rect: Rect{-bleed, -bleed, a4W + 2*bleed, backBandH + bleed}, Color: Teal},
		{Kind: Circle, Rect: Rect{a4W - 95, -40, 150, 150}, Color: TealLight},
		{Kind: Icon, Rect: Rect{a4W - 82, 20, 56, 56}, Icon: "shield", Color: White, Back: TealLight},
		{Kind: Fill, Rect: Rect{-bleed, backBandH, a4W + 2*bleed, 5}, Color: Orange},
		{Kind: Circle, Rect: Rect{col1, bullyingY, iconSize, iconSize}, Color: Orange},
		{Kind: Icon, Rect: Rect{col1 + 6, bullyingY + 6, iconSize - 12, iconSize - 12}, Icon: "hand", Color: White, Back: Orange},
		{Kind: Fill, Rect: Rect{helpX, helpY, colW, helpH}, Color: Tint},
		{Kind: Fill, Rect: Rect{helpX, helpY, 4, helpH}, Color: Orange},
		{Kind: Circle, Rect: Rect{helpInnerX, helpY + boxPad, iconSize, iconSize}, Color: Teal},
		{Kind: Icon, Rect: Rect{helpInnerX + 5, helpY + boxPad + 5, iconSize - 10, iconSize - 10}, Icon: "lifebuoy", Color: White, Back: Teal},
		{Kind: Fill, Rect: Rect{checkX, checkY, checkW, checkH}, Color: Tint},
		{Kind: Fill, Rect: Rect{checkX, checkY, 4, checkH}, Color: Orange},
		{Kind: Circle, Rect: Rect{checkX + boxPad, checkY + boxPad, iconSize, iconSize}, Color: Teal},
		{Kind: Icon, Rect: Rect{checkX + boxPad + 6, checkY + boxPad + 6, iconSize - 12, iconSize - 12}, Icon: "check", Color: White, Back: Teal},
		{Kind: Rule, Rect: Rect{margin, 800, contentW, 0.6}, Color: Teal},
	},
	Frames: []Frame{
		{Name: "back/title", Rect: Rect{margin, 18, 320, 36}, Style: "title2", Messages: []string{"Title"}},
		{Name: "back/tagline", Rect: Rect{margin, 56, 400, 34}, Style: "tagline", Messages: []string{"Tagline"}},
		{Name: "back/bullying-heading", Rect: Rect{col1 + iconSize + 8, bullyingY, colW - iconSize - 8, 32}, Style: "heading", Messages: []string{"BullyingHeading"}},
		{Name: "back/bullying-body", Rect: Rect{col1, bullyingY + 40, colW, bullyingH - 40}, Style: "body", Messages: []string{"BullyingBody"}},
		{Name: "back/help-heading", Rect: Rect{helpInnerX + iconSize + 8, helpY + boxPad, helpInner - iconSize - 8, 32}, Style: "heading", Messages: []string{"HelpHeading"}},
		{Name: "back/help-body", Rect: Rect{helpInnerX, helpY + boxPad + 42, helpInner, helpH - 2*boxPad - 42}, Style: "help",
			Messages: []string{"HelpIntro", "HelpContact", "HelpWebsite", "HelpEmail", "HelpHotline", "HelpEmergency"}},
		{Name: "back/checklist-heading", Rect: Rect{checkX + boxPad + iconSize + 8, checkY + boxPad, checkHeadingW, 32}, Style: "heading", Messages: []string{"ChecklistHeading"}},
		{Name: "back/checklist-count", Rect: Rect{checkX + checkW - boxPad - badgeW, checkY - badgeH/2, badgeW, badgeH}, Style: "badge", Messages: []string{"ChecklistCount"}, Count: "Checks", Badge: true},
		{Name: "back/checklist-intro", Rect: Rect{checkX + boxPad, checkY + boxPad + 40, checkW - 2*boxPad, 26}, Style: "body", Messages: []string{"ChecklistIntro"}},
		{Name: "back/checklist", Rect: Rect{checkX + boxPad + checkInset, checkItemsY, checkW - 2*boxPad - checkInset, checkY + checkH - boxPad - checkItemsY}, Style: "check",
			Messages: []string{"Check1", "Check2", "Check3", "Check4", "Check5", "Check6", "Check7"}, Checks: true},
		{Name: "back/footer", Rect: Rect{margin, 806, contentW, 26}, Style: "footer", Messages: []string{"Footer"}},
	},
}
