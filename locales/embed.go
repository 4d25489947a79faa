// Package locales holds the leaflet's message catalogues, one go-i18n TOML file per locale.
package locales

import (
	"embed"
	"io/fs"
)

//go:embed *.toml
var files embed.FS

// FS returns every catalogue of this folder (<tag>.toml), read-only.
func FS() fs.FS { return files }
