import { Button, Group, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../../api/problem";
import { DownloadIcon, PlusIcon } from "../../../components/icons";
import { PageHeader } from "../../../components/PageHeader";
import { Empty, ErrorState, Loading } from "../../../components/states";
import { useCan } from "../../auth/permissions";
import { exportLicenses } from "../api/exportLicenses";
import { licenseKeys, type License, type LicensePage } from "../api/keys";
import { useLicenses } from "../api/useLicenses";
import { DEFAULT_SORT, useLicenseFilters } from "../useLicenseFilters";
import { AssignLicenseDialog } from "./AssignLicenseDialog";
import { CostCenterFilter } from "./CostCenterFilter";
import { LicensesTable } from "./LicensesTable";
import { LicenseSummaryCards } from "./LicenseSummaryCards";
import { SearchField } from "./SearchField";
import { UnassignLicenseDialog } from "./UnassignLicenseDialog";

/** The Live Reports page: every purchased license, filtered, sorted and paged by the server. */
export function LicensesPage() {
  const { filters, cursor, update, setCursor } = useLicenseFilters();
  const licenses = useLicenses(filters, cursor);
  const canWrite = useCan("licenses:write");
  const canBuy = useCan("billing:write");
  const client = useQueryClient();
  const [assigning, setAssigning] = useState<License | null>(null);
  const [unassigning, setUnassigning] = useState<License | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  // Cursors of the pages before this one (keyset paging only knows "next"); reset by a new filter.
  const filterKey = JSON.stringify(filters);
  const [history, setHistory] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [] });
  const previous = history.key === filterKey ? history.cursors : [];

  const firstPage = client.getQueryData<LicensePage>(licenseKeys.list(filters, null));
  const total = licenses.data?.total ?? firstPage?.total;
  const totalIsLowerBound = licenses.data?.total_is_lower_bound ?? firstPage?.total_is_lower_bound;
  const filtered = Boolean(filters.q || filters.costCenters.length || filters.status);

  const goNext = () => {
    if (!licenses.data?.next_cursor) return;
    setHistory({ key: filterKey, cursors: [...previous, cursor] });
    setCursor(licenses.data.next_cursor);
  };
  const goPrevious = () => {
    const cursors = [...previous];
    const target = cursors.pop() ?? null;
    setHistory({ key: filterKey, cursors });
    setCursor(target);
  };

  const runExport = async () => {
    setExportError(null);
    setExporting(true);
    try {
      await exportLicenses(filters);
    } catch (err) {
      setExportError(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Live Reports"
        description="Purchased Live Reports licenses: who holds them and which cost center pays."
        actions={
          <>
            <Button variant="default" leftSection={<DownloadIcon size={16} />} onClick={runExport} loading={exporting}>
              Export CSV
            </Button>
            {canBuy && (
              <Button component={Link} to="/billing/purchase" leftSection={<PlusIcon size={16} />}>
                Add Licenses
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <LicenseSummaryCards />
        {exportError && <ErrorState error={new Error(exportError)} title="Export failed" />}
        <Paper withBorder radius="md" p="md">
          <Group align="flex-end" gap="md" mb="md" wrap="wrap" role="search" aria-label="Filter licenses">
            <SearchField value={filters.q} onSearch={(q) => update({ q })} />
            <CostCenterFilter selected={filters.costCenters} onChange={(costCenters) => update({ costCenters })} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="status-filter-label">
                Status
              </Text>
              <SegmentedControl
                aria-labelledby="status-filter-label"
                value={filters.status ?? "all"}
                onChange={(value) => update({ status: value === "all" ? null : (value as "assigned" | "unassigned") })}
                data={[
                  { value: "all", label: "All" },
                  { value: "assigned", label: "Assigned" },
                  { value: "unassigned", label: "N/A (free)" },
                ]}
              />
            </Stack>
            {(filtered || filters.sort !== DEFAULT_SORT) && (
              <Button
                variant="subtle"
                onClick={() => update({ q: "", costCenters: [], status: null, sort: DEFAULT_SORT })}
              >
                Reset
              </Button>
            )}
          </Group>

          {licenses.isPending ? (
            <Loading label="Loading licenses…" />
          ) : licenses.isError ? (
            <ErrorState error={licenses.error} onRetry={() => licenses.refetch()} />
          ) : licenses.data.items.length === 0 ? (
            <Empty title={filtered ? "No license matches these filters" : "No licenses yet"}>
              {filtered ? "Change the search or the cost centers." : canBuy ? "Use Add Licenses to buy some." : null}
            </Empty>
          ) : (
            <div style={{ opacity: licenses.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }} aria-busy={licenses.isFetching}>
              <LicensesTable
                licenses={licenses.data.items}
                sort={filters.sort}
                onSort={(sort) => update({ sort })}
                canWrite={canWrite}
                onAssign={setAssigning}
                onUnassign={setUnassigning}
              />
            </div>
          )}

          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed" role="status" aria-live="polite">
              {total !== undefined && total !== null
                ? `${total.toLocaleString("en-US")}${totalIsLowerBound ? "+" : ""} ${total === 1 ? "license" : "licenses"}${filtered ? " match" : ""}`
                : ""}
            </Text>
            <Group gap="xs">
              <Button variant="default" size="xs" disabled={!cursor} onClick={goPrevious}>
                {previous.length === 0 && cursor ? "First page" : "Previous"}
              </Button>
              <Button variant="default" size="xs" disabled={!licenses.data?.next_cursor || licenses.isPlaceholderData} onClick={goNext}>
                Next
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
      <AssignLicenseDialog license={assigning} onClose={() => setAssigning(null)} />
      <UnassignLicenseDialog license={unassigning} onClose={() => setUnassigning(null)} />
    </>
  );
}
