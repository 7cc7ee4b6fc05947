// Fails when src/api/schema.d.ts is not what openapi-typescript makes of ../openapi/openapi.json,
// so the portal's API types can never drift from the committed spec.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const out = join(mkdtempSync(join(tmpdir(), "seatdesk-api-")), "schema.d.ts");
execFileSync("npx", ["openapi-typescript", "../openapi/openapi.json", "-o", out], { stdio: "ignore" });
const fresh = readFileSync(out, "utf8");
const committed = readFileSync("src/api/schema.d.ts", "utf8");
if (fresh !== committed) {
  console.error("src/api/schema.d.ts is stale: run `make openapi` and commit the result.");
  process.exit(1);
}
console.log("API types match openapi/openapi.json");
