// One QueryClient for the portal: no retries on client errors, and a sign-out drops every cached
// answer so the next admin never sees the previous one's data.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/problem";
import { getToken, onSessionChange } from "../features/auth/session";

export function makeQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  onSessionChange(() => {
    if (getToken() === null) client.clear();
  });
  return client;
}
