// node text.mjs FILE.pdf: the text PDFium gives back, page after page.
import fs from "fs";
import { PDFiumLibrary } from "@hyzyla/pdfium";

const lib = await PDFiumLibrary.init();
const doc = await lib.loadDocument(fs.readFileSync(process.argv[2]));
for (const page of doc.pages()) process.stdout.write(page.getText() + "\n");
doc.destroy();
lib.destroy();
