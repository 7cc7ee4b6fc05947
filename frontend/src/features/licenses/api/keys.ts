import type { components, paths } from "../../../api/schema";

export type License = components["schemas"]["License"];
export type LicensePage = components["schemas"]["LicensePage"];
export type LicenseSummary = components["schemas"]["LicenseSummary"];
type LicenseQuery = NonNullable<paths["/api/v1/licenses"]["get"]["parameters"]["query"]>;
export type LicenseStatus = NonNullable<LicenseQuery["status"]>;
export type LicenseSort = NonNullable<LicenseQuery["sort"]>;

/** Every sort the API accepts; a hand-edited URL with anything else falls back to the default. */
const SORTS: readonly LicenseSort[] = [
  "added_at", "-added_at", "number", "-number", "assignee", "-assignee",
  "cost_center", "-cost_center", "last_used_at", "-last_used_at",
];

function asSort(sort: string): LicenseSort | undefined {
  return SORTS.find((known) => known === sort);
}

/** The filters of the licenses page, exactly as the URL holds them. */
export interface LicenseFilters {
  q: string;
  costCenters: string[];
  status: LicenseStatus | null;
  sort: string;
}

export const licenseKeys = {
  all: ["licenses"] as const,
  lists: () => [...licenseKeys.all, "list"] as const,
  list: (filters: LicenseFilters, cursor: string | null) => [...licenseKeys.lists(), filters, cursor] as const,
  summary: () => [...licenseKeys.all, "summary"] as const,
};

/** The query parameters of GET /licenses and GET /licenses/export for these filters. */
export function filterParams(filters: LicenseFilters) {
  return {
    q: filters.q.trim() || undefined,
    cost_center: filters.costCenters.length ? filters.costCenters : undefined,
    status: filters.status ?? undefined,
    sort: asSort(filters.sort),
  };
}
