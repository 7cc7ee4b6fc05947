import { lazy } from "react";
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { RequireAuth } from "../features/auth/components/RequireAuth";
import { SignInPage } from "../features/auth/components/SignInPage";
import { Layout } from "./Layout";
import { NotFoundPage } from "./NotFoundPage";

// Every screen is its own chunk: the sign-in page and the shell load first, the rest on demand.
const named = <T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await load())[name] as React.ComponentType }));

// PENDING const PurchasePage = named(() => import("../features/purchase/components/PurchasePage"), "PurchasePage");
// PENDING const CheckoutPage = named(() => import("../features/checkout/components/CheckoutPage"), "CheckoutPage");
// PENDING const LicensesPage = named(() => import("../features/licenses/components/LicensesPage"), "LicensesPage");
// PENDING const BillingDetailsPage = named(() => import("../features/billing/components/BillingDetailsPage"), "BillingDetailsPage");
// PENDING const CostCentersPage = named(() => import("../features/cost-centers/components/CostCentersPage"), "CostCentersPage");
// PENDING const OrdersPage = named(() => import("../features/orders/components/OrdersPage"), "OrdersPage");
// PENDING const OrderStatementPage = named(() => import("../features/orders/components/OrderStatementPage"), "OrderStatementPage");
// PENDING const AuditLogPage = named(() => import("../features/audit/components/AuditLogPage"), "AuditLogPage");

export const routes: RouteObject[] = [
  { path: "/sign-in", element: <SignInPage /> },
  {
    path: "/",
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/billing/licenses" replace /> },
      { path: "billing", element: <Navigate to="/billing/licenses" replace /> },
// PENDING       { path: "billing/purchase", element: <PurchasePage /> },
// PENDING       { path: "billing/checkout/:checkoutId", element: <CheckoutPage /> },
// PENDING       { path: "billing/licenses", element: <LicensesPage /> },
// PENDING       { path: "billing/details", element: <BillingDetailsPage /> },
// PENDING       { path: "billing/cost-centers", element: <CostCentersPage /> },
// PENDING       { path: "billing/orders", element: <OrdersPage /> },
// PENDING       { path: "billing/orders/:orderId", element: <OrderStatementPage /> },
// PENDING       { path: "billing/audit", element: <AuditLogPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export const makeRouter = () => createBrowserRouter(routes);
