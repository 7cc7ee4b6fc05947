import { screen, within } from "@testing-library/react";
import { http } from "msw";
import { expect, it } from "vitest";
import { renderAt } from "../../../testing/render";
import { server } from "../../../testing/server";
import { problem } from "../../../testing/fixtures";
import { NewCostCenterDialog } from "./NewCostCenterDialog";

it("checks the code before sending, then shows the server's message under the field", async () => {
  let posts = 0;
  server.use(
    http.post("*/api/v1/cost-centers", () => {
      posts += 1;
      return problem(422, "the request has invalid fields", { errors: { code: ["CC-100 is already used in this account"] } });
    }),
  );
  const { user } = renderAt(<NewCostCenterDialog opened onClose={() => {}} onCreated={() => {}} />);
  const dialog = await screen.findByRole("dialog", { name: "New cost center" });

  await user.type(within(dialog).getByRole("textbox", { name: /Code/ }), "CC 100!");
  await user.type(within(dialog).getByRole("textbox", { name: /Name/ }), "Sales again");
  await user.click(within(dialog).getByRole("button", { name: "Create" }));
  expect(within(dialog).getByText("Use only letters, digits, - _ and .")).toBeInTheDocument();
  expect(posts).toBe(0);

  await user.clear(within(dialog).getByRole("textbox", { name: /Code/ }));
  await user.type(within(dialog).getByRole("textbox", { name: /Code/ }), "CC-100");
  await user.click(within(dialog).getByRole("button", { name: "Create" }));
  expect(await within(dialog).findByText("CC-100 is already used in this account")).toBeInTheDocument();
  expect(posts).toBe(1);
});
