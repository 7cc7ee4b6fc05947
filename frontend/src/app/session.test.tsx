import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { createMemoryRouter, RouterProvider } from "react-router";
import { expect, it } from "vitest";
import { signIn } from "../features/auth/session";
import { me, problem } from "../testing/fixtures";
import { server } from "../testing/server";
import { Providers } from "./Providers";
import { makeQueryClient } from "./queryClient";
import { routes } from "./router";

it("a 401 anywhere signs out, says why, and signing in again returns to the same page", async () => {
  let tokenOk = false;
  server.use(
    http.get("*/api/v1/me", ({ request }) =>
      request.headers.get("authorization") === "Bearer fresh" ? HttpResponse.json(me()) : problem(401, "token expired"),
    ),
    http.get("*/api/v1/orders", ({ request }) =>
      request.headers.get("authorization") === "Bearer fresh"
        ? HttpResponse.json({ items: [], next_cursor: null })
        : problem(401, "token expired"),
    ),
    http.post("*/api/v1/auth/token", () => {
      tokenOk = true;
      return HttpResponse.json({ access_token: "fresh", token_type: "Bearer", expires_in: 3600 });
    }),
  );
  signIn("stale");
  const router = createMemoryRouter(routes, { initialEntries: ["/billing/orders?cursor=abc"] });
  const user = userEvent.setup();
  render(
    <Providers client={makeQueryClient()} env="test">
      <RouterProvider router={router} />
    </Providers>,
  );

  expect(await screen.findByText(/Your session has expired/)).toBeInTheDocument();
  expect(router.state.location.pathname).toBe("/sign-in");

  await user.type(screen.getByLabelText(/Email/), "owner@acme.example");
  await user.type(screen.getByLabelText(/Password/), "seatdesk-demo");
  await user.click(screen.getByRole("button", { name: "Sign in" }));

  expect(await screen.findByText("No orders yet")).toBeInTheDocument();
  expect(tokenOk).toBe(true);
  expect(router.state.location.pathname + router.state.location.search).toBe("/billing/orders?cursor=abc");
});
