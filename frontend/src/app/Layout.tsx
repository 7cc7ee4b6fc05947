import { AppShell, Badge, Box, Button, Group, NavLink, Skeleton, Text, UnstyledButton } from "@mantine/core";
import { Suspense, type ReactNode } from "react";
import { NavLink as RouterNavLink, Outlet, useLocation } from "react-router";
import { ErrorState, Loading } from "../components/states";
import {
  BuildingIcon,
  CalendarIcon,
  CartIcon,
  ChartIcon,
  ReceiptIcon,
  ShieldIcon,
} from "../components/icons";
import { useMe } from "../features/auth/api/useMe";
import { signOut } from "../features/auth/session";
import type { Permission } from "../features/auth/permissions";
import classes from "./Layout.module.css";

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  needs: Permission;
}

// The left navigation of the Billing area, in the article's order, then the extra consoles.
const NAV: NavItem[] = [
  { to: "/billing/purchase", label: "Purchase", icon: <CartIcon />, needs: "billing:write" },
  { to: "/billing/licenses", label: "Live Reports", icon: <ChartIcon />, needs: "licenses:read" },
  { to: "/billing/details", label: "Service Billing Details", icon: <CalendarIcon />, needs: "billing:read" },
  { to: "/billing/cost-centers", label: "Cost Centers", icon: <BuildingIcon />, needs: "billing:read" },
  { to: "/billing/orders", label: "Orders", icon: <ReceiptIcon />, needs: "billing:read" },
  { to: "/billing/audit", label: "Audit Log", icon: <ShieldIcon />, needs: "audit:read" },
];

const ROLE_LABEL: Record<string, string> = {
  owner: "Owner",
  billing_admin: "Billing admin",
  license_admin: "License admin",
  viewer: "Viewer",
};

export function Layout() {
  const me = useMe();
  const location = useLocation();
  const permissions = me.data?.permissions ?? [];

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: "sm" }} padding="lg" className={classes.shell}>
      <a href="#main" className={classes.skipLink}>
        Skip to content
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="xl" wrap="nowrap">
            <Text fw={800} size="lg" c="white" className={classes.brand}>
              Seatdesk
            </Text>
            <nav aria-label="Top menu">
              <UnstyledButton
                component={RouterNavLink}
                to="/billing/licenses"
                className={classes.topItem}
                data-active={location.pathname.startsWith("/billing") || undefined}
              >
                Billing
              </UnstyledButton>
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me.data ? (
              <>
                <Box ta="right" visibleFrom="sm">
                  <Text size="sm" c="white" fw={600} lh={1.2}>
                    {me.data.account.name}
                  </Text>
                  <Text size="xs" c="blue.1" lh={1.2}>
                    {me.data.label}
                  </Text>
                </Box>
                {me.data.role && (
                  <Badge variant="white" color="blue" size="sm">
                    {ROLE_LABEL[me.data.role] ?? me.data.role}
                  </Badge>
                )}
              </>
            ) : (
              <Skeleton h={28} w={160} />
            )}
            <Button variant="white" size="xs" onClick={() => signOut("user")}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Billing">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py="xs">
          Billing
        </Text>
        {me.isPending &&
          NAV.map((item) => <Skeleton key={item.to} h={32} mb={6} radius="sm" />)}
        {NAV.filter((item) => permissions.includes(item.needs)).map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            label={item.label}
            leftSection={item.icon}
            active={location.pathname.startsWith(item.to) || (item.to === "/billing/purchase" && location.pathname.startsWith("/billing/checkout"))}
            className={classes.navLink}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main className={classes.main} id="main" tabIndex={-1}>
        {me.isError ? (
          <ErrorState error={me.error} onRetry={() => me.refetch()} title="Could not load your account" />
        ) : (
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
