import { Alert, Anchor, Paper, Stepper } from "@mantine/core";
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { PageHeader } from "../../../components/PageHeader";
import { ErrorState, Loading } from "../../../components/states";
import { checkoutKeys } from "../api/keys";
import { useCheckout } from "../api/useCheckout";
import { AssignCostCenterStep } from "./AssignCostCenterStep";
import { ReviewItemsStep } from "./ReviewItemsStep";
import { ReviewOrderStep } from "./ReviewOrderStep";
import { ViewStatementStep } from "./ViewStatementStep";

// The step lives in the URL: a reload, or coming back after signing in again, keeps the admin's place.
const STEPS = ["items", "cost-centers", "review", "statement"] as const;

export function CheckoutPage() {
  const { checkoutId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const checkout = useCheckout(checkoutId);

  const requested = Math.max(0, STEPS.indexOf((params.get("step") ?? "items") as (typeof STEPS)[number]));
  const completed = checkout.data?.status === "completed";
  // Review Order needs every license on a cost center: until then the furthest step is Assign Cost Center.
  const furthest = checkout.data?.fully_allocated ? 2 : 1;
  const active = completed ? 3 : Math.min(requested, furthest);
  const go = (step: number) => setParams({ step: STEPS[step] });
  const ahead = checkout.isSuccess && !completed && requested > furthest;
  useEffect(() => {
    if (ahead) setParams({ step: STEPS[furthest] }, { replace: true });
  }, [ahead, furthest, setParams]);

  if (checkout.isPending) return <Loading label="Loading checkout…" />;
  if (checkout.isError) return <ErrorState error={checkout.error} onRetry={() => checkout.refetch()} />;
  const data = checkout.data;

  return (
    <>
      <PageHeader title="Checkout" description="Live Reports licenses: review, assign cost centers, confirm." />
      {data.status === "expired" ? (
        <Alert color="yellow" title="This checkout has expired" role="alert">
          Checkouts are kept for 24 hours. <Anchor component={Link} to="/billing/purchase">Start again from Purchase</Anchor>.
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Stepper
            active={active}
            onStepClick={(step) => !completed && step < active && go(step)}
            allowNextStepsSelect={false}
            size="sm"
            mb="xl"
            className="no-print"
          >
            <Stepper.Step label="Review Items and Checkout" allowStepSelect={!completed && active > 0} />
            <Stepper.Step label="Assign Cost Center" allowStepSelect={!completed && active > 1} />
            <Stepper.Step label="Review Order" allowStepSelect={false} />
            <Stepper.Step label="View Statement" allowStepSelect={false} />
          </Stepper>
          {active === 0 && <ReviewItemsStep checkout={data} onBack={() => navigate("/billing/purchase")} onNext={() => go(1)} />}
          {active === 1 && <AssignCostCenterStep checkout={data} onBack={() => go(0)} onNext={() => go(2)} />}
          {active === 2 && (
            <ReviewOrderStep
              checkout={data}
              onBack={() => go(1)}
              onPlaced={(order) => {
                client.setQueryData(checkoutKeys.detail(data.id), { ...data, status: "completed", order_id: order.id });
                go(3);
              }}
            />
          )}
          {active === 3 && <ViewStatementStep orderId={data.order_id} onDone={() => navigate("/billing/licenses")} />}
        </Paper>
      )}
    </>
  );
}
