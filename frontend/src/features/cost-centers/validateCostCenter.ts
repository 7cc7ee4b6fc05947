// The same rules the server applies, checked before sending so the admin hears at once.
export interface CostCenterDraft {
  code: string;
  name: string;
}

export function validateCostCenter({ code, name }: CostCenterDraft): Partial<Record<keyof CostCenterDraft, string>> {
  const errors: Partial<Record<keyof CostCenterDraft, string>> = {};
  const trimmed = code.trim();
  if (!trimmed) errors.code = "Enter a code, e.g. CC-500.";
  else if (trimmed.length > 32) errors.code = "At most 32 characters.";
  else if (!/^[A-Za-z0-9._-]+$/.test(trimmed)) errors.code = "Use only letters, digits, - _ and .";
  if (!name.trim()) errors.name = "Enter a name.";
  else if (name.trim().length > 200) errors.name = "At most 200 characters.";
  return errors;
}
