import { Anchor, Button, Group, Paper, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatDate, formatMoney } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { Empty, ErrorState, Loading } from "../../../components/states";
import { useOrders } from "../api/useOrders";

export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor");
  const orders = useOrders(cursor);
  const [previous, setPrevious] = useState<(string | null)[]>([]);

  const go = (next: string | null) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (next) n.set("cursor", next);
      else n.delete("cursor");
      return n;
    });

  return (
    <>
      <PageHeader title="Orders" description="Every order placed for this account, newest first, with its statement." />
      <Paper withBorder radius="md" p="md">
        {orders.isPending ? (
          <Loading label="Loading orders…" />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => orders.refetch()} />
        ) : orders.data.items.length === 0 ? (
          <Empty title="No orders yet">Orders appear here once a checkout is completed.</Empty>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped aria-label="Orders">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th ta="right">Licenses</Table.Th>
                  <Table.Th ta="right">Charged</Table.Th>
                  <Table.Th ta="right">Monthly</Table.Th>
                  <Table.Th>Next billing</Table.Th>
                  <Table.Th>Statement</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orders.data.items.map((order) => (
                  <Table.Tr key={order.id}>
                    <Table.Td fw={600}>#{order.number}</Table.Td>
                    <Table.Td>{formatDate(order.purchase_date)}</Table.Td>
                    <Table.Td ta="right">{order.license_count}</Table.Td>
                    <Table.Td ta="right">{formatMoney(order.total, order.currency)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(order.recurring_monthly, order.currency)}</Table.Td>
                    <Table.Td>{formatDate(order.next_billing_date)}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/billing/orders/${order.id}`} size="sm">
                        View statement<Text span className="sr-only"> of order #{order.number}</Text>
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="flex-end" mt="md" gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={!cursor}
            onClick={() => {
              const stack = [...previous];
              const target = stack.pop() ?? null;
              setPrevious(stack);
              go(target);
            }}
          >
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!orders.data?.next_cursor}
            onClick={() => {
              setPrevious([...previous, cursor]);
              go(orders.data?.next_cursor ?? null);
            }}
          >
            Next
          </Button>
        </Group>
      </Paper>
    </>
  );
}
