// node read.mjs READER FILE.pdf [RECTS.json]
//
// The text READER (pdfium: PDFium, the engine of Chrome's and Edge's viewers; pdfjs: pdf.js,
// Firefox's viewer) gives back from a PDF, as a JSON array of strings: the whole document's text,
// page after page, or, with RECTS.json (an array of {page, x0, y0, x1, y1}, pages from 1, PDF user
// space), the text of each rectangle: the PDFium characters and pdf.js text items whose origin is
// inside it.
import fs from "fs";

const [reader, file, rectsFile] = process.argv.slice(2);
const bytes = fs.readFileSync(file);
const rects = rectsFile ? JSON.parse(fs.readFileSync(rectsFile, "utf8")) : null;
const out = [];

if (reader === "pdfjs") {
  if (!Promise.withResolvers) { // node 20 lacks it; pdf.js 6 needs it
    Promise.withResolvers = () => {
      let resolve, reject;
      const promise = new Promise((a, b) => { resolve = a; reject = b; });
      return { promise, resolve, reject };
    };
  }
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const items = async (p) => (await (await doc.getPage(p)).getTextContent()).items;
  const text = (its, inside) => {
    let s = "";
    for (const it of its) {
      if (inside(it)) s += it.str + (it.hasEOL ? "\n" : "");
      else if (it.hasEOL && s && !s.endsWith("\n")) s += "\n";
    }
    return s;
  };
  if (!rects) {
    let s = "";
    for (let p = 1; p <= doc.numPages; p++) s += text(await items(p), () => true) + "\n";
    out.push(s);
  } else {
    const pages = {};
    for (const r of rects) {
      pages[r.page] ??= await items(r.page);
      out.push(text(pages[r.page], (it) => {
        const [x, y] = [it.transform[4], it.transform[5]];
        return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1;
      }));
    }
  }
} else if (reader === "pdfium") {
  const { PDFiumLibrary } = await import("@hyzyla/pdfium");
  const lib = await PDFiumLibrary.init();
  const doc = await lib.loadDocument(bytes);
  const pages = [...doc.pages()];
  if (!rects) {
    out.push(pages.map((p) => p.getText() + "\n").join(""));
  } else {
    // Each character whose origin is inside, in PDFium's order, with the spaces and line breaks
    // PDFium puts in after one. Not FPDFText_GetBoundedText: it leaves out characters whose
    // glyphs have no width, such as the blank glyphs of combining marks in the text layer.
    const m = pages[0]?.module; // the wasm module: PDFium's text functions are not wrapped
    const xy = m?.wasmExports.malloc(16);
    const chars = {};
    for (const r of rects) {
      if (!chars[r.page]) {
        const tp = m._FPDFText_LoadPage(pages[r.page - 1].pageIdx);
        const cs = [];
        for (let i = 0, n = m._FPDFText_CountChars(tp); i < n; i++) {
          const c = { u: m._FPDFText_GetUnicode(tp, i), generated: m._FPDFText_IsGenerated(tp, i) === 1 };
          if (!c.generated && m._FPDFText_GetCharOrigin(tp, i, xy, xy + 8)) {
            [c.x, c.y] = [m.HEAPF64[xy / 8], m.HEAPF64[xy / 8 + 1]];
          }
          cs.push(c);
        }
        m._FPDFText_ClosePage(tp);
        chars[r.page] = cs;
      }
      let s = "";
      let inside = false;
      for (const c of chars[r.page]) {
        if (!c.generated) inside = c.x !== undefined && c.x >= r.x0 && c.x <= r.x1 && c.y >= r.y0 && c.y <= r.y1;
        if (inside) s += String.fromCodePoint(c.u);
      }
      out.push(s);
    }
    if (xy) m.wasmExports.free(xy);
  }
  doc.destroy();
  lib.destroy();
} else {
  console.error(`unknown reader ${reader}`);
  process.exit(2);
}
// pdf.js leaves a timer behind that would keep node alive for a second: exit once written.
process.stdout.write(JSON.stringify(out), () => process.exit(0));
