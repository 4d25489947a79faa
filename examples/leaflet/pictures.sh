#!/bin/sh
# Makes the pictures of the README: both pages of a few locales, page 1 with -marks, and the
# poster in two, as PNG, from freshly printed PDFs. Needs pdftoppm (Debian's poppler-utils).
# Run from anywhere:
#   sh examples/leaflet/pictures.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$here/../.."
go run ./examples/leaflet -out "$tmp" -lang en,ar,ur,hi,de >/dev/null
for tag in en ar ur hi de; do
	pdftoppm -r 45 -png "$tmp/$tag.pdf" "$here/pictures/$tag"
done
# Page 1 as the print shop gets it with -marks: crop marks and the slug line beyond the bleed.
go run ./examples/leaflet -marks -out "$tmp/marks" -lang en >/dev/null
pdftoppm -r 60 -png -f 1 -l 1 "$tmp/marks/en.pdf" "$here/pictures/en-marks"
go run ./examples/poster -out "$tmp/poster" -lang en,ur >/dev/null
for tag in en ur; do
	pdftoppm -r 32 -png "$tmp/poster/$tag.pdf" "$here/pictures/poster-$tag"
done
ls "$here/pictures"
