import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useToken } from "../session";

/** Without a session, go to sign-in and remember where the admin was, to come back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
