import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { MutationError } from "../../../components/states";
import { useUnassignLicense } from "../api/useUnassignLicense";
import type { License } from "../api/keys";

/** The article's confirmation: the license goes back into the account for future use. */
export function UnassignLicenseDialog({ license, onClose }: { license: License | null; onClose: () => void }) {
  const unassign = useUnassignLicense();
  const close = () => {
    unassign.reset();
    onClose();
  };
  return (
    <Modal opened={license !== null} onClose={close} title="Unassign license">
      {license && (
        <Stack gap="md">
          <Text size="sm">
            License <b>{license.number}</b>
            {license.assignee && (
              <>
                {" "}
                will be unassigned from <b>{license.assignee.name}</b> (ext {license.assignee.ext})
              </>
            )}{" "}
            and placed back into your account for future use.
          </Text>
          <MutationError error={unassign.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              data-autofocus
              loading={unassign.isPending}
              onClick={() => unassign.mutate(license.id, { onSuccess: close })}
            >
              Confirm
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
