import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { expect, it } from "vitest";
import { renderAt } from "../../../testing/render";
import { server } from "../../../testing/server";
import { allocation, checkout, checkoutLine, costCenters, costCentersHandler, ids, problem } from "../../../testing/fixtures";
import { SplitDialog } from "./SplitDialog";

const [cc100, cc200] = costCenters;

async function choose(user: ReturnType<typeof renderAt>["user"], label: string, option: RegExp) {
  await user.click(screen.getByRole("combobox", { name: label }));
  await user.click(await screen.findByRole("option", { name: option }));
}

it("splits a line's licenses among cost centers, showing the remainder, and sends them", async () => {
  let sent: unknown = null;
  server.use(
    costCentersHandler(),
    http.put(`*/api/v1/checkouts/${ids.checkout}/lines/${ids.line}/allocations`, async ({ request }) => {
      sent = await request.json();
      return HttpResponse.json(checkout([checkoutLine(5, [allocation(cc100, 3), allocation(cc200, 2)])]));
    }),
  );
  let closed = false;
  const { user } = renderAt(
    <SplitDialog checkoutId={ids.checkout} line={checkoutLine(5)} onClose={() => (closed = true)} />,
  );

  const dialog = await screen.findByRole("dialog", { name: "Split Live Reports" });
  const remainder = within(dialog).getByTestId("split-remainder");
  expect(remainder).toHaveTextContent("0");

  await choose(user, "Cost center 1", /CC-100/);
  const first = within(dialog).getByRole("textbox", { name: "Licenses 1" });
  await user.clear(first);
  await user.type(first, "3");
  expect(remainder).toHaveTextContent("2");

  // Saving now is refused before any request: 2 licenses are left over.
  await user.click(within(dialog).getByRole("button", { name: "Save split" }));
  expect(within(dialog).getByRole("alert")).toHaveTextContent("2 licenses are not assigned yet.");
  expect(sent).toBeNull();

  await user.click(within(dialog).getByRole("button", { name: "Add cost center" }));
  expect(within(dialog).getByRole("textbox", { name: "Licenses 2" })).toHaveValue("2");
  expect(remainder).toHaveTextContent("0");
  await choose(user, "Cost center 2", /CC-200/);
  await user.click(within(dialog).getByRole("button", { name: "Save split" }));

  await waitFor(() => expect(closed).toBe(true));
  expect(sent).toEqual({
    allocations: [
      { cost_center_id: cc100.id, quantity: 3 },
      { cost_center_id: cc200.id, quantity: 2 },
    ],
  });
});

it("refuses the same cost center twice and more licenses than the line has", async () => {
  server.use(costCentersHandler());
  const { user } = renderAt(
    <SplitDialog checkoutId={ids.checkout} line={checkoutLine(4, [allocation(cc100, 2), allocation(cc200, 2)])} onClose={() => {}} />,
  );
  const dialog = await screen.findByRole("dialog", { name: "Split Live Reports" });
  // Opens with the current split.
  await waitFor(() => expect(within(dialog).getByRole("combobox", { name: "Cost center 1" })).toHaveValue("CC-100 — Sales"));
  await choose(user, "Cost center 2", /CC-100/);
  const second = within(dialog).getByRole("textbox", { name: "Licenses 2" });
  await user.clear(second);
  await user.type(second, "3");
  expect(within(dialog).getByTestId("split-remainder")).toHaveTextContent("-1");
  await user.click(within(dialog).getByRole("button", { name: "Save split" }));
  expect(within(dialog).getByText("Already used in another row.")).toBeInTheDocument();
  expect(within(dialog).getByRole("alert")).toHaveTextContent("1 more than the line's 4 licenses.");
});

it("shows the server's words when it refuses the split", async () => {
  server.use(
    costCentersHandler(),
    http.put(`*/api/v1/checkouts/${ids.checkout}/lines/${ids.line}/allocations`, () =>
      problem(409, "this checkout has expired; start again from the cart", { code: "checkout_expired" }),
    ),
  );
  const { user } = renderAt(<SplitDialog checkoutId={ids.checkout} line={checkoutLine(2)} onClose={() => {}} />);
  const dialog = await screen.findByRole("dialog", { name: "Split Live Reports" });
  await choose(user, "Cost center 1", /CC-200/);
  await user.click(within(dialog).getByRole("button", { name: "Save split" }));
  expect(await within(dialog).findByRole("alert")).toHaveTextContent("this checkout has expired; start again from the cart");
});
