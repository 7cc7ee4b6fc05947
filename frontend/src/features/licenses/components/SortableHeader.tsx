import { Table, UnstyledButton } from "@mantine/core";
import type { ReactNode } from "react";
import { SortIcon } from "../../../components/icons";

interface Props {
  field: string;
  sort: string;
  onSort: (sort: string) => void;
  children: ReactNode;
  /** The direction a first click chooses (dates read best newest first). */
  firstDirection?: "asc" | "desc";
}

/** A column header that sorts on the server; aria-sort tells screen readers the current order. */
export function SortableHeader({ field, sort, onSort, children, firstDirection = "asc" }: Props) {
  const direction = sort === field ? "asc" : sort === `-${field}` ? "desc" : null;
  const next = direction === null ? (firstDirection === "asc" ? field : `-${field}`) : direction === "asc" ? `-${field}` : field;
  return (
    <Table.Th aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}>
      <UnstyledButton
        onClick={() => onSort(next)}
        fw={700}
        fz="sm"
        style={{ display: "inline-flex", alignItems: "center", gap: 4 }}
      >
        {children}
        <SortIcon sortOrder={direction} />
      </UnstyledButton>
    </Table.Th>
  );
}
