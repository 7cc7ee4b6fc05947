import type { components } from "../../../api/schema";

export type Product = components["schemas"]["Product"];
export type Cart = components["schemas"]["Cart"];
export type CartItem = components["schemas"]["CartItem"];

export const purchaseKeys = {
  products: ["products"] as const,
  cart: ["cart"] as const,
};
