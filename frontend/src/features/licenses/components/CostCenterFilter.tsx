import { Button, Checkbox, Combobox, Group, InputBase, Loader, Text, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useCostCenters } from "../../cost-centers/api/useCostCenters";

interface Props {
  selected: string[];
  onChange: (ids: string[]) => void;
}

/**
 * The Cost Center dropdown: check one or more cost centers; its own Search field asks the server.
 * Keyboard: arrows move, Enter toggles, Escape closes.
 */
export function CostCenterFilter({ selected, onChange }: Props) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch("");
    },
    onDropdownOpen: () => combobox.focusSearchInput(),
  });
  // The unfiltered list names the selected ones on the button; the searched list fills the dropdown.
  const all = useCostCenters("");
  const found = useCostCenters(debounced);
  const byId = useMemo(() => new Map((all.data?.items ?? []).map((cc) => [cc.id, cc])), [all.data]);

  const toggle = (id: string) =>
    onChange(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);

  const summary =
    selected.length === 0
      ? "All cost centers"
      : selected.length <= 2
        ? selected.map((id) => byId.get(id)?.code ?? "…").join(", ")
        : `${selected.length} cost centers`;

  const items = found.data?.items ?? [];

  return (
    <Combobox store={combobox} onOptionSubmit={toggle} position="bottom-start" width={300} shadow="md" withinPortal>
      <Combobox.Target targetType="button">
        <InputBase
          component="button"
          type="button"
          label="Cost Center"
          pointer
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onClick={() => combobox.toggleDropdown()}
          w={220}
          aria-haspopup="listbox"
        >
          <Text size="sm" truncate c={selected.length ? undefined : "dimmed"}>
            {summary}
          </Text>
        </InputBase>
      </Combobox.Target>

      <Combobox.Dropdown>
        <Combobox.Search
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          placeholder="Search cost centers"
          aria-label="Search cost centers"
          rightSection={found.isFetching ? <Loader size={14} /> : null}
        />
        <Combobox.Options mah={280} style={{ overflowY: "auto" }} aria-label="Cost centers" aria-multiselectable>
          {found.isError && <Combobox.Empty>Could not load cost centers.</Combobox.Empty>}
          {!found.isPending && !found.isError && items.length === 0 && (
            <Combobox.Empty>No cost center matches “{debounced}”.</Combobox.Empty>
          )}
          {items.map((cc) => {
            const checked = selected.includes(cc.id);
            return (
              <Combobox.Option value={cc.id} key={cc.id} active={checked} aria-selected={checked}>
                <Group gap="sm" wrap="nowrap">
                  <Checkbox
                    checked={checked}
                    onChange={() => {}}
                    aria-hidden
                    tabIndex={-1}
                    style={{ pointerEvents: "none" }}
                    size="xs"
                  />
                  <div>
                    <Text size="sm" fw={600}>
                      {cc.code}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {cc.name}
                    </Text>
                  </div>
                </Group>
              </Combobox.Option>
            );
          })}
        </Combobox.Options>
        {selected.length > 0 && (
          <Combobox.Footer>
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {selected.length} selected
              </Text>
              <Button size="compact-xs" variant="subtle" onClick={() => onChange([])}>
                Clear
              </Button>
            </Group>
          </Combobox.Footer>
        )}
      </Combobox.Dropdown>
    </Combobox>
  );
}
