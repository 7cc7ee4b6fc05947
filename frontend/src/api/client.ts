// The one way the portal talks to the API: a client typed from openapi/openapi.json.
import createClient from "openapi-fetch";
import type { paths } from "./schema";

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? "",
  // Looked up per call, so tests (and MSW) can replace fetch after this module loads.
  fetch: (request) => globalThis.fetch(request),
});
