import { useQueryClient } from "@tanstack/react-query";
import { checkoutKeys, type Checkout } from "./keys";

/** Every checkout change answers with the whole checkout: store it, and the quote is stale. */
export function useCheckoutChanged() {
  const client = useQueryClient();
  return (checkout: Checkout) => {
    client.setQueryData(checkoutKeys.detail(checkout.id), checkout);
    void client.invalidateQueries({ queryKey: checkoutKeys.quote(checkout.id) });
  };
}
