import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { expect, it } from "vitest";
import { renderAt } from "../../../testing/render";
import { server } from "../../../testing/server";
import { costCentersHandler, ids, license, meHandler, summaryHandler } from "../../../testing/fixtures";
import { LicensesPage } from "./LicensesPage";

/** Records every GET /licenses query string; answers one page. */
function licensesHandler(queries: URLSearchParams[]) {
  return http.get("*/api/v1/licenses", ({ request }) => {
    const params = new URL(request.url).searchParams;
    queries.push(params);
    return HttpResponse.json({ items: [license(1), license(2)], next_cursor: null, total: 2, total_is_lower_bound: false });
  });
}

it("filters by several cost centers from a searchable checkbox dropdown and keeps them in the URL", async () => {
  const queries: URLSearchParams[] = [];
  const ccSearches: string[] = [];
  server.use(meHandler(), summaryHandler(), costCentersHandler(ccSearches), licensesHandler(queries));
  const { user, router } = renderAt(<LicensesPage />, { path: "/billing/licenses", route: "/billing/licenses" });

  await screen.findByRole("table", { name: "Live Reports licenses" });
  await user.click(screen.getByRole("button", { name: "Cost Center" }));
  // The dropdown's own search asks the server.
  await user.type(await screen.findByRole("textbox", { name: "Search cost centers" }), "sup");
  await waitFor(() => expect(ccSearches).toContain("sup"));
  await user.click(await screen.findByRole("option", { name: /CC-200/ }));
  await user.clear(screen.getByRole("textbox", { name: "Search cost centers" }));
  await user.click(await screen.findByRole("option", { name: /CC-100/ }));

  await waitFor(() => expect(queries.at(-1)?.getAll("cost_center").sort()).toEqual([ids.cc100, ids.cc200].sort()));
  expect(router.state.location.search).toContain(`cost_center=${ids.cc200}`);
  expect(router.state.location.search).toContain(`cost_center=${ids.cc100}`);
  const options = screen.getAllByRole("option");
  expect(options.filter((o) => o.getAttribute("aria-selected") === "true")).toHaveLength(2);

  // Unchecking one narrows the filter again.
  await user.click(screen.getByRole("option", { name: /CC-200/ }));
  await waitFor(() => expect(queries.at(-1)?.getAll("cost_center")).toEqual([ids.cc100]));
});

it("searches on the server after typing pauses, and restores filters from a shared link", async () => {
  const queries: URLSearchParams[] = [];
  server.use(meHandler(), summaryHandler(), costCentersHandler(), licensesHandler(queries));
  const { user } = renderAt(<LicensesPage />, {
    path: `/billing/licenses?cost_center=${ids.cc300}&status=unassigned&sort=number`,
    route: "/billing/licenses",
  });

  await screen.findByRole("table", { name: "Live Reports licenses" });
  const first = queries[0];
  expect(first.getAll("cost_center")).toEqual([ids.cc300]);
  expect(first.get("status")).toBe("unassigned");
  expect(first.get("sort")).toBe("number");
  expect(screen.getByRole("button", { name: "Cost Center" })).toHaveTextContent("CC-300");

  await user.type(screen.getByRole("textbox", { name: "Search" }), "ava 10");
  await waitFor(() => expect(queries.at(-1)?.get("q")).toBe("ava 10"));
  // Debounced: not one request per key.
  expect(queries.filter((q) => q.get("q")).length).toBeLessThan(3);
  expect(queries.at(-1)?.getAll("cost_center")).toEqual([ids.cc300]);
});

it("sorts by a column header on the server and says so to screen readers", async () => {
  const queries: URLSearchParams[] = [];
  server.use(meHandler(), summaryHandler(), costCentersHandler(), licensesHandler(queries));
  const { user } = renderAt(<LicensesPage />, { path: "/billing/licenses", route: "/billing/licenses" });
  const table = await screen.findByRole("table", { name: "Live Reports licenses" });
  const header = within(table).getByRole("columnheader", { name: /Cost Center Code/ });
  expect(header).toHaveAttribute("aria-sort", "none");
  await user.click(within(header).getByRole("button"));
  await waitFor(() => expect(queries.at(-1)?.get("sort")).toBe("cost_center"));
  expect(within(table).getByRole("columnheader", { name: /Cost Center Code/ })).toHaveAttribute("aria-sort", "ascending");
});

it("shows the server's words when the list fails, and an empty state when nothing matches", async () => {
  server.use(
    meHandler(),
    summaryHandler(),
    costCentersHandler(),
    http.get("*/api/v1/licenses", ({ request }) =>
      new URL(request.url).searchParams.get("q")
        ? HttpResponse.json({ items: [], next_cursor: null, total: 0, total_is_lower_bound: false })
        : HttpResponse.json(
            { type: "about:blank", title: "Service Unavailable", status: 503, detail: "the database is unavailable; retry shortly" },
            { status: 503, headers: { "content-type": "application/problem+json" } },
          ),
    ),
  );
  const { user } = renderAt(<LicensesPage />, { path: "/billing/licenses", route: "/billing/licenses" });
  expect(await screen.findByText("the database is unavailable; retry shortly", {}, { timeout: 8000 })).toBeInTheDocument();
  await user.type(screen.getByRole("textbox", { name: "Search" }), "zzz");
  expect(await screen.findByText("No license matches these filters")).toBeInTheDocument();
});
