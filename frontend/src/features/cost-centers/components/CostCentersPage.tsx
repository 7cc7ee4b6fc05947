import { Button, Group, Modal, Paper, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { formatDate } from "../../../components/format";
import { PlusIcon, SearchIcon } from "../../../components/icons";
import { PageHeader } from "../../../components/PageHeader";
import { Empty, ErrorState, Loading } from "../../../components/states";
import { useCan } from "../../auth/permissions";
import type { CostCenter } from "../api/keys";
import { useCostCenters } from "../api/useCostCenters";
import { useRenameCostCenter } from "../api/useRenameCostCenter";
import { CostCenterForm } from "./CostCenterForm";
import { NewCostCenterDialog } from "./NewCostCenterDialog";

export function CostCentersPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search, 300);
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useCostCenters(q, cursor);
  const canWrite = useCan("billing:write");
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CostCenter | null>(null);
  const rename = useRenameCostCenter();

  const onSearch = (value: string) => {
    setSearch(value);
    setCursor(null);
    setParams(value ? { q: value } : {}, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Cost Centers"
        description="Who pays for which licenses. Codes appear on licenses, statements and billing details."
        actions={
          canWrite && (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
              New cost center
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p="md">
        <TextInput
          label="Search"
          placeholder="Code or name"
          leftSection={<SearchIcon size={16} />}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          w={320}
          mb="md"
        />
        {list.isPending ? (
          <Loading label="Loading cost centers…" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty title={q ? `No cost center matches “${q}”` : "No cost centers yet"} />
        ) : (
          <Table striped aria-label="Cost centers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                {canWrite && <Table.Th w={100}>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((cc) => (
                <Table.Tr key={cc.id}>
                  <Table.Td fw={600}>{cc.code}</Table.Td>
                  <Table.Td>{cc.name}</Table.Td>
                  <Table.Td>{formatDate(cc.created_at)}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button variant="subtle" size="xs" onClick={() => setEditing(cc)} aria-label={`Rename ${cc.code}`}>
                        Rename
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="space-between" mt="md">
          <Text size="sm" c="dimmed">
            {list.data ? `${list.data.items.length} shown` : ""}
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" disabled={!cursor} onClick={() => setCursor(null)}>
              First page
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={!list.data?.next_cursor}
              onClick={() => setCursor(list.data?.next_cursor ?? null)}
            >
              Next
            </Button>
          </Group>
        </Group>
      </Paper>
      <NewCostCenterDialog opened={creating} onClose={() => setCreating(false)} onCreated={() => {}} />
      <Modal
        opened={editing !== null}
        onClose={() => {
          rename.reset();
          setEditing(null);
        }}
        title={editing ? `Rename ${editing.code}` : ""}
      >
        {editing && (
          <CostCenterForm
            initial={{ code: editing.code, name: editing.name }}
            submitLabel="Save"
            pending={rename.isPending}
            error={rename.error}
            onCancel={() => {
              rename.reset();
              setEditing(null);
            }}
            onSubmit={(draft) =>
              rename.mutate({ id: editing.id, ...draft }, { onSuccess: () => setEditing(null) })
            }
          />
        )}
      </Modal>
    </>
  );
}
