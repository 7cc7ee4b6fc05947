import { render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { App } from "./App";

afterEach(() => vi.unstubAllGlobals());

it("shows that the API is ready when /readyz answers ok", async () => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(JSON.stringify({ status: "ok" }), { headers: { "content-type": "application/json" } })),
  );
  render(<App />);
  expect(await screen.findByText("API: ok")).toBeTruthy();
});

it("shows that the API is down when /readyz fails", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response("{}", { status: 503 })));
  render(<App />);
  expect(await screen.findByText("API: down")).toBeTruthy();
});
