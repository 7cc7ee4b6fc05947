import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { updateLicenseInPlace } from "./updateLicenseInPlace";

export function useAssignLicense() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ licenseId, userId }: { licenseId: string; userId: string }) =>
      unwrap(
        api.POST("/api/v1/licenses/{id}/assign", {
          params: { path: { id: licenseId } },
          body: { user_id: userId },
        }),
      ),
    onSuccess: (license) => updateLicenseInPlace(client, license),
  });
}
