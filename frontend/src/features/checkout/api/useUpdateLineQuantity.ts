import { useMutation } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { useCheckoutChanged } from "./useCheckoutChange";

/** "Review Items": change a line's quantity (a split on it is cleared by the server). */
export function useUpdateLineQuantity(checkoutId: string) {
  const changed = useCheckoutChanged();
  return useMutation({
    mutationFn: ({ lineId, quantity }: { lineId: string; quantity: number }) =>
      unwrap(
        api.PATCH("/api/v1/checkouts/{id}/lines/{line_id}", {
          params: { path: { id: checkoutId, line_id: lineId } },
          body: { quantity },
        }),
      ),
    onSuccess: changed,
  });
}
