// Renders a screen the way the portal does: Mantine, a fresh QueryClient, a router at `path`,
// and a signed-in session (a token the MSW handlers ignore).
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { Providers } from "../app/Providers";
import { makeQueryClient } from "../app/queryClient";
import { signIn } from "../features/auth/session";

export function renderAt(element: ReactElement, { path = "/", route = "/", signedIn = true }: { path?: string; route?: string; signedIn?: boolean } = {},
) {
  if (signedIn) signIn("test-token");
  const client = makeQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(
    [
      { path: route, element },
      { path: "*", element: <p>elsewhere</p> },
    ],
    { initialEntries: [path] },
  );
  const user = userEvent.setup();
  const utils = render(
    <Providers client={client} env="test">
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...utils, user, router, client };
}
