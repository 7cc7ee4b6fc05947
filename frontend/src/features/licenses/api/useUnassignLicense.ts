import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { ApiError, unwrap } from "../../../api/problem";
import { licenseKeys } from "./keys";
import { updateLicenseInPlace } from "./updateLicenseInPlace";

export function useUnassignLicense() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (licenseId: string) =>
      unwrap(api.POST("/api/v1/licenses/{id}/unassign", { params: { path: { id: licenseId } } })),
    onSuccess: (license) => updateLicenseInPlace(client, license),
    // Someone else changed the seat meanwhile: show the list as it now is.
    onError: (error) => {
      if (error instanceof ApiError && (error.code === "license_not_assigned" || error.status === 404)) {
        void client.invalidateQueries({ queryKey: licenseKeys.all });
      }
    },
  });
}
