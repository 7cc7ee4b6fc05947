import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import type { components } from "../../../api/schema";

export type AuditEvent = components["schemas"]["AuditEvent"];

export interface AuditFilters {
  actor: string;
  action: string;
  object: string;
  since: string; // YYYY-MM-DD (UTC day start)
  until: string; // YYYY-MM-DD (inclusive: the API gets the next day's start)
}

function dayStart(date: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString();
}

export const auditEventsQuery = (filters: AuditFilters, cursor: string | null) =>
  queryOptions({
    queryKey: ["audit-events", "list", filters, cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/audit-events", {
          params: {
            query: {
              actor: filters.actor.trim() || undefined,
              action: filters.action.trim() || undefined,
              object: filters.object.trim() || undefined,
              since: dayStart(filters.since),
              until: dayStart(filters.until, 1),
              cursor: cursor ?? undefined,
              limit: 50,
            },
          },
          signal,
        }),
      ),
  });

export function useAuditEvents(filters: AuditFilters, cursor: string | null) {
  return useQuery({ ...auditEventsQuery(filters, cursor), placeholderData: keepPreviousData });
}
