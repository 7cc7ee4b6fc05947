// Fails the build when the JavaScript a first visit loads (index.html's scripts and preloads)
// is over the budget: 170 KB gzipped. Routes are lazy chunks and do not count.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 170;
const html = readFileSync("dist/index.html", "utf8");
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) total += gzipSync(readFileSync(`dist/${file}`)).length;
const kb = total / 1000;
console.log(`initial JavaScript: ${kb.toFixed(1)} kB gzipped in ${files.length} files (budget ${BUDGET_KB} kB)`);
if (kb > BUDGET_KB) {
  console.error(`over budget by ${(kb - BUDGET_KB).toFixed(1)} kB: lazy-load more`);
  process.exit(1);
}
