import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { purchaseKeys } from "./keys";

export function useRemoveCartItem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (productId: string) =>
      unwrap(api.DELETE("/api/v1/cart/items/{product_id}", { params: { path: { product_id: productId } } })),
    onSuccess: (cart) => client.setQueryData(purchaseKeys.cart, cart),
  });
}
