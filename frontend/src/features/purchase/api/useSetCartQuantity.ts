import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { purchaseKeys } from "./keys";

/** Sets a product's quantity in the cart (the server answers with the whole cart). */
export function useSetCartQuantity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, quantity }: { productId: string; quantity: number }) =>
      unwrap(api.PUT("/api/v1/cart/items/{product_id}", { params: { path: { product_id: productId } }, body: { quantity } })),
    onSuccess: (cart) => client.setQueryData(purchaseKeys.cart, cart),
  });
}
