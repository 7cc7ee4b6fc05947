import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { expect, it } from "vitest";
import type { components } from "../../../api/schema";
import { renderAt } from "../../../testing/render";
import { server } from "../../../testing/server";
import { ava, costCentersHandler, license, meHandler, problem, summaryHandler, VIEWER } from "../../../testing/fixtures";
import { LicensesPage } from "./LicensesPage";

type User = components["schemas"]["DirectoryUser"];

const user = (n: number, name: string, held: string | null = null): User => ({
  id: `0190a000-0000-7000-8000-0000000001${String(n).padStart(2, "0")}`,
  name,
  email: `${name.toLowerCase().replace(" ", ".")}@acme.example`,
  ext: String(100 + n),
  kind: "user",
  status: "active",
  licenses: held ? [{ id: "0190a000-0000-7000-8000-000000000999", number: held, product_sku: "LIVE_REPORTS" }] : [],
  created_at: "2026-11-01T00:00:00Z",
  updated_at: "2026-11-01T00:00:00Z",
});

const free = license(3);
const held = license(4, ava);
const noah = user(4, "Noah Kim");
const lucas = user(10, "Lucas Rivera", "LR-000004");

function listHandler() {
  return http.get("*/api/v1/licenses", () =>
    HttpResponse.json({ items: [free, held], next_cursor: null, total: 2, total_is_lower_bound: false }),
  );
}

function rowOf(number: string) {
  return screen.getByRole("table", { name: "Live Reports licenses" }).querySelector(`tr[data-license="${number}"]`) as HTMLElement;
}

it("assigns a free license from the row's More menu to a searched user; licensed users cannot be picked", async () => {
  const searches: string[] = [];
  let body: unknown = null;
  server.use(
    meHandler(),
    summaryHandler(),
    costCentersHandler(),
    listHandler(),
    http.get("*/api/v1/users", ({ request }) => {
      const q = new URL(request.url).searchParams.get("q") ?? "";
      searches.push(q);
      return HttpResponse.json({ items: q ? [lucas, noah].filter((u) => u.ext.includes(q) || u.name.toLowerCase().includes(q)) : [lucas, noah], next_cursor: null });
    }),
    http.post(`*/api/v1/licenses/${free.id}/assign`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json({ ...free, assignee: { id: noah.id, name: noah.name, email: noah.email, ext: noah.ext }, assigned_at: "2026-11-28T10:00:00Z" });
    }),
  );
  const { user: actor } = renderAt(<LicensesPage />, { path: "/billing/licenses", route: "/billing/licenses" });
  await screen.findByRole("table", { name: "Live Reports licenses" });
  expect(within(rowOf("LR-000003")).getByText("N/A")).toBeInTheDocument();

  await actor.click(screen.getByRole("button", { name: "More actions for LR-000003" }));
  expect(screen.queryByRole("menuitem", { name: "Unassign" })).not.toBeInTheDocument();
  await actor.click(screen.getByRole("menuitem", { name: "Assign" }));

  const dialog = await screen.findByRole("dialog", { name: "Assign Live Reports license LR-000003" });
  const taken = await within(dialog).findByRole("radio", { name: /Lucas Rivera.*already licensed/ });
  expect(taken).toBeDisabled();
  const assignButton = within(dialog).getByRole("button", { name: "Assign" });
  expect(assignButton).toBeDisabled();

  await actor.type(within(dialog).getByRole("textbox", { name: "Find a user" }), "104");
  await waitFor(() => expect(searches).toContain("104"));
  await actor.click(await within(dialog).findByRole("radio", { name: /Noah Kim, ext 104/ }));
  await actor.click(assignButton);

  await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  expect(body).toEqual({ user_id: noah.id });
  // Updated in place: same row, now held by Noah.
  expect(within(rowOf("LR-000003")).getByText("Noah Kim")).toBeInTheDocument();
  expect(within(rowOf("LR-000003")).getByText("104")).toBeInTheDocument();
});

it("unassigns after a confirmation that says the license goes back to the account", async () => {
  let calls = 0;
  server.use(
    meHandler(),
    summaryHandler(),
    costCentersHandler(),
    listHandler(),
    http.post(`*/api/v1/licenses/${held.id}/unassign`, () => {
      calls += 1;
      return HttpResponse.json({ ...held, assignee: null, assigned_at: null });
    }),
  );
  const { user: actor } = renderAt(<LicensesPage />, { path: "/billing/licenses", route: "/billing/licenses" });
  await screen.findByRole("table", { name: "Live Reports licenses" });

  await actor.click(screen.getByRole("button", { name: "More actions for LR-000004" }));
  expect(screen.queryByRole("menuitem", { name: "Assign" })).not.toBeInTheDocument();
  await actor.click(screen.getByRole("menuitem", { name: "Unassign" }));
  const dialog = await screen.findByRole("dialog", { name: "Unassign license" });
  expect(dialog).toHaveTextContent("will be unassigned from Ava Thompson (ext 101) and placed back into your account for future use");

  // Cancel changes nothing.
  await actor.click(within(dialog).getByRole("button", { name: "Cancel" }));
  expect(calls).toBe(0);

  await actor.click(screen.getByRole("button", { name: "More actions for LR-000004" }));
  await actor.click(screen.getByRole("menuitem", { name: "Unassign" }));
  await actor.click(within(await screen.findByRole("dialog", { name: "Unassign license" })).getByRole("button", { name: "Confirm" }));
  await waitFor(() => expect(within(rowOf("LR-000004")).getByText("N/A")).toBeInTheDocument());
  expect(calls).toBe(1);
});

it("shows the server's conflict in words and keeps the dialog open", async () => {
  server.use(
    meHandler(),
    summaryHandler(),
    costCentersHandler(),
    listHandler(),
    http.get("*/api/v1/users", () => HttpResponse.json({ items: [noah], next_cursor: null })),
    http.post(`*/api/v1/licenses/${free.id}/assign`, () =>
      problem(409, "Noah Kim already holds a Live Reports license", { code: "user_already_licensed" }),
    ),
  );
  const { user: actor } = renderAt(<LicensesPage />, { path: "/billing/licenses", route: "/billing/licenses" });
  await actor.click(await screen.findByRole("button", { name: "More actions for LR-000003" }));
  await actor.click(screen.getByRole("menuitem", { name: "Assign" }));
  const dialog = await screen.findByRole("dialog");
  await actor.click(await within(dialog).findByRole("radio", { name: /Noah Kim/ }));
  await actor.click(within(dialog).getByRole("button", { name: "Assign" }));
  expect(await within(dialog).findByRole("alert")).toHaveTextContent("Noah Kim already holds a Live Reports license");
});

it("gives a viewer no actions it cannot use", async () => {
  server.use(meHandler(VIEWER), summaryHandler(), costCentersHandler(), listHandler());
  renderAt(<LicensesPage />, { path: "/billing/licenses", route: "/billing/licenses" });
  const table = await screen.findByRole("table", { name: "Live Reports licenses" });
  await waitFor(() => expect(screen.getByRole("button", { name: "Export CSV" })).toBeInTheDocument());
  expect(within(table).queryByRole("columnheader", { name: "Actions" })).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: /More actions/ })).not.toBeInTheDocument();
  expect(screen.queryByRole("link", { name: /Add Licenses/ })).not.toBeInTheDocument();
});
