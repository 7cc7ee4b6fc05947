import { Badge, Button, Group, Modal, Radio, ScrollArea, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { SearchIcon } from "../../../components/icons";
import { ErrorState, Loading, MutationError } from "../../../components/states";
import { useUserSearch, type DirectoryUser } from "../../users/api/useUserSearch";
import { useAssignLicense } from "../api/useAssignLicense";
import type { License } from "../api/keys";

function heldLicense(user: DirectoryUser, sku: string) {
  return user.licenses.find((held) => held.product_sku === sku);
}

/** Pick a directory user (search by name, ext or email) and give them this free license. */
export function AssignLicenseDialog({ license, onClose }: { license: License | null; onClose: () => void }) {
  return (
    <Modal
      opened={license !== null}
      onClose={onClose}
      title={license ? `Assign ${license.license_type.name} license ${license.number}` : ""}
      size="lg"
    >
      {license && <AssignForm license={license} onDone={onClose} />}
    </Modal>
  );
}

function AssignForm({ license, onDone }: { license: License; onDone: () => void }) {
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const [userId, setUserId] = useState<string | null>(null);
  const users = useUserSearch(q);
  const assign = useAssignLicense();
  const sku = license.license_type.sku;
  const items = users.data?.items ?? [];

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (userId) assign.mutate({ licenseId: license.id, userId }, { onSuccess: onDone });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Find a user"
          placeholder="Name, extension or email"
          leftSection={<SearchIcon size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-autofocus
        />
        <ScrollArea.Autosize mah={320} type="auto" aria-busy={search !== q || users.isFetching} data-testid="user-results">
          {users.isPending ? (
            <Loading label="Loading users…" />
          ) : users.isError ? (
            <ErrorState error={users.error} onRetry={() => users.refetch()} />
          ) : items.length === 0 ? (
            <Text c="dimmed" size="sm" py="md" ta="center">
              No active user matches “{q}”.
            </Text>
          ) : (
            <Radio.Group value={userId} onChange={setUserId} label="Users" aria-label="Users">
              <Stack gap={4} mt={4}>
                {items.map((user) => {
                  const held = heldLicense(user, sku);
                  return (
                    <Radio.Card
                      key={user.id}
                      value={user.id}
                      disabled={Boolean(held)}
                      p="xs"
                      radius="sm"
                      aria-label={`${user.name}, ext ${user.ext}, ${user.email}${held ? ", already licensed" : ""}`}
                      style={held ? { opacity: 0.6, cursor: "not-allowed" } : undefined}
                    >
                      <Group wrap="nowrap" gap="sm">
                        <Radio.Indicator disabled={Boolean(held)} />
                        <div style={{ flex: 1 }}>
                          <Text size="sm" fw={600}>
                            {user.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            Ext {user.ext} · {user.email}
                          </Text>
                        </div>
                        {held && (
                          <Badge variant="light" color="gray" size="sm">
                            Has {held.number}
                          </Badge>
                        )}
                      </Group>
                    </Radio.Card>
                  );
                })}
              </Stack>
            </Radio.Group>
          )}
        </ScrollArea.Autosize>
        <MutationError error={assign.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={!userId} loading={assign.isPending}>
            Assign
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
