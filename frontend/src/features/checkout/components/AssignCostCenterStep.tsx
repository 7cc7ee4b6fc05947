import { Badge, Button, Checkbox, Group, Menu, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { ChevronIcon, PlusIcon } from "../../../components/icons";
import { MutationError } from "../../../components/states";
import type { CostCenter } from "../../cost-centers/api/keys";
import { CostCenterSelect } from "../../cost-centers/components/CostCenterSelect";
import { NewCostCenterDialog } from "../../cost-centers/components/NewCostCenterDialog";
import type { Checkout, CheckoutLine } from "../api/keys";
import { useAssignCostCenter } from "../api/useAssignCostCenter";
import { SplitDialog } from "./SplitDialog";

interface Props {
  checkout: Checkout;
  onBack: () => void;
  onNext: () => void;
}

/** Step 2, "Assign Cost Center": whole lines to one cost center, or Split a line among several. */
export function AssignCostCenterStep({ checkout, onBack, onNext }: Props) {
  const [costCenterId, setCostCenterId] = useState<string | null>(null);
  const [created, setCreated] = useState<CostCenter[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [newOpen, setNewOpen] = useState(false);
  const [splitting, setSplitting] = useState<CheckoutLine | null>(null);
  const assign = useAssignCostCenter(checkout.id);

  const total = checkout.lines.reduce((n, l) => n + l.quantity, 0);
  const allocated = checkout.lines.reduce((n, l) => n + Math.min(l.allocated_quantity, l.quantity), 0);
  const allSelected = selected.length === checkout.lines.length && checkout.lines.length > 0;
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  const assignTo = (lineIds?: string[]) => {
    if (!costCenterId) return;
    assign.mutate({ costCenterId, lineIds }, { onSuccess: () => setSelected([]) });
  };

  return (
    <>
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <Text size="sm" c="dimmed" maw={420}>
          Choose who pays for the new licenses: pick a cost center, then assign it to the checked lines or to all of
          them, or split a line among several cost centers.
        </Text>
        <Group align="flex-end" gap="sm">
          <CostCenterSelect
            label="Select Cost Center"
            placeholder="Search cost centers"
            value={costCenterId}
            onChange={(id) => setCostCenterId(id)}
            extra={created}
            w={260}
          />
          <Button variant="default" leftSection={<PlusIcon size={14} />} onClick={() => setNewOpen(true)}>
            New
          </Button>
          <Menu position="bottom-end" shadow="md">
            <Menu.Target>
              <Button rightSection={<ChevronIcon size={14} />} disabled={!costCenterId} loading={assign.isPending}>
                Assign
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item disabled={selected.length === 0} onClick={() => assignTo(selected)}>
                Assign to Selected{selected.length ? ` (${selected.length})` : ""}
              </Menu.Item>
              <Menu.Item onClick={() => assignTo(undefined)}>Assign to All</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <Table withTableBorder aria-label="Licenses to assign">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Select all lines"
                checked={allSelected}
                indeterminate={selected.length > 0 && !allSelected}
                onChange={() => setSelected(allSelected ? [] : checkout.lines.map((l) => l.id))}
              />
            </Table.Th>
            <Table.Th>Product Name</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th>Assigned Cost Center</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checkout.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>
                <Checkbox
                  aria-label={`Select ${line.product_name}`}
                  checked={selected.includes(line.id)}
                  onChange={() => toggle(line.id)}
                />
              </Table.Td>
              <Table.Td fw={600}>{line.product_name}</Table.Td>
              <Table.Td ta="right">{line.quantity}</Table.Td>
              <Table.Td>
                {line.allocations.length > 1 ? (
                  <Stack gap={2} aria-label={`${line.product_name} split`}>
                    {line.allocations.map((a) => (
                      <Text size="sm" key={a.cost_center_id}>
                        <b>{a.cost_center_code}</b> × {a.quantity}
                      </Text>
                    ))}
                  </Stack>
                ) : (
                  <CostCenterSelect
                    aria-label={`Cost center for ${line.product_name}`}
                    placeholder="Not assigned"
                    value={line.allocations[0]?.cost_center_id ?? null}
                    extra={created}
                    onChange={(id) => id && assign.mutate({ costCenterId: id, lineIds: [line.id] })}
                    w={240}
                    size="xs"
                  />
                )}
                {!line.fully_allocated && (
                  <Badge color="orange" variant="light" size="sm" mt={4}>
                    {line.quantity - line.allocated_quantity} unassigned
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Button variant="subtle" size="xs" onClick={() => setSplitting(line)} aria-label={`Split ${line.product_name}`}>
                  Split
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="xs" c={checkout.fully_allocated ? "teal.7" : "dimmed"} role="status">
        {allocated} of {total} licenses have a cost center.
      </Text>
      <MutationError error={assign.error} />

      <Group justify="space-between" mt="lg">
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Button onClick={onNext} disabled={!checkout.fully_allocated}>
          Next
        </Button>
      </Group>

      <NewCostCenterDialog
        opened={newOpen}
        onClose={() => setNewOpen(false)}
        onCreated={(cc) => {
          setCreated((list) => [...list, cc]);
          setCostCenterId(cc.id);
        }}
      />
      <SplitDialog checkoutId={checkout.id} line={splitting} onClose={() => setSplitting(null)} />
    </>
  );
}
