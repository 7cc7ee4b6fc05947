// The article's flow, step by step. Each step waits for what it needs (locators auto-wait); no sleeps.
import assert from "node:assert/strict";

export const steps = [
  {
    name: "sign in",
    async run({ page, url }) {
      await page.goto(`${url}/billing/licenses`);
      await page.getByRole("textbox", { name: "Email" }).fill("owner@acme.example");
      await page.getByRole("textbox", { name: "Password" }).fill("seatdesk-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("navigation", { name: "Top menu" }).getByText("Billing").waitFor();
      assert.match(page.url(), /\/billing\/licenses/);
    },
  },
];
