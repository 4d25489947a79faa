// node structtree.mjs FILE.pdf…: for each file, one line of JSON: the structure tree of each
// page as pdf.js (Firefox's viewer) reads it (getStructTree: roles, lang, alt, content ids),
// the text pdf.js gives each marked-content sequence, the document's /MarkInfo, and each page's
// link annotations.
import fs from "fs";

if (!Promise.withResolvers) { // node 20 lacks it; pdf.js 6 needs it
  Promise.withResolvers = () => {
    let resolve, reject;
    const promise = new Promise((a, b) => { resolve = a; reject = b; });
    return { promise, resolve, reject };
  };
}
const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");

for (const file of process.argv.slice(2)) {
  const task = getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0 });
  const doc = await task.promise;
  const out = { file, markInfo: Object.fromEntries(await doc.getMarkInfo() ?? []), pages: [] };
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const text = {};
    let id = null;
    const tc = await page.getTextContent({ includeMarkedContent: true });
    for (const it of tc.items) {
      if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") id = it.id ?? null;
      else if (it.type === "endMarkedContent") id = null;
      else if (id !== null) text[id] = (text[id] ?? "") + it.str + (it.hasEOL ? "\n" : "");
    }
    const links = (await page.getAnnotations())
      .filter((a) => a.subtype === "Link")
      .map((a) => ({ url: a.url ?? null, contents: a.contentsObj?.str ?? "" }));
    out.pages.push({ tree: await page.getStructTree(), text, links });
  }
  process.stdout.write(JSON.stringify(out) + "\n");
  await task.destroy();
}
