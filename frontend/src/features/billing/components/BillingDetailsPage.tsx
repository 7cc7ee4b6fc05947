import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { formatDate, formatMoney } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { Empty, ErrorState, Loading } from "../../../components/states";
import { useBillingDetails } from "../api/useBillingDetails";

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={22} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** "Service Billing Details": the next billing cycle and what recurs, by product and cost center. */
export function BillingDetailsPage() {
  const details = useBillingDetails();
  if (details.isPending) return <Loading label="Loading billing details…" />;
  if (details.isError) return <ErrorState error={details.error} onRetry={() => details.refetch()} />;
  const d = details.data;
  const money = (amount: string) => formatMoney(amount, d.currency);

  return (
    <>
      <PageHeader title="Service Billing Details" description={`Billed monthly on day ${d.billing_day}.`} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Fact label="Next billing date" value={formatDate(d.next_billing_date)} />
          <Fact label="Current cycle began" value={formatDate(d.current_cycle_start)} />
          <Fact label="Recurring monthly (before tax)" value={money(d.recurring_monthly)} />
          <Fact label="Licenses" value={d.total_licenses.toLocaleString("en-US")} />
        </SimpleGrid>
        <Group align="flex-start" grow wrap="wrap">
          <Paper withBorder radius="md" p="md" miw={360}>
            <Title order={2} size="h4" mb="sm">
              Recurring charges by product
            </Title>
            {d.products.length === 0 ? (
              <Empty title="No recurring charges yet" />
            ) : (
              <Table aria-label="Recurring charges by product">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Product</Table.Th>
                    <Table.Th ta="right">Licenses</Table.Th>
                    <Table.Th ta="right">Assigned</Table.Th>
                    <Table.Th ta="right">Unit price</Table.Th>
                    <Table.Th ta="right">Monthly</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.products.map((p) => (
                    <Table.Tr key={p.product_id}>
                      <Table.Td fw={600}>{p.name}</Table.Td>
                      <Table.Td ta="right">{p.licenses}</Table.Td>
                      <Table.Td ta="right">{p.assigned}</Table.Td>
                      <Table.Td ta="right">{money(p.unit_price)}</Table.Td>
                      <Table.Td ta="right">{money(p.monthly_amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          <Paper withBorder radius="md" p="md" miw={360}>
            <Title order={2} size="h4" mb="sm">
              Recurring charges by cost center
            </Title>
            {d.cost_centers.length === 0 ? (
              <Empty title="No cost center is charged yet" />
            ) : (
              <Table aria-label="Recurring charges by cost center">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Cost Center</Table.Th>
                    <Table.Th ta="right">Licenses</Table.Th>
                    <Table.Th ta="right">Monthly</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.cost_centers.map((cc) => (
                    <Table.Tr key={cc.cost_center_id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {cc.code}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {cc.name}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{cc.licenses}</Table.Td>
                      <Table.Td ta="right">{money(cc.monthly_amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        </Group>
        <Paper withBorder radius="md" p="md" maw={480}>
          <Title order={2} size="h4" mb="xs">
            Billed to
          </Title>
          <Text fw={600}>{d.account_name}</Text>
          {d.billing_address.filter((line) => line !== d.account_name).map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
          <Text size="sm" c="dimmed" mt="xs">
            Tax rate {Number((Number(d.tax_rate) * 100).toFixed(4))}% · {d.currency}
          </Text>
        </Paper>
      </Stack>
    </>
  );
}
