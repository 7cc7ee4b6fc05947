// The article's flow, step by step. Each step waits for what it needs (locators auto-wait); no sleeps.
import assert from "node:assert/strict";

const NEW_CC = { code: "CC-E2E", name: "Field Operations" };
const state = { quoteTotal: null, userExt: null, ordersBefore: null };

/** Calls the API as the signed-in admin (for facts the screen does not show, e.g. the order count). */
async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const token = sessionStorage.getItem("seatdesk.token");
    const res = await fetch(p, { headers: { authorization: `Bearer ${token}` } });
    return res.json();
  }, path);
}

async function pickOption(page, input, search, optionText) {
  await input.click();
  await input.fill(search);
  await page.getByRole("option", { name: optionText }).click();
}

const rows = (page) => page.getByRole("table", { name: "Live Reports licenses" }).locator("tbody tr");

export const steps = [
  {
    name: "sign in",
    async run({ page, url }) {
      await page.goto(`${url}/billing/licenses`);
      await page.getByRole("textbox", { name: "Email" }).fill("owner@acme.example");
      await page.getByRole("textbox", { name: "Password" }).fill("seatdesk-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("Purchased: 12").waitFor();
      assert.match(page.url(), /\/billing\/licenses/);
      state.ordersBefore = (await apiGet(page, "/api/v1/orders")).items.length;
    },
  },
  {
    name: "purchase 5 licenses",
    async run({ page }) {
      await page.getByRole("navigation", { name: "Billing" }).getByRole("link", { name: "Purchase" }).click();
      const increase = page.getByRole("button", { name: "Increase Live Reports quantity" });
      for (let i = 0; i < 5; i += 1) await increase.click();
      assert.equal(await page.getByRole("textbox", { name: "Live Reports quantity" }).inputValue(), "5");
      await page.getByRole("button", { name: "Add to Cart" }).click();
      const cart = page.getByRole("dialog", { name: "Your cart" });
      await cart.getByRole("button", { name: "Check Out" }).waitFor();
      assert.equal(await cart.getByRole("textbox", { name: "Live Reports quantity in cart" }).inputValue(), "5");
    },
  },
  {
    name: "check out review items",
    async run({ page, shot }) {
      await page.getByRole("button", { name: "Check Out" }).click();
      await page.getByRole("table", { name: "Items" }).waitFor();
      assert.equal(await page.getByRole("textbox", { name: "Live Reports quantity" }).inputValue(), "5");
      await shot("03a-review-items");
      await page.getByRole("button", { name: "Next" }).click();
    },
  },
  {
    name: "create cost center inline",
    async run({ page }) {
      await page.getByRole("table", { name: "Licenses to assign" }).waitFor();
      await page.getByRole("button", { name: "New", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "New cost center" });
      await dialog.getByRole("textbox", { name: "Code" }).fill(NEW_CC.code);
      await dialog.getByRole("textbox", { name: "Name" }).fill(NEW_CC.name);
      await dialog.getByRole("button", { name: "Create" }).click();
      await dialog.waitFor({ state: "detached" });
      const select = page.getByRole("combobox", { name: "Select Cost Center" });
      assert.match(await select.inputValue(), /CC-E2E/);
    },
  },
  {
    name: "split 3 and 2 over two cost centers",
    async run({ page }) {
      await page.getByRole("button", { name: "Split Live Reports" }).click();
      const dialog = page.getByRole("dialog", { name: "Split Live Reports" });
      await pickOption(page, dialog.getByRole("combobox", { name: "Cost center 1" }), "CC-100", /CC-100/);
      await dialog.getByRole("textbox", { name: "Licenses 1" }).fill("3");
      assert.equal(await dialog.getByTestId("split-remainder").textContent(), "2");
      await dialog.getByRole("button", { name: "Add cost center" }).click();
      await pickOption(page, dialog.getByRole("combobox", { name: "Cost center 2" }), "E2E", /CC-E2E/);
      assert.equal(await dialog.getByTestId("split-remainder").textContent(), "0");
      await dialog.getByRole("button", { name: "Save split" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByText("5 of 5 licenses have a cost center.").waitFor();
    },
  },
  {
    name: "review order with acknowledgement",
    async run({ page }) {
      await page.getByRole("button", { name: "Next" }).click();
      const charges = page.getByRole("table", { name: "Itemized charges" });
      await charges.waitFor();
      assert.equal(await charges.locator("tbody tr").count(), 2);
      const next = page.getByRole("button", { name: "Next" });
      assert.equal(await next.isDisabled(), true, "Next waits for the acknowledgement");
      state.quoteTotal = (await page.getByTestId("quote-total").textContent()).trim();
      await page.getByRole("checkbox", { name: /I have read and understood/ }).check();
      assert.equal(await next.isEnabled(), true);
    },
  },
  {
    name: "double click places one order and shows the statement",
    async run({ page, shot }) {
      await page.getByRole("button", { name: "Next" }).dblclick();
      const statement = page.getByLabel("Statement");
      await statement.waitFor();
      assert.equal((await page.getByTestId("statement-total").textContent()).trim(), state.quoteTotal);
      await page.getByRole("button", { name: "Print" }).waitFor();
      const orders = await apiGet(page, "/api/v1/orders");
      assert.equal(orders.items.length, state.ordersBefore + 1, "exactly one order was placed");
      assert.equal(orders.items[0].license_count, 5);
      const text = await statement.textContent();
      assert.match(text, /CC-100/);
      assert.match(text, /CC-E2E/);
      // Print shows the statement alone: no navigation, stepper or buttons.
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.getByRole("button", { name: "Done" }).isVisible(), false);
      assert.equal(await page.getByRole("navigation", { name: "Top menu" }).isVisible(), false);
      await shot("07a-statement-print");
      await page.emulateMedia({ media: "screen" });
    },
  },
  {
    name: "licenses page shows 5 new N/A rows",
    async run({ page }) {
      await page.getByRole("button", { name: "Done" }).click();
      await page.getByLabel("Purchased: 17").waitFor();
      const first = rows(page);
      await first.first().waitFor();
      for (let i = 0; i < 5; i += 1) {
        assert.match(await first.nth(i).textContent(), /N\/A/, `row ${i + 1} is free`);
      }
      const codes = await Promise.all([0, 1, 2, 3, 4].map(async (i) => first.nth(i).locator("td").nth(3).textContent()));
      assert.deepEqual(codes.map((c) => c.trim()).sort(), ["CC-100", "CC-100", "CC-100", "CC-E2E", "CC-E2E"]);
    },
  },
  {
    name: "filter by one cost center",
    async run({ page, shot }) {
      await page.getByRole("button", { name: "Cost Center", exact: true }).click();
      await page.getByRole("textbox", { name: "Search cost centers" }).fill("E2E");
      await page.getByRole("option", { name: /CC-E2E/ }).click();
      await page.getByRole("option", { name: /CC-E2E/, selected: true }).waitFor();
      await shot("09a-cost-center-dropdown");
      await page.keyboard.press("Escape");
      await page.waitForURL(/cost_center=/);
      await page.getByText("2 licenses match").waitFor();
      assert.equal(await rows(page).count(), 2);
      for (const row of await rows(page).all()) assert.match(await row.textContent(), /CC-E2E/);
    },
  },
  {
    name: "export the filtered view as CSV",
    async run({ page }) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export CSV" }).click(),
      ]);
      const stream = await download.createReadStream();
      let csv = "";
      for await (const chunk of stream) csv += chunk;
      const lines = csv.trim().split(/\r?\n/);
      assert.equal(lines.length, 3, "a header and the 2 filtered licenses");
      assert.match(lines[1], /CC-E2E/);
      assert.match(download.suggestedFilename(), /\.csv$/);
    },
  },
  {
    name: "assign one license",
    async run({ page, shot }) {
      const row = rows(page).first();
      const number = (await row.getAttribute("data-license")).trim();
      await page.getByRole("button", { name: `More actions for ${number}` }).click();
      await page.getByRole("menuitem", { name: "Assign" }).click();
      const dialog = page.getByRole("dialog", { name: new RegExp(`Assign .* ${number}`) });
      await dialog.getByRole("textbox", { name: "Find a user" }).fill("13");
      await dialog.locator('[data-testid="user-results"][aria-busy="false"]').waitFor();
      const free = dialog.getByRole("radio", { disabled: false }).first();
      await free.waitFor();
      const label = await free.getAttribute("aria-label");
      state.userExt = /ext (\d+)/.exec(label)[1];
      state.license = number;
      await free.click();
      await shot("10a-assign-dialog");
      await dialog.getByRole("button", { name: "Assign" }).click();
      await dialog.waitFor({ state: "detached" });
      // The row updates in place: same position, now held by the user.
      await page.locator(`tr[data-license="${number}"]`).getByRole("cell", { name: state.userExt, exact: true }).waitFor();
      await page.getByLabel("Assigned: 8").waitFor();
    },
  },
  {
    name: "search by extension",
    async run({ page }) {
      await page.getByRole("textbox", { name: "Search" }).fill(state.userExt);
      await page.waitForURL(new RegExp(`q=${state.userExt}`));
      await page.getByText("1 license match").waitFor();
      assert.equal(await rows(page).count(), 1);
      assert.equal(await rows(page).first().getAttribute("data-license"), state.license);
    },
  },
  {
    name: "unassign with confirmation",
    async run({ page, shot }) {
      await page.getByRole("button", { name: `More actions for ${state.license}` }).click();
      await page.getByRole("menuitem", { name: "Unassign" }).click();
      const dialog = page.getByRole("dialog", { name: "Unassign license" });
      await dialog.getByText("placed back into your account for future use").waitFor();
      await shot("12a-unassign-dialog");
      await dialog.getByRole("button", { name: "Confirm" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.locator(`tr[data-license="${state.license}"]`).getByText("N/A").waitFor();
      await page.getByLabel("Assigned: 7").waitFor();
    },
  },
  {
    name: "reload keeps the view",
    async run({ page }) {
      await page.reload();
      // The released seat no longer matches the extension: the same filters now find nothing.
      await page.getByText("No license matches these filters").waitFor();
      assert.equal(await page.getByRole("textbox", { name: "Search" }).inputValue(), state.userExt);
      await page.getByRole("button", { name: "Cost Center", exact: true }).getByText("CC-E2E").waitFor();
    },
  },
  {
    name: "service billing details",
    async run({ page }) {
      await page.getByRole("link", { name: "Service Billing Details" }).click();
      await page.getByText("Next billing date").waitFor();
      const byCc = page.getByRole("table", { name: "Recurring charges by cost center" });
      await byCc.getByText("CC-E2E").waitFor();
    },
  },
  {
    name: "orders and a statement",
    async run({ page }) {
      await page.getByRole("link", { name: "Orders" }).click();
      const orders = page.getByRole("table", { name: "Orders" });
      await orders.waitFor();
      await orders.getByRole("link", { name: /View statement/ }).first().click();
      assert.equal((await page.getByTestId("statement-total").textContent()).trim(), state.quoteTotal);
    },
  },
  {
    name: "cost centers",
    async run({ page }) {
      await page.getByRole("link", { name: "Cost Centers" }).click();
      await page.getByRole("table", { name: "Cost centers" }).getByText("CC-E2E").waitFor();
    },
  },
  {
    name: "audit log",
    async run({ page }) {
      await page.getByRole("link", { name: "Audit Log" }).click();
      await page.getByRole("textbox", { name: "Action" }).fill("license.");
      const events = page.getByRole("table", { name: "Audit events" });
      await events.getByText("checkout.create").waitFor({ state: "detached" });
      await events.getByText("license.unassign").first().waitFor();
      await events.getByText("license.assign").first().waitFor();
    },
  },
];
