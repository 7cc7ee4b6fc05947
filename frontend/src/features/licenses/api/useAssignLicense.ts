import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { ApiError, unwrap } from "../../../api/problem";
import { licenseKeys } from "./keys";
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
    // Someone else changed the seat meanwhile: show the list as it now is.
    onError: (error) => {
      if (error instanceof ApiError && (error.code === "license_already_assigned" || error.status === 404)) {
        void client.invalidateQueries({ queryKey: licenseKeys.all });
      }
    },
  });
}
