import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { orderKeys } from "./keys";

export const ordersQuery = (cursor: string | null) =>
  queryOptions({
    queryKey: orderKeys.list(cursor),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/orders", { params: { query: { cursor: cursor ?? undefined, limit: 25 } }, signal })),
  });

export function useOrders(cursor: string | null) {
  return useQuery({ ...ordersQuery(cursor), placeholderData: keepPreviousData });
}
