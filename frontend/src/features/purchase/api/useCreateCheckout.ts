import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { checkoutKeys } from "../../checkout/api/keys";

/** "Check Out": snapshots the cart into a checkout. */
export function useCreateCheckout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/checkouts")),
    onSuccess: (checkout) => client.setQueryData(checkoutKeys.detail(checkout.id), checkout),
  });
}
