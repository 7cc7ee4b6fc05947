import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { checkoutKeys } from "./keys";

/** "Review Order": the itemized charges if the checkout were completed now. */
export const quoteQuery = (id: string) =>
  queryOptions({
    queryKey: checkoutKeys.quote(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/checkouts/{id}/quote", { params: { path: { id } }, signal })),
    staleTime: 0,
  });

export function useQuote(id: string, enabled: boolean) {
  return useQuery({ ...quoteQuery(id), enabled });
}
