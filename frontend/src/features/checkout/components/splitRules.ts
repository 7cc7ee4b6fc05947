// The split's rules, checked before sending: every row names a cost center once, quantities are
// whole and positive, and together they are exactly the line's quantity.
export interface SplitRow {
  key: number;
  costCenterId: string | null;
  quantity: number;
}

export interface SplitCheck {
  remainder: number;
  rowErrors: Record<number, { costCenter?: string; quantity?: string }>;
  formError: string | null;
  ok: boolean;
}

export function checkSplit(rows: SplitRow[], lineQuantity: number): SplitCheck {
  const assigned = rows.reduce((n, row) => n + (Number.isFinite(row.quantity) ? row.quantity : 0), 0);
  const remainder = lineQuantity - assigned;
  const rowErrors: SplitCheck["rowErrors"] = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const errors: { costCenter?: string; quantity?: string } = {};
    if (!row.costCenterId) errors.costCenter = "Choose a cost center.";
    else if (seen.has(row.costCenterId)) errors.costCenter = "Already used in another row.";
    if (row.costCenterId) seen.add(row.costCenterId);
    if (!Number.isInteger(row.quantity) || row.quantity < 1) errors.quantity = "At least 1.";
    if (errors.costCenter || errors.quantity) rowErrors[row.key] = errors;
  }
  let formError: string | null = null;
  if (rows.length === 0) formError = "Add at least one cost center.";
  else if (remainder > 0) formError = `${remainder} ${remainder === 1 ? "license is" : "licenses are"} not assigned yet.`;
  else if (remainder < 0) formError = `${-remainder} more than the line's ${lineQuantity} licenses.`;
  return { remainder, rowErrors, formError, ok: formError === null && Object.keys(rowErrors).length === 0 };
}
