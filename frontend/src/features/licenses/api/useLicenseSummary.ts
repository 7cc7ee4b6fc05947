import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { licenseKeys } from "./keys";

export const licenseSummaryQuery = () =>
  queryOptions({
    queryKey: licenseKeys.summary(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/licenses/summary", { signal })),
  });

export function useLicenseSummary() {
  return useQuery(licenseSummaryQuery());
}
