import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { checkoutKeys } from "./keys";

export const checkoutQuery = (id: string) =>
  queryOptions({
    queryKey: checkoutKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/checkouts/{id}", { params: { path: { id } }, signal })),
  });

export function useCheckout(id: string) {
  return useQuery(checkoutQuery(id));
}
