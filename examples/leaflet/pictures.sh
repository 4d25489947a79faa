#!/bin/sh
# Makes the pictures of the README: both pages of a few locales, as PNG, from freshly printed
# leaflets. Needs pdftoppm (Debian's poppler-utils). Run from anywhere:
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
ls "$here/pictures"
