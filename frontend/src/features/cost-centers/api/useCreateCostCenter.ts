import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { costCenterKeys } from "./keys";

export function useCreateCostCenter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string; name: string }) => unwrap(api.POST("/api/v1/cost-centers", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: costCenterKeys.lists() }),
  });
}
