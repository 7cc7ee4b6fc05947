import { Button, Group, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { fieldError } from "../../../api/problem";
import { MutationError } from "../../../components/states";
import { validateCostCenter, type CostCenterDraft } from "../validateCostCenter";

interface Props {
  initial?: CostCenterDraft;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (draft: CostCenterDraft) => void;
  onCancel: () => void;
}

/** Code + name, validated here first; the server's per-field messages show under the fields. */
export function CostCenterForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<CostCenterDraft>(initial ?? { code: "", name: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof CostCenterDraft, string>>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const found = validateCostCenter(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit({ code: draft.code.trim(), name: draft.name.trim() });
  };

  const serverFieldError = (field: keyof CostCenterDraft) => fieldError(error, field);
  const hasFieldErrors = Boolean(serverFieldError("code") || serverFieldError("name"));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Code"
          description="Letters, digits, - _ . (up to 32)"
          placeholder="CC-500"
          data-autofocus
          value={draft.code}
          onChange={(e) => setDraft({ ...draft, code: e.currentTarget.value })}
          error={errors.code ?? serverFieldError("code")}
          required
        />
        <TextInput
          label="Name"
          placeholder="Customer Success"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          error={errors.name ?? serverFieldError("name")}
          required
        />
        {!hasFieldErrors && <MutationError error={error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
