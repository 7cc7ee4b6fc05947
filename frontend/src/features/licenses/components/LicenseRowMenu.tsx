import { ActionIcon, Menu } from "@mantine/core";
import { DotsIcon } from "../../../components/icons";
import type { License } from "../api/keys";

interface Props {
  license: License;
  onAssign: (license: License) => void;
  onUnassign: (license: License) => void;
}

/** The three-dot More menu of a row: Assign for a free license, Unassign for a held one. */
export function LicenseRowMenu({ license, onAssign, onUnassign }: Props) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={160}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${license.number}`}>
          <DotsIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {license.assignee ? (
          <Menu.Item color="red" onClick={() => onUnassign(license)}>
            Unassign
          </Menu.Item>
        ) : (
          <Menu.Item onClick={() => onAssign(license)}>Assign</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
