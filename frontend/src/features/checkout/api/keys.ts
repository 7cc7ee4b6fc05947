import type { components } from "../../../api/schema";

export type Checkout = components["schemas"]["Checkout"];
export type CheckoutLine = components["schemas"]["CheckoutLine"];
export type Quote = components["schemas"]["Quote"];
export type Order = components["schemas"]["Order"];

export const checkoutKeys = {
  all: ["checkouts"] as const,
  detail: (id: string) => [...checkoutKeys.all, id] as const,
  quote: (id: string) => [...checkoutKeys.all, id, "quote"] as const,
};
