// End to end, in Chromium, against the real server: every step of the help article.
// Prints "N passed, M failed"; screenshots of each step go to e2e/artifacts/.
import { join } from "node:path";
import { ARTIFACTS, startBrowser, startServer } from "./harness.mjs";
import { steps } from "./steps.mjs";

const started = Date.now();
const server = await startServer();
const browser = await startBrowser();
const page = await browser.context.newPage();
const consoleErrors = [];
page.on("console", (msg) => msg.type() === "error" && consoleErrors.push(msg.text()));
page.on("pageerror", (err) => consoleErrors.push(String(err)));

let passed = 0;
let failed = 0;
const shot = (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, animations: "disabled" });
const ctx = { page, url: server.url, shot };
for (const [index, step] of steps.entries()) {
  const label = `${String(index + 1).padStart(2, "0")} ${step.name}`;
  try {
    await step.run(ctx);
    await ctx.shot(label.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
    passed += 1;
    console.log(`ok   ${label}`);
  } catch (err) {
    failed += 1;
    console.log(`FAIL ${label}\n${err?.stack ?? err}`);
    await ctx.shot(`failed-${index + 1}`).catch(() => {});
    break; // later steps build on this one
  }
}
const skipped = steps.length - passed - failed;
if (consoleErrors.length) {
  failed += 1;
  console.log(`FAIL no console errors\n  ${consoleErrors.join("\n  ")}`);
}

await browser.stop();
if (failed) console.log(server.log.join("").slice(-4000));
await server.stop();
console.log(`e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
