import { Badge, Table, Text } from "@mantine/core";
import { formatDate } from "../../../components/format";
import type { License } from "../api/keys";
import { LicenseRowMenu } from "./LicenseRowMenu";
import { SortableHeader } from "./SortableHeader";

interface Props {
  licenses: License[];
  sort: string;
  onSort: (sort: string) => void;
  canWrite: boolean;
  onAssign: (license: License) => void;
  onUnassign: (license: License) => void;
}

export function LicensesTable({ licenses, sort, onSort, canWrite, onAssign, onUnassign }: Props) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped stickyHeader aria-label="Live Reports licenses">
        <Table.Thead>
          <Table.Tr>
            <SortableHeader field="number" sort={sort} onSort={onSort}>
              License Type
            </SortableHeader>
            <SortableHeader field="assignee" sort={sort} onSort={onSort}>
              Assigned To
            </SortableHeader>
            <Table.Th>Ext</Table.Th>
            <SortableHeader field="cost_center" sort={sort} onSort={onSort}>
              Cost Center Code
            </SortableHeader>
            <SortableHeader field="added_at" sort={sort} onSort={onSort} firstDirection="desc">
              Date Added
            </SortableHeader>
            {canWrite && <Table.Th style={{ width: 80 }}>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {licenses.map((license) => (
            <Table.Tr key={license.id} data-license={license.number}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {license.license_type.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {license.number}
                </Text>
              </Table.Td>
              <Table.Td>
                {license.assignee ? (
                  <>
                    <Text size="sm">{license.assignee.name}</Text>
                    <Text size="xs" c="dimmed">
                      {license.assignee.email}
                    </Text>
                  </>
                ) : (
                  <Badge variant="light" color="gray" radius="sm">
                    N/A
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{license.assignee?.ext ?? <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500} title={license.cost_center.name}>
                  {license.cost_center.code}
                </Text>
              </Table.Td>
              <Table.Td>{formatDate(license.added_at)}</Table.Td>
              {canWrite && (
                <Table.Td>
                  <LicenseRowMenu license={license} onAssign={onAssign} onUnassign={onUnassign} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
