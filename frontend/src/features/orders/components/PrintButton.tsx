import { Button } from "@mantine/core";
import { PrintIcon } from "../../../components/icons";

export function PrintButton() {
  return (
    <Button variant="default" leftSection={<PrintIcon size={16} />} onClick={() => window.print()}>
      Print
    </Button>
  );
}
