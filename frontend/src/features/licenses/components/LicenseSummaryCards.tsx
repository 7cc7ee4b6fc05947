import { Group, Paper, Skeleton, Text } from "@mantine/core";
import { useLicenseSummary } from "../api/useLicenseSummary";

function Stat({ label, value, color }: { label: string; value: number | undefined; color?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" miw={150}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      {value === undefined ? (
        <Skeleton h={28} mt={4} w={60} />
      ) : (
        <Text fz={26} fw={700} c={color} aria-label={`${label}: ${value}`}>
          {value.toLocaleString("en-US")}
        </Text>
      )}
    </Paper>
  );
}

/** Purchased / assigned / available seats of the whole account. */
export function LicenseSummaryCards() {
  const summary = useLicenseSummary();
  const total = summary.data?.total;
  if (summary.isError) return null;
  return (
    <Group gap="sm" role="group" aria-label="License summary">
      <Stat label="Purchased" value={total?.purchased} />
      <Stat label="Assigned" value={total?.assigned} color="blue.7" />
      <Stat label="Available" value={total?.available} color="teal.7" />
    </Group>
  );
}
