import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { orderKeys } from "./keys";

/** A statement never changes once written: cache it for good. */
export const statementQuery = (orderId: string) =>
  queryOptions({
    queryKey: orderKeys.statement(orderId),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/orders/{id}/statement", { params: { path: { id: orderId } }, signal })),
    staleTime: Infinity,
  });

export function useStatement(orderId: string | null | undefined) {
  return useQuery({ ...statementQuery(orderId ?? ""), enabled: Boolean(orderId) });
}
