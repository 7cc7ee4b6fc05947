import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { filterParams, licenseKeys, type LicenseFilters } from "./keys";

export const PAGE_SIZE = 50;

/** One keyset page of licenses for the filters: the server filters, sorts and pages. */
export const licensesQuery = (filters: LicenseFilters, cursor: string | null) =>
  queryOptions({
    queryKey: licenseKeys.list(filters, cursor),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/licenses", {
          params: {
            query: {
              ...filterParams(filters),
              cursor: cursor ?? undefined,
              limit: PAGE_SIZE,
              // The (capped) match count costs a second scan: ask for it on the first page only.
              with_total: cursor ? undefined : true,
            },
          },
          signal,
        }),
      ),
  });

export function useLicenses(filters: LicenseFilters, cursor: string | null) {
  // The previous page stays on screen while the next one loads: the table never jumps to empty.
  return useQuery({ ...licensesQuery(filters, cursor), placeholderData: keepPreviousData });
}
