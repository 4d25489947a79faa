#!/bin/sh
# Builds fogra39.icc, the CMYK profile of the leaflets' PDF/X output intent, from Fogra's
# FOGRA39 characterisation data as Debian's icc-profiles-free ships it (FOGRA39L.ti3, zlib
# licence), with ArgyllCMS's colprof (Debian's argyll). See README.md beside this file.
#
#   sh leaflet/pdf/profile/build.sh          # rebuilds fogra39.icc in place
#   sh leaflet/pdf/profile/build.sh -check   # rebuilds it elsewhere and compares (CI)
#
# colprof's output is the same for the same input and version, but for the date in the
# profile's header, which this script sets to 2026-01-01 00:00:00 so that a rebuild is
# byte-identical.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ti3=${TI3:-/usr/share/color/icc/FOGRA39L.ti3}
for tool in colprof dd cmp; do
	command -v "$tool" >/dev/null || { echo "build.sh: no $tool (apt-get install argyll)" >&2; exit 1; }
done
test -r "$ti3" || { echo "build.sh: no $ti3 (apt-get install icc-profiles-free)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$ti3" "$tmp/FOGRA39L.ti3"
# -qm: medium quality device-to-PCS tables (error against the data: 0.16 ΔE average, 0.72 peak);
# -bl: smaller PCS-to-device tables, which a PDF/X output intent does not need for proofing;
# -nc: without the measurement data; -kr: ramp black generation; -l300: 300% total ink, the
# leaflets' limit, for anything converted into this profile.
(cd "$tmp" && colprof -qm -bl -nc -kr -l300 \
	-D "FOGRA39 coated offset (Make-IT-Safe, ArgyllCMS from FOGRA39L.ti3)" \
	-C "Built from FOGRA39L.ti3 of icc-profiles-free (Kai-Uwe Behrmann, zlib licence); no warranty" \
	-O fogra39.icc FOGRA39L >/dev/null)
# The header's date (bytes 24-35: year, month, day, hour, minute, second, each big-endian
# 16 bits): 2026-01-01 00:00:00.
printf '\007\352\000\001\000\001\000\000\000\000\000\000' |
	dd of="$tmp/fogra39.icc" bs=1 seek=24 conv=notrunc 2>/dev/null

if [ "${1:-}" = -check ]; then
	cmp "$tmp/fogra39.icc" "$here/fogra39.icc" || {
		echo "build.sh: fogra39.icc differs from what this script builds (colprof $(colprof 2>&1 | sed -n 's/.*Version //p' | head -1))" >&2
		exit 1
	}
	echo "fogra39.icc: rebuilt, identical"
	exit 0
fi
cp "$tmp/fogra39.icc" "$here/fogra39.icc"
echo "fogra39.icc: $(wc -c <"$here/fogra39.icc") bytes"
