import { Button, Group, Stack } from "@mantine/core";
import { ErrorState, Loading } from "../../../components/states";
import { useStatement } from "../../orders/api/useStatement";
import { PrintButton } from "../../orders/components/PrintButton";
import { StatementView } from "../../orders/components/StatementView";

/** Step 4, "View Statement": Print, then Done. */
export function ViewStatementStep({ orderId, onDone }: { orderId: string | null | undefined; onDone: () => void }) {
  const statement = useStatement(orderId);
  if (!orderId || statement.isPending) return <Loading label="Loading statement…" />;
  if (statement.isError) return <ErrorState error={statement.error} onRetry={() => statement.refetch()} />;
  return (
    <Stack gap="md">
      <StatementView statement={statement.data} />
      <Group justify="flex-end" className="no-print">
        <PrintButton />
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
