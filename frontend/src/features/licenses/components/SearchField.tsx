import { Kbd, TextInput } from "@mantine/core";
import { useDebouncedCallback, useHotkeys } from "@mantine/hooks";
import { useRef, useState } from "react";
import { SearchIcon } from "../../../components/icons";

/** The Search field: typing is instant, the server is asked 300 ms after the last key. */
export function SearchField({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const send = useDebouncedCallback((q: string) => onSearch(q), 300);
  const input = useRef<HTMLInputElement>(null);
  // "/" jumps to the search, as in most consoles.
  useHotkeys([["/", () => input.current?.focus()]]);

  // Follow the URL when it changes from outside (back button, a shared link, Reset).
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (text.trim() !== value.trim()) setText(value);
  }

  return (
    <TextInput
      ref={input}
      label="Search"
      placeholder="Name, email, ext, license or cost center"
      leftSection={<SearchIcon size={16} />}
      rightSection={<Kbd size="xs">/</Kbd>}
      value={text}
      onChange={(e) => {
        const q = e.currentTarget.value;
        setText(q);
        send(q);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") send.flush();
      }}
      w={320}
    />
  );
}
