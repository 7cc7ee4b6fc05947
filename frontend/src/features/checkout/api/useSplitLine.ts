import { useMutation } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { useCheckoutChanged } from "./useCheckoutChange";

export interface AllocationDraft {
  cost_center_id: string;
  quantity: number;
}

/** "Split": a line's licenses over several cost centers; the quantities sum to the line's. */
export function useSplitLine(checkoutId: string) {
  const changed = useCheckoutChanged();
  return useMutation({
    mutationFn: ({ lineId, allocations }: { lineId: string; allocations: AllocationDraft[] }) =>
      unwrap(
        api.PUT("/api/v1/checkouts/{id}/lines/{line_id}/allocations", {
          params: { path: { id: checkoutId, line_id: lineId } },
          body: { allocations },
        }),
      ),
    onSuccess: changed,
  });
}
