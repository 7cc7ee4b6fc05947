import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import type { components } from "../../../api/schema";

export type DirectoryUser = components["schemas"]["DirectoryUser"];

/** Active directory users matching `q` (name, email or extension): one page, enough for a picker. */
export const userSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ["users", "list", { q, status: "active" }],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/users", { params: { query: { q: q || undefined, status: "active", limit: 20 } }, signal })),
  });

export function useUserSearch(q: string) {
  return useQuery({ ...userSearchQuery(q), placeholderData: keepPreviousData });
}
