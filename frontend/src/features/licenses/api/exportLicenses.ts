import { api } from "../../../api/client";
import { ApiError } from "../../../api/problem";
import { filterParams, type LicenseFilters } from "./keys";

/** Downloads GET /licenses/export for the current filters (it needs the bearer token, so no plain link). */
export async function exportLicenses(filters: LicenseFilters): Promise<void> {
  const { data, error, response } = await api.GET("/api/v1/licenses/export", {
    params: { query: filterParams(filters) },
    parseAs: "blob",
  });
  if (!response.ok || !data) throw new ApiError(response.status, (error as object | undefined) ?? null);
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "licenses.csv";
  // parseAs: "blob" yields a Blob at run time; the spec types the CSV body as text.
  const blob = typeof data === "string" ? new Blob([data], { type: "text/csv" }) : (data as Blob);
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
