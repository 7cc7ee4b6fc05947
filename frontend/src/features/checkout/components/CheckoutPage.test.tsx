import { screen, waitFor, within } from "@testing-library/react";
import { delay, http, HttpResponse } from "msw";
import { expect, it } from "vitest";
import type { components } from "../../../api/schema";
import { renderAt } from "../../../testing/render";
import { server } from "../../../testing/server";
import { allocation, checkout, checkoutLine, costCenters, costCentersHandler, ids, problem } from "../../../testing/fixtures";
import { CheckoutPage } from "./CheckoutPage";

type S = components["schemas"];
const [cc100] = costCenters;

function quote(total: string): S["Quote"] {
  return {
    checkout_id: ids.checkout,
    currency: "USD",
    purchase_date: "2026-11-28",
    previous_billing_date: "2026-11-01",
    next_billing_date: "2026-12-01",
    period_start: "2026-11-28",
    period_end: "2026-11-30",
    days_charged: 3,
    days_in_cycle: 30,
    proration_factor: "0.1",
    rows: [
      {
        line_id: ids.line,
        product_id: ids.product,
        sku: "LIVE_REPORTS",
        product_name: "Live Reports",
        cost_center_id: cc100.id,
        cost_center_code: "CC-100",
        quantity: 5,
        unit_price: "15.00",
        monthly_amount: "75.00",
        prorated_amount: "7.50",
      },
    ],
    subtotal: "7.50",
    tax_rate: "0.0825",
    tax: "0.62",
    total,
    recurring_monthly: "75.00",
    fully_allocated: true,
  };
}

const order: S["Order"] = {
  id: ids.order,
  number: 1,
  checkout_id: ids.checkout,
  placed_by: "0190a000-0000-7000-8000-0000000000ee",
  placed_at: "2026-11-28T10:05:00Z",
  purchase_date: "2026-11-28",
  next_billing_date: "2026-12-01",
  currency: "USD",
  subtotal: "7.50",
  tax: "0.62",
  total: "8.12",
  recurring_monthly: "75.00",
  license_count: 5,
};

const statement: S["Statement"] = {
  order_id: ids.order,
  order_number: 1,
  order_date: "2026-11-28",
  placed_at: "2026-11-28T10:05:00Z",
  account_name: "Acme Corp",
  billing_address: ["100 Market Street", "Springfield, IL 62701"],
  currency: "USD",
  period_start: "2026-11-28",
  period_end: "2026-11-30",
  cost_centers: [
    {
      cost_center_code: "CC-100",
      cost_center_name: "Sales",
      quantity: 5,
      monthly_amount: "75.00",
      prorated_amount: "7.50",
      rows: [
        { cost_center_code: "CC-100", cost_center_name: "Sales", sku: "LIVE_REPORTS", product_name: "Live Reports", quantity: 5, unit_price: "15.00", monthly_amount: "75.00", prorated_amount: "7.50" },
      ],
    },
  ],
  subtotal: "7.50",
  tax_rate: "0.0825",
  tax: "0.62",
  total: "8.12",
  recurring_monthly: "75.00",
  next_billing_date: "2026-12-01",
  license_count: 5,
  first_license_number: "LR-000013",
  last_license_number: "LR-000017",
};

/** A small in-memory checkout server: the state each handler reads and changes. */
function checkoutServer(opts: { quoteTotals?: string[]; failOnce?: boolean } = {}) {
  let failNext = opts.failOnce ?? false;
  const calls = { complete: [] as { key: string | null; body: unknown }[], assign: [] as unknown[], patch: [] as unknown[] };
  let current = checkout([checkoutLine(4)]);
  const totals = [...(opts.quoteTotals ?? ["8.12"])];
  server.use(
    costCentersHandler(),
    http.get(`*/api/v1/checkouts/${ids.checkout}`, () => HttpResponse.json(current)),
    http.patch(`*/api/v1/checkouts/${ids.checkout}/lines/${ids.line}`, async ({ request }) => {
      const body = (await request.json()) as { quantity: number };
      calls.patch.push(body);
      current = checkout([checkoutLine(body.quantity)]);
      return HttpResponse.json(current);
    }),
    http.post(`*/api/v1/checkouts/${ids.checkout}/cost-center-assignments`, async ({ request }) => {
      const body = (await request.json()) as { cost_center_id: string };
      calls.assign.push(body);
      const qty = current.lines[0].quantity;
      current = checkout([checkoutLine(qty, [allocation(costCenters.find((c) => c.id === body.cost_center_id)!, qty)])]);
      return HttpResponse.json(current);
    }),
    http.get(`*/api/v1/checkouts/${ids.checkout}/quote`, () => HttpResponse.json(quote(totals.length > 1 ? totals.shift()! : totals[0]))),
    http.post(`*/api/v1/checkouts/${ids.checkout}/complete`, async ({ request }) => {
      const body = (await request.json()) as { expected_total: string };
      calls.complete.push({ key: request.headers.get("idempotency-key"), body });
      await delay(50);
      if (body.expected_total === totals[0] && failNext) {
        failNext = false;
        return problem(503, "the database is unavailable; retry shortly");
      }
      if (body.expected_total !== totals[0]) {
        return problem(409, "the total changed", { code: "quote_changed", data: quote(totals[0]) });
      }
      current = checkout(current.lines, { status: "completed", order_id: ids.order });
      return HttpResponse.json(order, { status: 201 });
    }),
    http.get(`*/api/v1/orders/${ids.order}/statement`, () => HttpResponse.json(statement)),
  );
  return calls;
}

