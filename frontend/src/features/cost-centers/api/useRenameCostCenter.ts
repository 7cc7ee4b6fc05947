import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { costCenterKeys } from "./keys";

export function useRenameCostCenter() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, code, name }: { id: string; code: string; name: string }) =>
      unwrap(api.PATCH("/api/v1/cost-centers/{id}", { params: { path: { id } }, body: { code, name } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: costCenterKeys.lists() });
      // Codes show on licenses and billing details too.
      void client.invalidateQueries({ queryKey: ["licenses"] });
      void client.invalidateQueries({ queryKey: ["billing"] });
    },
  });
}
