import { useDebouncedCallback } from "@mantine/hooks";
import { useState } from "react";
import { QuantityControl } from "../../purchase/components/QuantityControl";
import type { CheckoutLine } from "../api/keys";

/** A line's quantity: clicks show at once, the server hears the settled number. */
interface Props {
  line: CheckoutLine;
  onCommit: (quantity: number) => void;
  /** Tells the step a change is still on its way (Next waits for it). */
  onDraft: (lineId: string, quantity: number) => void;
}

export function LineQuantity({ line, onCommit, onDraft }: Props) {
  const [draft, setDraft] = useState(line.quantity);
  const [seen, setSeen] = useState(line.quantity);
  if (line.quantity !== seen) {
    setSeen(line.quantity);
    setDraft(line.quantity);
  }
  const commit = useDebouncedCallback((quantity: number) => {
    if (quantity !== line.quantity && quantity >= 1) onCommit(quantity);
  }, 400);
  return (
    <QuantityControl
      label={`${line.product_name} quantity`}
      value={draft}
      min={1}
      onChange={(quantity) => {
        setDraft(quantity);
        onDraft(line.id, quantity);
        commit(quantity);
      }}
    />
  );
}
