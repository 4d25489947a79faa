// Package fonts holds the Noto font files the leaflet is set in, embedded so that the library
// works from any directory. See README.md in this folder for where each file comes from.
package fonts

import (
	"embed"
	"io/fs"
)

//go:embed *.ttf fonts.toml
var files embed.FS

// FS returns every *.ttf file of this folder and fonts.toml, which says in which order the
// families are tried and which languages prefer a family; read-only.
func FS() fs.FS { return files }
