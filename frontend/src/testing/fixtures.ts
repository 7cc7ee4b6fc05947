// Realistic API answers for component tests, typed from the generated schema so they cannot drift.
import { http, HttpResponse } from "msw";
import type { components } from "../api/schema";

type S = components["schemas"];

export const ids = {
  product: "0190a000-0000-7000-8000-000000000001",
  cc100: "0190a000-0000-7000-8000-0000000000c1",
  cc200: "0190a000-0000-7000-8000-0000000000c2",
  cc300: "0190a000-0000-7000-8000-0000000000c3",
  checkout: "0190a000-0000-7000-8000-0000000000a1",
  line: "0190a000-0000-7000-8000-0000000000b1",
  order: "0190a000-0000-7000-8000-0000000000d1",
};

export const costCenters: S["CostCenter"][] = [
  { id: ids.cc100, code: "CC-100", name: "Sales", parent_id: null, created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z" },
  { id: ids.cc200, code: "CC-200", name: "Support", parent_id: null, created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z" },
  { id: ids.cc300, code: "CC-300", name: "Engineering", parent_id: null, created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z" },
];

export function me(permissions: string[] = ["licenses:read", "licenses:write", "billing:read", "billing:write", "directory:read", "audit:read"]): S["Me"] {
  return {
    kind: "member",
    id: "0190a000-0000-7000-8000-0000000000ee",
    label: "owner@acme.example",
    role: "owner",
    permissions,
    account: { id: "0190a000-0000-7000-8000-0000000000aa", name: "Acme Corp", currency: "USD" },
  };
}

export const VIEWER = ["licenses:read", "billing:read", "directory:read"];

export function meHandler(permissions?: string[]) {
  return http.get("*/api/v1/me", () => HttpResponse.json(me(permissions)));
}

/** GET /cost-centers answered from the list above, filtered by `q` like the server does. */
export function costCentersHandler(seen: string[] = []) {
  return http.get("*/api/v1/cost-centers", ({ request }) => {
    const q = (new URL(request.url).searchParams.get("q") ?? "").toLowerCase();
    seen.push(q);
    const items = costCenters.filter((cc) => !q || cc.code.toLowerCase().includes(q) || cc.name.toLowerCase().includes(q));
    return HttpResponse.json({ items, next_cursor: null });
  });
}

export function license(n: number, assignee: S["License"]["assignee"] = null, cc = costCenters[0]): S["License"] {
  return {
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`,
    number: `LR-${String(n).padStart(6, "0")}`,
    license_type: { product_id: ids.product, sku: "LIVE_REPORTS", name: "Live Reports" },
    assignee,
    cost_center: { id: cc.id, code: cc.code, name: cc.name },
    added_at: "2026-11-20T10:00:00Z",
    assigned_at: assignee ? "2026-11-21T10:00:00Z" : null,
    last_used_at: null,
  };
}

export const ava = { id: "0190a000-0000-7000-8000-0000000000f1", name: "Ava Thompson", email: "ava.thompson@acme.example", ext: "101" };

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}) {
  return HttpResponse.json(
    { type: "about:blank", title: "Problem", status, detail, ...extra },
    { status, headers: { "content-type": "application/problem+json" } },
  );
}

export function summaryHandler(purchased = 2, assigned = 1) {
  return http.get("*/api/v1/licenses/summary", () =>
    HttpResponse.json({
      total: { purchased, assigned, available: purchased - assigned },
      by_product: [],
      by_cost_center: [],
    } satisfies S["LicenseSummary"]),
  );
}

export function checkoutLine(quantity: number, allocations: S["Allocation"][] = []): S["CheckoutLine"] {
  const allocated = allocations.reduce((n, a) => n + a.quantity, 0);
  return {
    id: ids.line,
    product_id: ids.product,
    sku: "LIVE_REPORTS",
    product_name: "Live Reports",
    quantity,
    unit_price: "15.00",
    monthly_amount: (quantity * 15).toFixed(2),
    allocations,
    allocated_quantity: allocated,
    fully_allocated: allocated === quantity,
  };
}

export function checkout(lines: S["CheckoutLine"][], patch: Partial<S["Checkout"]> = {}): S["Checkout"] {
  return {
    id: ids.checkout,
    status: "open",
    created_at: "2026-11-28T10:00:00Z",
    expires_at: "2026-11-29T10:00:00Z",
    completed_at: null,
    order_id: null,
    currency: "USD",
    lines,
    fully_allocated: lines.every((l) => l.fully_allocated),
    ...patch,
  };
}

export function allocation(cc: S["CostCenter"], quantity: number): S["Allocation"] {
  return { cost_center_id: cc.id, cost_center_code: cc.code, cost_center_name: cc.name, quantity };
}
