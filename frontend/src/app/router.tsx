import { lazy } from "react";
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { RequireAuth } from "../features/auth/components/RequireAuth";
import { SignInPage } from "../features/auth/components/SignInPage";
import { Layout } from "./Layout";
import { NotFoundPage } from "./NotFoundPage";

// Every screen is its own chunk: the sign-in page and the shell load first, the rest on demand.
const named = <T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await load())[name] as React.ComponentType }));

const PurchasePage = named(() => import("../features/purchase/components/PurchasePage"), "PurchasePage");
const CheckoutPage = named(() => import("../features/checkout/components/CheckoutPage"), "CheckoutPage");
const LicensesPage = named(() => import("../features/licenses/components/LicensesPage"), "LicensesPage");
const BillingDetailsPage = named(() => import("../features/billing/components/BillingDetailsPage"), "BillingDetailsPage");
const CostCentersPage = named(() => import("../features/cost-centers/components/CostCentersPage"), "CostCentersPage");
const OrdersPage = named(() => import("../features/orders/components/OrdersPage"), "OrdersPage");
const OrderStatementPage = named(() => import("../features/orders/components/OrderStatementPage"), "OrderStatementPage");
const AuditLogPage = named(() => import("../features/audit/components/AuditLogPage"), "AuditLogPage");

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
      { path: "billing/purchase", element: <PurchasePage /> },
      { path: "billing/checkout/:checkoutId", element: <CheckoutPage /> },
      { path: "billing/licenses", element: <LicensesPage /> },
      { path: "billing/details", element: <BillingDetailsPage /> },
      { path: "billing/cost-centers", element: <CostCentersPage /> },
      { path: "billing/orders", element: <OrdersPage /> },
      { path: "billing/orders/:orderId", element: <OrderStatementPage /> },
      { path: "billing/audit", element: <AuditLogPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export const makeRouter = () => createBrowserRouter(routes);
