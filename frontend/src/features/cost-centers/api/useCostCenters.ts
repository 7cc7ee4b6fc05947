import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { costCenterKeys } from "./keys";

/** Cost centers matching `q` (code or name), searched by the server, by code, one page. */
export const costCentersQuery = (q: string, cursor: string | null = null, limit = 200) =>
  queryOptions({
    queryKey: costCenterKeys.list(q, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/cost-centers", {
          params: { query: { q: q.trim() || undefined, cursor: cursor ?? undefined, limit } },
          signal,
        }),
      ),
  });

export function useCostCenters(q = "", cursor: string | null = null) {
  return useQuery({ ...costCentersQuery(q, cursor), placeholderData: keepPreviousData });
}
