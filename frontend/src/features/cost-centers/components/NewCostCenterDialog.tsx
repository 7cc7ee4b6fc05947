import { Modal } from "@mantine/core";
import type { CostCenter } from "../api/keys";
import { useCreateCostCenter } from "../api/useCreateCostCenter";
import { CostCenterForm } from "./CostCenterForm";

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (costCenter: CostCenter) => void;
}

/** "New": create a cost center without leaving the current screen. */
export function NewCostCenterDialog({ opened, onClose, onCreated }: Props) {
  const create = useCreateCostCenter();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New cost center">
      <CostCenterForm
        submitLabel="Create"
        pending={create.isPending}
        error={create.error}
        onCancel={close}
        onSubmit={(draft) =>
          create.mutate(draft, {
            onSuccess: (costCenter) => {
              onCreated(costCenter);
              close();
            },
          })
        }
      />
    </Modal>
  );
}
