#!/usr/bin/env python3
"""regen.py: make harfbuzz.json, HarfBuzz's own shaping of every word piece TestHarfBuzz compares.

TestHarfBuzz (leaflet/typeset/harfbuzz_test.go) sets each sentence of sentences.txt with the
typesetter and compares every word with the glyphs and positions that Debian's hb-shape gives for
the word shaped alone. Which font a word is set in is decided by the Go pipeline (script, language,
fallback for characters the first font lacks), so the Go test lists the pieces and their fonts
first and this script shapes them. One command does every step, from the repository's root:

  go generate ./leaflet/typeset

which runs (see leaflet/typeset/generate.go):
  1. go test -run TestHarfBuzz . -args -regen, which writes
       sentences.txt: the hand-written cases of cases.txt, then every printed string of every
         catalogue in locales/, its {{.X}} actions filled in from the default edition;
       words.tsv: one "lang<TAB>font file<TAB>text" line per distinct piece of a word (a word set
         in two runs, such as an Arabic word with digits or Latin letters in it, or a word whose
         punctuation comes from a fallback font, is two pieces);
       runs.tsv: one "lang<TAB>font file<TAB>ltr|rtl<TAB>start<TAB>end<TAB>sentence" line per run
         the typesetter shaped (runes start..end of the NFC sentence, in one font and direction).
  2. python3 testdata/shaping/regen.py (this script), which
     shapes each piece of words.tsv alone with
        hb-shape --font-file fonts/FONT --language LANG --no-glyph-names --output-format=json
     letting hb-shape guess direction and script from the text, as shared/tools/shapecheck.py
     does ("words" in harfbuzz.json). Then it shapes each run of runs.tsv as the typesetter does:
     the run's text, the rest of its sentence as context (--text-before, --text-after), direction
     guessed, or the run's own when the run has no letter of strong direction (digits, brackets:
     bidi decides those from the text around them). Where a piece comes out of its run otherwise
     than alone (the Nastaliq font's lookups look across spaces; a lone "(" in RTL text is
     mirrored), the piece's glyphs in its run go to "context" in harfbuzz.json, and the test
     compares that piece with them instead.
  3. go test -run TestHarfBuzz ., which compares; it needs Go alone.
Commit cases.txt, sentences.txt, words.tsv, runs.tsv and harfbuzz.json together.

TestHarfBuzz also runs this script itself, with --words, --runs and --out in a temporary folder,
on the sentences of a catalogue that the committed files lack, when hb-shape and python3 are on
PATH.

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
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
HB_ARGS = ["--no-glyph-names", "--output-format=json"]


def read_tsv(path, fields, ok, want):
    """The rows of a tab-separated file with the given number of fields, in file order; a row
    that ok() refuses ends the script, saying what a row should be."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != fields or not ok(parts):
                sys.exit(f"{path}:{n}: want {want}, got {line!r}")
            out.append(parts)
    return out


def read_words(path):
    """The (lang, font file, text) triples of words.tsv, in file order."""
    return [tuple(p) for p in read_tsv(path, 3, all, "lang<TAB>font file<TAB>text")]


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


def read_runs(path):
    """The runs of runs.tsv: (lang, font file, direction, start, end, sentence), in file order."""
    rows = read_tsv(path, 6, lambda p: p[2] in ("ltr", "rtl"), "lang<TAB>font<TAB>ltr|rtl<TAB>start<TAB>end<TAB>sentence")
    return [(lang, font, d, int(start), int(end), sent) for lang, font, d, start, end, sent in rows]


def strong(text):
    """Whether text has a character of strong direction, from which hb-shape guesses it."""
    return any(unicodedata.bidirectional(c) in ("L", "R", "AL") for c in text)


def shape_run(hb, font_path, lang, direction, sent, start, end):
    """hb-shape's glyphs for sent[start:end], with the rest of the sentence as context, as the
    typesetter shapes a run. The direction is hb-shape's guess when the run has a letter of strong
    direction, else the run's own (bidi decides it from the text around: '(' in Urdu is RTL)."""
    text = sent[start:end]
    cmd = [hb, "--font-file", font_path, "--language", lang, *HB_ARGS, "--text=" + text]
    if sent[:start]:
        cmd.append("--text-before=" + sent[:start])
    if sent[end:]:
        cmd.append("--text-after=" + sent[end:])
    if not strong(text):
        cmd.append("--direction=" + direction)
    res = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")  # HarfBuzz 6.0 echoes --text-before on stderr
    if res.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {res.returncode}: {res.stderr.strip()}")
    return json.loads(res.stdout)


def cut(glyphs, lo, hi):
    """The glyphs whose clusters lie in [lo, hi), as hb-shape would print them for that piece alone:
    clusters from lo, the first glyph's pen position 0. They must be contiguous."""
    idx = [i for i, g in enumerate(glyphs) if lo <= g["cl"] < hi]
    if not idx or idx != list(range(idx[0], idx[-1] + 1)):
        return None
    return [dict(g, cl=g["cl"] - lo) for g in glyphs[idx[0]:idx[-1] + 1]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", default=os.path.join(HERE, "words.tsv"), help="input (default: %(default)s)")
    ap.add_argument("--runs", default=os.path.join(HERE, "runs.tsv"), help="input (default: %(default)s)")
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

    # Each run shaped in its sentence: its pieces (words cut at U+0020) that HarfBuzz shapes
    # otherwise there than alone (the Nastaliq font looks across spaces; a lone '(' guesses LTR)
    # are kept, with their glyphs in context, for the test to compare with instead.
    context = []
    for lang, font, d, start, end, sent in read_runs(a.runs):
        glyphs = shape_run(a.hb_shape, os.path.join(a.fonts, font), lang, d, sent, start, end)
        i = start
        while i < end:
            if sent[i] == " ":
                i += 1
                continue
            j = i
            while j < end and sent[j] != " ":
                j += 1
            text = sent[i:j]
            if (lang, font, text) not in shaped:
                sys.exit(f"piece {text!r} ({lang}, {font}) of runs.tsv is not in words.tsv: write both anew")
            got = cut(glyphs, i - start, j - start)
            if got is None:
                sys.exit(f"hb-shape's glyphs for piece {text!r} of {sent!r} are not contiguous")
            if got != shaped[(lang, font, text)]:
                context.append({"lang": lang, "font": font, "line": sent, "start": i, "text": text, "glyphs": got})
            i = j

    # One word a line, so that a change of reference reads as a short diff.
    head = {
        "generator": version,
        "command": "hb-shape --font-file fonts/FONT --language LANG " + " ".join(HB_ARGS) + " --text-file WORDS",
        "context_command": "hb-shape --font-file fonts/FONT --language LANG " + " ".join(HB_ARGS)
        + " --text=RUN --text-before=SENTENCE_BEFORE --text-after=SENTENCE_AFTER [--direction=DIR when RUN has no strong letter]",
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
    out.append("  ],")
    out.append('  "context": [')
    out.append(",\n".join("    " + json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in context))
    out.append("  ]")
    out.append("}")
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(tmp, a.out)
    print(f"{a.out}: {len(words)} pieces in {len(fonts)} fonts, {len(context)} shaped otherwise in context, by {version}")


if __name__ == "__main__":
    main()
