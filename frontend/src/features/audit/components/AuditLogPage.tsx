import { Badge, Button, Code, Group, Modal, Paper, ScrollArea, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { formatDateTime } from "../../../components/format";
import { PageHeader } from "../../../components/PageHeader";
import { Empty, ErrorState, Loading } from "../../../components/states";
import { useAuditEvents, type AuditEvent, type AuditFilters } from "../api/useAuditEvents";

const FIELDS: { key: keyof AuditFilters; label: string; placeholder: string; type?: string }[] = [
  { key: "actor", label: "Actor", placeholder: "Email or client id" },
  { key: "action", label: "Action", placeholder: "license.assign or license." },
  { key: "object", label: "Object id", placeholder: "e.g. a license id" },
  { key: "since", label: "From (UTC)", placeholder: "", type: "date" },
  { key: "until", label: "To (UTC)", placeholder: "", type: "date" },
];

const OUTCOME_COLOR: Record<string, string> = { success: "teal", denied: "red", failed: "orange" };

/** The append-only audit log with its filters (kept in the URL). */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState<AuditFilters>(() => ({
    actor: params.get("actor") ?? "",
    action: params.get("action") ?? "",
    object: params.get("object") ?? "",
    since: params.get("since") ?? "",
    until: params.get("until") ?? "",
  }));
  const [debounced] = useDebouncedValue(draft, 350);
  const filters = debounced;
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const events = useAuditEvents(filters, cursor);
  const [shown, setShown] = useState<AuditEvent | null>(null);

  const change = (key: keyof AuditFilters, value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    setCursors([null]);
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)), { replace: true });
  };

  return (
    <>
      <PageHeader title="Audit Log" description="Every change and every denied attempt, newest first." />
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" mb="md" gap="sm" role="search" aria-label="Filter audit events">
          {FIELDS.map((f) => (
            <TextInput
              key={f.key}
              label={f.label}
              placeholder={f.placeholder}
              type={f.type}
              value={draft[f.key]}
              onChange={(e) => change(f.key, e.currentTarget.value)}
              w={f.type === "date" ? 160 : 220}
            />
          ))}
        </Group>
        {events.isPending ? (
          <Loading label="Loading audit events…" />
        ) : events.isError ? (
          <ErrorState error={events.error} onRetry={() => events.refetch()} />
        ) : events.data.items.length === 0 ? (
          <Empty title="No audit event matches these filters" />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label="Audit events" style={{ opacity: events.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Object</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.data.items.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(event.occurred_at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{event.actor.label}</Text>
                      <Text size="xs" c="dimmed">
                        {event.actor.type}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{event.action}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{event.object_type}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {event.object_id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={OUTCOME_COLOR[event.outcome] ?? "gray"} variant="light">
                        {event.outcome}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="xs" onClick={() => setShown(event)}>
                        View
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="flex-end" mt="md" gap="xs">
          <Button variant="default" size="xs" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!events.data?.next_cursor}
            onClick={() => setCursors([...cursors, events.data?.next_cursor ?? null])}
          >
            Next
          </Button>
        </Group>
      </Paper>
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={shown ? `${shown.action}` : ""} size="xl">
        {shown && (
          <ScrollArea.Autosize mah={480}>
            <Text size="sm" mb="xs">
              Request id: <Code>{shown.request_id}</Code>
            </Text>
            <Group align="flex-start" grow>
              <div>
                <Text fw={600} size="sm">
                  Before
                </Text>
                <Code block>{shown.before ? JSON.stringify(shown.before, null, 2) : "—"}</Code>
              </div>
              <div>
                <Text fw={600} size="sm">
                  After
                </Text>
                <Code block>{shown.after ? JSON.stringify(shown.after, null, 2) : "—"}</Code>
              </div>
            </Group>
          </ScrollArea.Autosize>
        )}
      </Modal>
    </>
  );
}
