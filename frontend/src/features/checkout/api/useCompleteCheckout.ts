import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { checkoutKeys } from "./keys";

const keyName = (checkoutId: string) => `seatdesk.idempotency.${checkoutId}`;

/**
 * The Idempotency-Key of a checkout's order: made once and kept (also across a reload), so a double
 * click or a retry after a lost answer places exactly one order.
 */
export function idempotencyKeyFor(checkoutId: string): string {
  const existing = sessionStorage.getItem(keyName(checkoutId));
  if (existing) return existing;
  const key = crypto.randomUUID();
  sessionStorage.setItem(keyName(checkoutId), key);
  return key;
}

/** A different total is a different intended order: it gets a new key. */
export function forgetIdempotencyKey(checkoutId: string) {
  sessionStorage.removeItem(keyName(checkoutId));
}

export function useCompleteCheckout(checkoutId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["complete", checkoutId],
    mutationFn: (expectedTotal: string) =>
      unwrap(
        api.POST("/api/v1/checkouts/{id}/complete", {
          params: { path: { id: checkoutId }, header: { "Idempotency-Key": idempotencyKeyFor(checkoutId) } },
          body: { acknowledged: true, expected_total: expectedTotal },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: checkoutKeys.detail(checkoutId) });
      void client.invalidateQueries({ queryKey: ["licenses"] });
      void client.invalidateQueries({ queryKey: ["orders"] });
      void client.invalidateQueries({ queryKey: ["billing"] });
      void client.invalidateQueries({ queryKey: ["cart"] });
    },
  });
}
