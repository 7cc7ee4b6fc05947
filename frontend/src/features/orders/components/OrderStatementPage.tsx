import { Anchor, Group } from "@mantine/core";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../../components/PageHeader";
import { ErrorState, Loading } from "../../../components/states";
import { useStatement } from "../api/useStatement";
import { PrintButton } from "./PrintButton";
import { StatementView } from "./StatementView";

export function OrderStatementPage() {
  const { orderId } = useParams();
  const statement = useStatement(orderId);
  return (
    <>
      <PageHeader
        title={statement.data ? `Statement — order #${statement.data.order_number}` : "Statement"}
        description={
          <Anchor component={Link} to="/billing/orders" size="sm">
            ← All orders
          </Anchor>
        }
        actions={statement.data && <PrintButton />}
      />
      {statement.isPending ? (
        <Loading label="Loading statement…" />
      ) : statement.isError ? (
        <ErrorState error={statement.error} onRetry={() => statement.refetch()} />
      ) : (
        <Group>
          <StatementView statement={statement.data} />
        </Group>
      )}
    </>
  );
}
