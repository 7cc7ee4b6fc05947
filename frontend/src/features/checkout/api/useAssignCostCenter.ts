import { useMutation } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { useCheckoutChanged } from "./useCheckoutChange";

/** "Assign to Selected" (lineIds) or "Assign to All" (no lineIds): whole lines on one cost center. */
export function useAssignCostCenter(checkoutId: string) {
  const changed = useCheckoutChanged();
  return useMutation({
    mutationFn: ({ costCenterId, lineIds }: { costCenterId: string; lineIds?: string[] }) =>
      unwrap(
        api.POST("/api/v1/checkouts/{id}/cost-center-assignments", {
          params: { path: { id: checkoutId } },
          body: { cost_center_id: costCenterId, line_ids: lineIds },
        }),
      ),
    onSuccess: changed,
  });
}
