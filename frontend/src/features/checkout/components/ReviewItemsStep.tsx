import { Button, Group, Table, Text } from "@mantine/core";
import { useIsMutating } from "@tanstack/react-query";
import { useState } from "react";
import { formatMoney } from "../../../components/format";
import { MutationError } from "../../../components/states";
import type { Checkout } from "../api/keys";
import { useUpdateLineQuantity } from "../api/useUpdateLineQuantity";
import { LineQuantity } from "./LineQuantity";

interface Props {
  checkout: Checkout;
  onBack: () => void;
  onNext: () => void;
}

/** Step 1, "Review Items and Checkout": what is being bought; quantities can still change. */
export function ReviewItemsStep({ checkout, onBack, onNext }: Props) {
  const update = useUpdateLineQuantity(checkout.id);
  const [drafts, setDrafts] = useState<Record<string, number>>({});
  const unsent = checkout.lines.some((line) => drafts[line.id] !== undefined && drafts[line.id] !== line.quantity);
  const busy = useIsMutating() > 0 || unsent;
  const money = (amount: string) => formatMoney(amount, checkout.currency);
  const licenses = checkout.lines.reduce((n, line) => n + line.quantity, 0);

  return (
    <>
      <Table withTableBorder aria-label="Items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product Name</Table.Th>
            <Table.Th ta="right">Unit price / mo</Table.Th>
            <Table.Th>Quantity</Table.Th>
            <Table.Th ta="right">Monthly</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checkout.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td fw={600}>{line.product_name}</Table.Td>
              <Table.Td ta="right">{money(line.unit_price)}</Table.Td>
              <Table.Td>
                <LineQuantity
                  line={line}
                  onCommit={(quantity) => update.mutate({ lineId: line.id, quantity })}
                  onDraft={(lineId, quantity) => setDrafts((d) => ({ ...d, [lineId]: quantity }))}
                />
              </Table.Td>
              <Table.Td ta="right">{money(line.monthly_amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="xs">
        {licenses} {licenses === 1 ? "license" : "licenses"}. Changing a quantity clears a split on that line.
      </Text>
      <MutationError error={update.error} />
      <Group justify="space-between" mt="lg">
        <Button variant="default" onClick={onBack}>
          Back to Purchase
        </Button>
        <Button onClick={onNext} disabled={busy}>
          Next
        </Button>
      </Group>
    </>
  );
}
