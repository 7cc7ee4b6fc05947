import type { components } from "../../../api/schema";

export type Order = components["schemas"]["Order"];
export type Statement = components["schemas"]["Statement"];

export const orderKeys = {
  all: ["orders"] as const,
  lists: () => [...orderKeys.all, "list"] as const,
  list: (cursor: string | null) => [...orderKeys.lists(), { cursor }] as const,
  statement: (orderId: string) => [...orderKeys.all, orderId, "statement"] as const,
};
