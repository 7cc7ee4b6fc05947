// The one way the portal talks to the API: a client typed from openapi/openapi.json.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { getToken, signOut } from "../features/auth/session";

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? "",
  // Looked up per call, so tests (and MSW) can replace fetch after this module loads.
  fetch: (request) => globalThis.fetch(request),
});

const TOKEN_PATH = "/api/v1/auth/token";

/** Sends the bearer token; a 401 on any call but sign-in itself ends the session. */
export const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token && !request.headers.has("authorization")) {
      request.headers.set("authorization", `Bearer ${token}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith(TOKEN_PATH)) {
      signOut("expired");
    }
    return response;
  },
};

api.use(authMiddleware);
