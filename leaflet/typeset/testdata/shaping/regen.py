#!/usr/bin/env python3
"""regen.py: make harfbuzz.json, HarfBuzz's own shaping of every word piece TestHarfBuzz compares.

TestHarfBuzz (leaflet/typeset/harfbuzz_test.go) sets each sentence of sentences.txt with the
typesetter and compares every word with the glyphs and positions that Debian's hb-shape gives for
the word shaped alone. Which font a word is set in is decided by the Go pipeline (script, language,
fallback for characters the first font lacks), and this script cannot run Go, so the reference is
made in two steps, from the repository's root:

  1. go test ./leaflet/typeset -run TestHarfBuzz -args -words testdata/shaping/words.tsv
     sets the sentences and writes words.tsv: one "lang<TAB>font file<TAB>text" line per distinct
     piece of a word (a word set in two runs, such as an Arabic word with a digit or a Latin
     letter in it, or a word whose punctuation comes from a fallback font, is two pieces).
  2. python3 leaflet/typeset/testdata/shaping/regen.py
     shapes each piece with
        hb-shape --font-file fonts/FONT --language LANG --no-glyph-names --output-format=json
     letting hb-shape guess direction and script from the text, as /work/shared/tools/shapecheck.py
     does, and writes harfbuzz.json. Commit words.tsv and harfbuzz.json.

Then `go test ./leaflet/typeset -run TestHarfBuzz -v` compares; it needs Go alone.

Needs python3 (standard library only) and hb-shape on PATH (Debian: libharfbuzz-bin; the committed
reference was made with HarfBuzz 6.0.0).
"""
import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
HB_ARGS = ["--no-glyph-names", "--output-format=json"]


def read_words(path):
    """The (lang, font file, text) triples of words.tsv, in file order."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not all(parts):
                sys.exit(f"{path}:{n}: want lang<TAB>font file<TAB>text, got {line!r}")
            out.append(tuple(parts))
    return out


def shape(hb, font_path, lang, texts):
    """hb-shape's glyphs for each text, shaped alone (one text a line of the input file)."""
    for t in texts:
        if "\n" in t or "\r" in t:
            sys.exit(f"cannot shape {t!r}: it holds a line break")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tf:
        tf.write("\n".join(texts) + "\n")
    try:
        cmd = [hb, "--font-file", font_path, "--language", lang, *HB_ARGS, "--text-file", tf.name]
        res = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    finally:
        os.unlink(tf.name)
    if res.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {res.returncode}: {res.stderr.strip()}")
    lines = [l for l in res.stdout.splitlines() if l.strip()]
    if len(lines) != len(texts):
        sys.exit(f"hb-shape gave {len(lines)} results for {len(texts)} texts ({font_path}, {lang})")
    return [json.loads(l) for l in lines]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", default=os.path.join(HERE, "words.tsv"), help="input (default: %(default)s)")
    ap.add_argument("--out", default=os.path.join(HERE, "harfbuzz.json"), help="output (default: %(default)s)")
    ap.add_argument("--fonts", default=os.path.join(ROOT, "fonts"), help="font folder (default: %(default)s)")
    ap.add_argument("--hb-shape", default="hb-shape", help="hb-shape program (default: %(default)s)")
    a = ap.parse_args()

    version = subprocess.run([a.hb_shape, "--version"], capture_output=True, text=True, check=True).stdout
    version = version.splitlines()[0].strip()

    words = read_words(a.words)
    groups = collections.defaultdict(list)  # (font, lang) -> texts
    for lang, font, text in words:
        groups[(font, lang)].append(text)
    shaped, fonts = {}, {}
    for (font, lang), texts in sorted(groups.items()):
        path = os.path.join(a.fonts, font)
        with open(path, "rb") as f:
            fonts[font] = hashlib.sha256(f.read()).hexdigest()
        for text, glyphs in zip(texts, shape(a.hb_shape, path, lang, texts)):
            shaped[(lang, font, text)] = glyphs

    # One word a line, so that a change of reference reads as a short diff.
    head = {
        "generator": version,
        "command": "hb-shape --font-file fonts/FONT --language LANG " + " ".join(HB_ARGS) + " --text-file WORDS",
        "fonts": dict(sorted(fonts.items())),
    }
    out = ["{"]
    for k, v in head.items():
        out.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    out.append('  "words": [')
    entries = []
    for lang, font, text in words:
        e = {"lang": lang, "font": font, "text": text, "glyphs": shaped[(lang, font, text)]}
        entries.append("    " + json.dumps(e, ensure_ascii=False, separators=(",", ":")))
    out.append(",\n".join(entries))
    out.append("  ]")
    out.append("}")
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, a.out)
    print(f"{a.out}: {len(words)} pieces in {len(fonts)} fonts, by {version}")


if __name__ == "__main__":
    main()
