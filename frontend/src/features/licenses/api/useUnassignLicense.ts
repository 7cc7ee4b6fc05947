import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/problem";
import { updateLicenseInPlace } from "./updateLicenseInPlace";

export function useUnassignLicense() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (licenseId: string) =>
      unwrap(api.POST("/api/v1/licenses/{id}/unassign", { params: { path: { id: licenseId } } })),
    onSuccess: (license) => updateLicenseInPlace(client, license),
  });
}
