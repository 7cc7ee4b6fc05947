import type { components } from "../../../api/schema";

export type CostCenter = components["schemas"]["CostCenter"];

export const costCenterKeys = {
  all: ["cost-centers"] as const,
  lists: () => [...costCenterKeys.all, "list"] as const,
  list: (q: string, cursor: string | null = null) => [...costCenterKeys.lists(), { q, cursor }] as const,
};
