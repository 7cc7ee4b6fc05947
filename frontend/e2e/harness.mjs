// The e2e harness: the real seatdesk binary on a fresh SQLite database in a temp dir (demo data),
// serving the built SPA, and the system Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const here = new URL(".", import.meta.url).pathname;
export const ARTIFACTS = join(here, "artifacts");
const FRONTEND = resolve(here, "..");

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

async function waitForReady(url, server, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`seatdesk exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`seatdesk did not become ready at ${url}`);
}

export async function startServer() {
  const bin = process.env.SEATDESK_BIN;
  if (!bin) throw new Error("SEATDESK_BIN must point at the built seatdesk binary");
  const dir = mkdtempSync(join(tmpdir(), "seatdesk-e2e-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = [];
  const server = spawn(bin, ["serve"], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${join(dir, "e2e.db")}`,
      HOST: "127.0.0.1",
      PORT: String(port),
      SEED_DEMO: "1",
      JWT_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
      STATIC_DIR: join(FRONTEND, "dist"),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (d) => log.push(String(d)));
  server.stderr.on("data", (d) => log.push(String(d)));
  await waitForReady(url, server, 30_000);
  return {
    url,
    log,
    async stop() {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "seatdesk-chromium-"));
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1360, height: 860 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async stop() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
