import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeEach, expect, it } from "vitest";
import { Routes, Route } from "react-router";
import { renderAt } from "../../../testing/render";
import { server } from "../../../testing/server";
import { getToken, signOut } from "../session";

beforeEach(() => signOut("user"));
import { SignInPage, safeNext } from "./SignInPage";

function renderSignIn(path: string) {
  const view = renderAt(
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/billing/licenses" element={<p>licenses page</p>} />
      <Route path="/billing/orders" element={<p>orders page</p>} />
    </Routes>,
    { path, route: "/*", signedIn: false },
  );
  return view;
}

it("validates before sending, then signs in and returns to where the admin was", async () => {
  let sent: unknown = null;
  server.use(
    http.post("*/api/v1/auth/token", async ({ request }) => {
      sent = await request.json();
      return HttpResponse.json({ access_token: "t-1", token_type: "Bearer", expires_in: 3600 });
    }),
  );
  const { user } = renderSignIn("/sign-in?next=%2Fbilling%2Forders");

  await user.click(await screen.findByRole("button", { name: "Sign in" }));
  expect(screen.getByText("Enter your work email address.")).toBeInTheDocument();
  expect(sent).toBeNull();

  await user.type(screen.getByLabelText(/Email/), "owner@acme.example");
  await user.type(screen.getByLabelText(/Password/), "seatdesk-demo");
  await user.click(screen.getByRole("button", { name: "Sign in" }));

  expect(await screen.findByText("orders page")).toBeInTheDocument();
  expect(sent).toEqual({ grant_type: "password", email: "owner@acme.example", password: "seatdesk-demo" });
  expect(getToken()).toBe("t-1");
});

it("says so when the credentials are wrong", async () => {
  server.use(
    http.post("*/api/v1/auth/token", () =>
      HttpResponse.json(
        { type: "about:blank", title: "Unauthorized", status: 401, detail: "invalid credentials" },
        { status: 401, headers: { "content-type": "application/problem+json" } },
      ),
    ),
  );
  const { user } = renderSignIn("/sign-in");
  await user.type(await screen.findByLabelText(/Email/), "owner@acme.example");
  await user.type(screen.getByLabelText(/Password/), "wrong");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("The email or password is not correct.");
  await waitFor(() => expect(getToken()).toBeNull());
});

it("only follows same-origin paths after sign-in", () => {
  expect(safeNext("/billing/orders?x=1")).toBe("/billing/orders?x=1");
  expect(safeNext("//evil.example")).toBe("/billing/licenses");
  expect(safeNext("https://evil.example")).toBe("/billing/licenses");
  expect(safeNext(null)).toBe("/billing/licenses");
});
