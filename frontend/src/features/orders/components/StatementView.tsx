import { Divider, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { formatDate, formatDateTime, formatMoney } from "../../../components/format";
import type { Statement } from "../api/keys";
import classes from "./StatementView.module.css";

function percent(rate: string): string {
  const n = Number(rate) * 100;
  return `${Number.isFinite(n) ? Number(n.toFixed(4)) : rate}%`;
}

/** "View Statement": the printable record of an order. Printing shows only this block. */
export function StatementView({ statement }: { statement: Statement }) {
  const money = (amount: string) => formatMoney(amount, statement.currency);
  return (
    <Paper withBorder radius="md" p="xl" className={`${classes.statement} printable`} aria-label="Statement">
      <Group justify="space-between" align="flex-start" mb="lg">
        <div>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            Statement
          </Text>
          <Title order={2} size="h3">
            Order #{statement.order_number}
          </Title>
          <Text size="sm" c="dimmed">
            Placed {formatDateTime(statement.placed_at)}
          </Text>
        </div>
        <Stack gap={0} ta="right">
          <Text fw={700}>{statement.account_name}</Text>
          {statement.billing_address.filter((line) => line !== statement.account_name).map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Stack>
      </Group>
      <Group gap="xl" mb="md">
        <Text size="sm">
          <b>Order date:</b> {formatDate(statement.order_date)}
        </Text>
        <Text size="sm">
          <b>Charged period:</b> {formatDate(statement.period_start)} – {formatDate(statement.period_end)}
        </Text>
        <Text size="sm">
          <b>Licenses:</b> {statement.license_count} ({statement.first_license_number} – {statement.last_license_number})
        </Text>
      </Group>
      <Table withTableBorder withColumnBorders={false} className={classes.table} highlightOnHover={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Cost Center</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            <Table.Th ta="right">Unit price / mo</Table.Th>
            <Table.Th ta="right">Monthly</Table.Th>
            <Table.Th ta="right">Charged now</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {statement.cost_centers.flatMap((cc) =>
            cc.rows.map((row, i) => (
              <Table.Tr key={`${cc.cost_center_code}-${row.sku}-${i}`}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {cc.cost_center_code}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {cc.cost_center_name}
                  </Text>
                </Table.Td>
                <Table.Td>{row.product_name}</Table.Td>
                <Table.Td ta="right">{row.quantity}</Table.Td>
                <Table.Td ta="right">{money(row.unit_price)}</Table.Td>
                <Table.Td ta="right">{money(row.monthly_amount)}</Table.Td>
                <Table.Td ta="right">{money(row.prorated_amount)}</Table.Td>
              </Table.Tr>
            )),
          )}
        </Table.Tbody>
      </Table>
      <Stack gap={4} mt="md" ml="auto" w={320}>
        <Group justify="space-between">
          <Text size="sm">Subtotal</Text>
          <Text size="sm">{money(statement.subtotal)}</Text>
        </Group>
        <Group justify="space-between">
          <Text size="sm">Tax ({percent(statement.tax_rate)})</Text>
          <Text size="sm">{money(statement.tax)}</Text>
        </Group>
        <Divider />
        <Group justify="space-between">
          <Text fw={700}>Total charged</Text>
          <Text fw={700} data-testid="statement-total">
            {money(statement.total)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          Then {money(statement.recurring_monthly)} per month (before tax) from {formatDate(statement.next_billing_date)}.
        </Text>
      </Stack>
    </Paper>
  );
}
