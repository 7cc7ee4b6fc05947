import { ActionIcon, Badge, Button, Group, Modal, NumberInput, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { fieldError } from "../../../api/problem";
import { PlusIcon, TrashIcon } from "../../../components/icons";
import { MutationError } from "../../../components/states";
import { CostCenterSelect } from "../../cost-centers/components/CostCenterSelect";
import type { CheckoutLine } from "../api/keys";
import { useSplitLine } from "../api/useSplitLine";
import { checkSplit, type SplitRow } from "./splitRules";

interface Props {
  checkoutId: string;
  line: CheckoutLine | null;
  onClose: () => void;
}

/** "Split": share one line's licenses among cost centers; the remainder shows what is left. */
export function SplitDialog({ checkoutId, line, onClose }: Props) {
  return (
    <Modal opened={line !== null} onClose={onClose} title={line ? `Split ${line.product_name}` : ""} size="lg">
      {line && <SplitForm checkoutId={checkoutId} line={line} onDone={onClose} />}
    </Modal>
  );
}

let nextKey = 1;

function initialRows(line: CheckoutLine): SplitRow[] {
  if (line.allocations.length > 0) {
    return line.allocations.map((a) => ({ key: nextKey++, costCenterId: a.cost_center_id, quantity: a.quantity }));
  }
  return [{ key: nextKey++, costCenterId: null, quantity: line.quantity }];
}

function SplitForm({ checkoutId, line, onDone }: { checkoutId: string; line: CheckoutLine; onDone: () => void }) {
  const [rows, setRows] = useState<SplitRow[]>(() => initialRows(line));
  const [submitted, setSubmitted] = useState(false);
  const split = useSplitLine(checkoutId);
  const check = checkSplit(rows, line.quantity);

  const change = (key: number, patch: Partial<SplitRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const addRow = () =>
    setRows((current) => [...current, { key: nextKey++, costCenterId: null, quantity: Math.max(check.remainder, 1) }]);

  const save = () => {
    setSubmitted(true);
    if (!check.ok) return;
    split.mutate(
      {
        lineId: line.id,
        allocations: rows.map((row) => ({ cost_center_id: row.costCenterId!, quantity: row.quantity })),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Share the {line.quantity} licenses of this line among cost centers.
        </Text>
        {rows.map((row, index) => (
          <Group key={row.key} align="flex-start" wrap="nowrap" gap="sm">
            <CostCenterSelect
              label={`Cost center ${index + 1}`}
              placeholder="Select Cost Center"
              value={row.costCenterId}
              onChange={(id) => change(row.key, { costCenterId: id })}
              error={submitted ? check.rowErrors[row.key]?.costCenter : undefined}
              style={{ flex: 1 }}
              data-autofocus={index === 0 ? true : undefined}
            />
            <NumberInput
              label={`Licenses ${index + 1}`}
              value={row.quantity}
              onChange={(v) => change(row.key, { quantity: typeof v === "number" ? v : Number(v) || 0 })}
              min={1}
              max={line.quantity}
              allowDecimal={false}
              allowNegative={false}
              w={110}
              error={submitted ? check.rowErrors[row.key]?.quantity : undefined}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              size="lg"
              aria-label={`Remove cost center ${index + 1}`}
              onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
              disabled={rows.length === 1}
            >
              <TrashIcon size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Button variant="light" leftSection={<PlusIcon size={14} />} onClick={addRow} size="xs">
            Add cost center
          </Button>
          <Group gap={6} role="status" aria-live="polite">
            <Text size="sm">Remainder:</Text>
            <Badge color={check.remainder === 0 ? "teal" : "orange"} variant="light" size="lg" data-testid="split-remainder">
              {check.remainder}
            </Badge>
          </Group>
        </Group>
        {submitted && check.formError && (
          <Text size="sm" c="red" role="alert">
            {check.formError}
          </Text>
        )}
        {!fieldError(split.error, "allocations") ? (
          <MutationError error={split.error} />
        ) : (
          <Text size="sm" c="red" role="alert">
            {fieldError(split.error, "allocations")}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={split.isPending}>
            Save split
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