const PATH = `/billing/checkout/${ids.checkout}`;
const ROUTE = "/billing/checkout/:checkoutId";

it("walks the four steps: review items, assign cost center, review order with acknowledgement, statement", async () => {
  const calls = checkoutServer();
  const { user, router } = renderAt(<CheckoutPage />, { path: PATH, route: ROUTE });

  // 1. Review Items: the quantity can still change.
  const items = await screen.findByRole("table", { name: "Items" });
  await user.click(within(items).getByRole("button", { name: "Increase Live Reports quantity" }));
  await waitFor(() => expect(calls.patch).toEqual([{ quantity: 5 }]));
  await user.click(screen.getByRole("button", { name: "Next" }));
  expect(router.state.location.search).toBe("?step=cost-centers");

  // 2. Assign Cost Center: Next waits until every license has one.
  await screen.findByRole("table", { name: "Licenses to assign" });
  expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
  await user.click(screen.getByRole("combobox", { name: "Select Cost Center" }));
  await user.click(await screen.findByRole("option", { name: /CC-100/ }));
  await user.click(screen.getByRole("button", { name: "Assign" }));
  await user.click(await screen.findByRole("menuitem", { name: "Assign to All" }));
  await screen.findByText("5 of 5 licenses have a cost center.");
  expect(calls.assign).toEqual([{ cost_center_id: cc100.id }]);
  await user.click(screen.getByRole("button", { name: "Next" }));

  // 3. Review Order: itemized charges; the check box enables Next.
  const charges = await screen.findByRole("table", { name: "Itemized charges" });
  expect(within(charges).getByText("CC-100")).toBeInTheDocument();
  expect(screen.getByTestId("quote-total")).toHaveTextContent("$8.12");
  expect(screen.getByText(/3 of\s+30 days/)).toBeInTheDocument();
  const next = screen.getByRole("button", { name: "Next" });
  expect(next).toBeDisabled();
  await user.click(screen.getByRole("checkbox", { name: /I have read and understood/ }));
  expect(next).toBeEnabled();

  // A double click places one order, with an Idempotency-Key.
  await user.dblClick(next);

  // 4. View Statement: Print and Done.
  const printed = await screen.findByLabelText("Statement");
  expect(within(printed).getByTestId("statement-total")).toHaveTextContent("$8.12");
  expect(screen.getByRole("button", { name: "Print" })).toBeInTheDocument();
  expect(calls.complete).toHaveLength(1);
  expect(calls.complete[0].key).toMatch(/^[0-9a-f-]{36}$/);
  expect(calls.complete[0].body).toEqual({ acknowledged: true, expected_total: "8.12" });
  expect(router.state.location.search).toBe("?step=statement");

  await user.click(screen.getByRole("button", { name: "Done" }));
  expect(router.state.location.pathname).toBe("/billing/licenses");
});

it("reuses the checkout's Idempotency-Key on a retry, and takes a new one when the total changed", async () => {
  const calls = checkoutServer({ quoteTotals: ["8.00", "8.12"], failOnce: true });
  const { user } = renderAt(<CheckoutPage />, { path: `${PATH}?step=review`, route: ROUTE });
  // The checkout is not allocated yet: Review Order sends the admin back to step 2.
  await screen.findByRole("table", { name: "Licenses to assign" });
  await user.click(screen.getByRole("combobox", { name: "Select Cost Center" }));
  await user.click(await screen.findByRole("option", { name: /CC-100/ }));
  await user.click(screen.getByRole("button", { name: "Assign" }));
  await user.click(await screen.findByRole("menuitem", { name: "Assign to All" }));
  await screen.findByText("4 of 4 licenses have a cost center.");
  await user.click(screen.getByRole("button", { name: "Next" }));

  await screen.findByTestId("quote-total");
  expect(screen.getByTestId("quote-total")).toHaveTextContent("$8.00");
  await user.click(screen.getByRole("checkbox", { name: /I have read and understood/ }));
  await user.click(screen.getByRole("button", { name: "Next" }));

  // The server's total moved: the admin sees the new one and must acknowledge again.
  expect(await screen.findByText("The charges changed")).toBeInTheDocument();
  await waitFor(() => expect(screen.getByTestId("quote-total")).toHaveTextContent("$8.12"));
  expect(screen.getByRole("checkbox", { name: /I have read and understood/ })).not.toBeChecked();
  await user.click(screen.getByRole("checkbox", { name: /I have read and understood/ }));
  await user.click(screen.getByRole("button", { name: "Next" }));

  // The answer is lost: trying again sends the same key, so the server can never place two orders.
  expect(await screen.findByText("the database is unavailable; retry shortly")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Next" }));
  await screen.findByLabelText("Statement");

  expect(calls.complete).toHaveLength(3);
  expect(calls.complete[1].key).not.toBe(calls.complete[0].key);
  expect(calls.complete[2].key).toBe(calls.complete[1].key);
});
