// Command leaflet prints the Make-IT-Safe parent leaflet for every locale of a partner's
// edition (or those given with -lang) into DIR/<tag>.pdf, one line per file, in parallel. Files
// are written atomically: a failed run never leaves a half-written PDF. It exits non-zero on
// any error.
//
//	go run ./examples/leaflet [-out DIR] [-lang fr,ar] [-edition FILE] [-catalogues DIR] [-strict] [-text]
//	go run ./examples/leaflet -check [-lang fr] [-edition FILE] [-catalogues DIR]
//
// With -check it prints nothing but every problem: messages missing, unknown, stale or with
// other fields than English, plural forms missing, help lines not described in a language,
// text that does not fit its frame even at the smallest size or was set smaller, characters no
// font has. Only errors, not warnings, make it exit non-zero.
package main

import "github.com/ecpat/makeitsafe/examples/internal/batch"

func main() { batch.Main("leaflet", nil) }
