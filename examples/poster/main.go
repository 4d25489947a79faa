// Command poster prints the Make-IT-Safe poster, one A3 page, for every locale of a partner's
// edition (or those given with -lang) into DIR/<tag>.pdf. It takes the leaflet printer's flags
// (-out, -lang, -edition, -catalogues, -strict, -check, -text).
//
//	go run ./examples/poster [-out DIR] [-lang fr,ar] [-edition FILE]
//
// The poster is its design file, poster.toml, alone: the same catalogues and editions as the
// leaflet, and no Go of its own in the library.
package main

import (
	"embed"
	"fmt"
	"os"

	"github.com/ecpat/makeitsafe/examples/internal/batch"
	"github.com/ecpat/makeitsafe/leaflet/design"
)

//go:embed poster.toml
var files embed.FS

func main() {
	d, err := design.Load(files, "poster.toml")
	if err != nil {
		fmt.Fprintln(os.Stderr, "poster:", err)
		os.Exit(1)
	}
	batch.Main("poster", d)
}
