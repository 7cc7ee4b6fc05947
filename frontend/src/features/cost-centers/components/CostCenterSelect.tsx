import { Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import type { CostCenter } from "../api/keys";
import { useCostCenters } from "../api/useCostCenters";

type Props = Omit<SelectProps, "data" | "value" | "onChange" | "searchValue" | "onSearchChange"> & {
  value: string | null;
  onChange: (id: string | null, costCenter: CostCenter | null) => void;
  /** Cost centers known to the caller (e.g. one just created), so they can be shown before a refetch. */
  extra?: CostCenter[];
};

const labelOf = (cc: CostCenter) => `${cc.code} — ${cc.name}`;

/** A searchable cost-center dropdown; the search is answered by the server. */
export function CostCenterSelect({ value, onChange, extra = [], ...rest }: Props) {
  const [search, setSearch] = useState("");
  const all = useCostCenters("");
  const selected = value ? [...(all.data?.items ?? []), ...extra].find((cc) => cc.id === value) : undefined;
  // Showing the chosen option's label is not a search: then list everything.
  const [q] = useDebouncedValue(selected && search === labelOf(selected) ? "" : search, 250);
  const found = useCostCenters(q);

  const known = useMemo(() => {
    const map = new Map<string, CostCenter>();
    for (const cc of [...(all.data?.items ?? []), ...(found.data?.items ?? []), ...extra]) map.set(cc.id, cc);
    return map;
  }, [all.data, found.data, extra]);

  const data = useMemo(() => {
    const shown = new Map((found.data?.items ?? []).map((cc) => [cc.id, cc]));
    if (value && known.has(value)) shown.set(value, known.get(value)!);
    for (const cc of extra) shown.set(cc.id, cc);
    return [...shown.values()]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((cc) => ({ value: cc.id, label: labelOf(cc) }));
  }, [found.data, known, value, extra]);

  return (
    <Select
      searchable
      clearable={false}
      nothingFoundMessage={found.isFetching ? "Searching…" : "No cost center found"}
      data={data}
      value={value}
      onChange={(id) => onChange(id, id ? (known.get(id) ?? null) : null)}
      onSearchChange={setSearch}
      comboboxProps={{ withinPortal: true, shadow: "md" }}
      {...rest}
    />
  );
}
