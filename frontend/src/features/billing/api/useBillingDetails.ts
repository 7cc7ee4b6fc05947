import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import type { components } from "../../../api/schema";

export type BillingDetails = components["schemas"]["BillingDetails"];

export const billingDetailsQuery = () =>
  queryOptions({
    queryKey: ["billing", "details"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/billing/details", { signal })),
  });

export function useBillingDetails() {
  return useQuery(billingDetailsQuery());
}
