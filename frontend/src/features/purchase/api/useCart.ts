import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { purchaseKeys } from "./keys";

export const cartQuery = () =>
  queryOptions({
    queryKey: purchaseKeys.cart,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/cart", { signal })),
  });

export function useCart(enabled = true) {
  return useQuery({ ...cartQuery(), enabled });
}
