import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { purchaseKeys } from "./keys";

export const productsQuery = () =>
  queryOptions({
    queryKey: purchaseKeys.products,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/products", { signal })),
    staleTime: 5 * 60_000,
  });

export function useProducts() {
  return useQuery(productsQuery());
}
