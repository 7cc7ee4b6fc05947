import { MantineProvider } from "@mantine/core";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { theme } from "./theme";

/** `env="test"` turns off Mantine's transitions and portals, so jsdom sees dropdowns at once. */
export function Providers({ client, children, env }: { client: QueryClient; children: ReactNode; env?: "test" }) {
  return (
    <MantineProvider theme={theme} env={env}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
