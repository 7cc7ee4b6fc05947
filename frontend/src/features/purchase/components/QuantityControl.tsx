import { ActionIcon, Group, NumberInput } from "@mantine/core";
import { MinusIcon, PlusIcon } from "../../../components/icons";

export const MAX_QUANTITY = 10_000;

interface Props {
  value: number;
  onChange: (value: number) => void;
  label: string;
  min?: number;
  disabled?: boolean;
}

/** The minus / number / plus control; the number can also be typed. */
export function QuantityControl({ value, onChange, label, min = 0, disabled }: Props) {
  const clamp = (n: number) => Math.max(min, Math.min(MAX_QUANTITY, Math.trunc(n)));
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label={label}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Decrease ${label}`}
        onClick={() => onChange(clamp(value - 1))}
        disabled={disabled || value <= min}
      >
        <MinusIcon size={16} />
      </ActionIcon>
      <NumberInput
        aria-label={label}
        value={value}
        onChange={(v) => onChange(clamp(typeof v === "number" ? v : Number(v) || 0))}
        min={min}
        max={MAX_QUANTITY}
        allowDecimal={false}
        allowNegative={false}
        hideControls
        w={72}
        styles={{ input: { textAlign: "center" } }}
        disabled={disabled}
      />
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Increase ${label}`}
        onClick={() => onChange(clamp(value + 1))}
        disabled={disabled || value >= MAX_QUANTITY}
      >
        <PlusIcon size={16} />
      </ActionIcon>
    </Group>
  );
}
