import { Alert, Button, Checkbox, Divider, Group, Stack, Table, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError } from "../../../api/problem";
import { formatDate, formatMoney } from "../../../components/format";
import { ErrorState, Loading, MutationError } from "../../../components/states";
import { checkoutKeys, type Checkout, type Order } from "../api/keys";
import { forgetIdempotencyKey, useCompleteCheckout } from "../api/useCompleteCheckout";
import { useQuote } from "../api/useQuote";

interface Props {
  checkout: Checkout;
  onBack: () => void;
  onPlaced: (order: Order) => void;
}

function percent(rate: string): string {
  const n = Number(rate) * 100;
  return `${Number.isFinite(n) ? Number(n.toFixed(4)) : rate}%`;
}

/** Step 3, "Review Order": the itemized charges; the acknowledgement check box enables Next. */
export function ReviewOrderStep({ checkout, onBack, onPlaced }: Props) {
  const quote = useQuote(checkout.id, true);
  const complete = useCompleteCheckout(checkout.id);
  const client = useQueryClient();
  const [acknowledged, setAcknowledged] = useState(false);
  const [quoteChanged, setQuoteChanged] = useState(false);
  // isPending only turns true on the next render: this guard stops a second click in the same tick.
  const placing = useRef(false);

  if (quote.isPending) return <Loading label="Calculating charges…" />;
  if (quote.isError) return <ErrorState error={quote.error} onRetry={() => quote.refetch()} />;
  const q = quote.data;
  const money = (amount: string) => formatMoney(amount, q.currency);

  const place = () => {
    if (placing.current || !acknowledged) return;
    placing.current = true;
    setQuoteChanged(false);
    complete.mutate(q.total, {
      onSuccess: onPlaced,
      onError: (error) => {
        if (error instanceof ApiError && error.code === "quote_changed") {
          // Another total is another order: new key, fresh quote, and the admin confirms again.
          forgetIdempotencyKey(checkout.id);
          setAcknowledged(false);
          setQuoteChanged(true);
          void client.invalidateQueries({ queryKey: checkoutKeys.quote(checkout.id) });
        }
      },
      onSettled: () => {
        placing.current = false;
      },
    });
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        Charged now for <b>{formatDate(q.period_start)}</b> to <b>{formatDate(q.period_end)}</b> ({q.days_charged} of{" "}
        {q.days_in_cycle} days of this billing cycle). From <b>{formatDate(q.next_billing_date)}</b> the licenses renew
        at {money(q.recurring_monthly)} per month before tax.
      </Text>
      <Table withTableBorder aria-label="Itemized charges">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Cost Center</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            <Table.Th ta="right">Unit price / mo</Table.Th>
            <Table.Th ta="right">Monthly</Table.Th>
            <Table.Th ta="right">Prorated charge</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.rows.map((row, i) => (
            <Table.Tr key={`${row.line_id}-${row.cost_center_id ?? "none"}-${i}`}>
              <Table.Td>{row.product_name}</Table.Td>
              <Table.Td>{row.cost_center_code ?? <Text c="orange">Not assigned</Text>}</Table.Td>
              <Table.Td ta="right">{row.quantity}</Table.Td>
              <Table.Td ta="right">{money(row.unit_price)}</Table.Td>
              <Table.Td ta="right">{money(row.monthly_amount)}</Table.Td>
              <Table.Td ta="right">{money(row.prorated_amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={4} ml="auto" w={320}>
        <Group justify="space-between">
          <Text size="sm">Subtotal</Text>
          <Text size="sm">{money(q.subtotal)}</Text>
        </Group>
        <Group justify="space-between">
          <Text size="sm">Tax ({percent(q.tax_rate)})</Text>
          <Text size="sm">{money(q.tax)}</Text>
        </Group>
        <Divider />
        <Group justify="space-between">
          <Text fw={700}>Total due today</Text>
          <Text fw={700} data-testid="quote-total">
            {money(q.total)}
          </Text>
        </Group>
      </Stack>
      {quoteChanged && (
        <Alert color="yellow" role="alert" title="The charges changed">
          Prices or billing dates moved since this page was shown. Review the new total and confirm again.
        </Alert>
      )}
      {!q.fully_allocated && (
        <Alert color="orange" role="alert">
          Some licenses have no cost center yet. Go back and assign them.
        </Alert>
      )}
      {!(complete.error instanceof ApiError && complete.error.code === "quote_changed") && (
        <MutationError error={complete.error} />
      )}
      <Divider />
      <Checkbox
        checked={acknowledged}
        onChange={(e) => setAcknowledged(e.currentTarget.checked)}
        label="I have read and understood the information and itemized charges above, and I agree to be charged."
        disabled={!q.fully_allocated}
      />
      <Group justify="space-between">
        <Button variant="default" onClick={onBack} disabled={complete.isPending}>
          Back
        </Button>
        <Button onClick={place} disabled={!acknowledged || !q.fully_allocated} loading={complete.isPending}>
          Next
        </Button>
      </Group>
    </Stack>
  );
}
