// What the signed-in caller may do, from GET /me `permissions`: screens hide what it cannot use.
import { useMe } from "./api/useMe";

export type Permission =
  | "licenses:read"
  | "licenses:write"
  | "billing:read"
  | "billing:write"
  | "directory:read"
  | "directory:write"
  | "audit:read"
  | "members:manage"
  | "api_clients:manage";

export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data?.permissions.includes(permission) ?? false;
}
