// Package locales holds the leaflet's message catalogues, one go-i18n TOML file per locale.
package locales

import "embed"

// FS holds every catalogue of this folder (<tag>.toml).
//
//go:embed *.toml
var FS embed.FS
