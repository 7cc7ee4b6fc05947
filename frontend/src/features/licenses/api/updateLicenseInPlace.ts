import type { QueryClient } from "@tanstack/react-query";
import { licenseKeys, type License, type LicensePage } from "./keys";

/**
 * After a change to one license: its row is replaced where it stands on every cached page (the
 * admin keeps their place), the counts refresh, and the lists are marked stale for next time.
 */
export function updateLicenseInPlace(client: QueryClient, license: License) {
  client.setQueriesData<LicensePage>({ queryKey: licenseKeys.lists() }, (page) =>
    page ? { ...page, items: page.items.map((item) => (item.id === license.id ? license : item)) } : page,
  );
  void client.invalidateQueries({ queryKey: licenseKeys.lists(), refetchType: "none" });
  void client.invalidateQueries({ queryKey: licenseKeys.summary() });
  void client.invalidateQueries({ queryKey: ["users"] });
}
