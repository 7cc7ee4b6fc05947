// The licenses view lives in the URL: a reload or a shared link shows the same filters, sort and page.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { LicenseFilters, LicenseStatus } from "./api/keys";

export const DEFAULT_SORT = "-added_at";

function parseStatus(value: string | null): LicenseStatus | null {
  return value === "assigned" || value === "unassigned" ? value : null;
}

export function useLicenseFilters() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();

  const filters: LicenseFilters = useMemo(() => {
    const current = new URLSearchParams(key);
    return {
      q: current.get("q") ?? "",
      costCenters: current.getAll("cost_center"),
      status: parseStatus(current.get("status")),
      sort: current.get("sort") ?? DEFAULT_SORT,
    };
  }, [key]);
  const cursor = params.get("cursor");

  /** A filter change starts again from the first page; it replaces the history entry while typing. */
  const update = useCallback(
    (patch: Partial<LicenseFilters>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete("cursor");
          if (patch.q !== undefined) {
            if (patch.q) next.set("q", patch.q);
            else next.delete("q");
          }
          if (patch.costCenters !== undefined) {
            next.delete("cost_center");
            for (const id of patch.costCenters) next.append("cost_center", id);
          }
          if (patch.status !== undefined) {
            if (patch.status) next.set("status", patch.status);
            else next.delete("status");
          }
          if (patch.sort !== undefined) {
            if (patch.sort && patch.sort !== DEFAULT_SORT) next.set("sort", patch.sort);
            else next.delete("sort");
          }
          return next;
        },
        { replace: patch.q !== undefined },
      );
    },
    [setParams],
  );

  const setCursor = useCallback(
    (value: string | null) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set("cursor", value);
        else next.delete("cursor");
        return next;
      });
    },
    [setParams],
  );

  return { filters, cursor, update, setCursor };
}
