import { useId, useState, type KeyboardEvent } from 'react';
import { useModalDialog } from './use-modal-dialog.js';
import { filterEntries, type PaletteEntry } from './palette-commands.js';

export interface PaletteCommand extends PaletteEntry {
  run: () => void;
}

interface Props {
  open: boolean;
  commands: readonly PaletteCommand[];
  onClose: () => void;
}

/** Ctrl+K: a modal combobox over every app command; arrows move, Enter runs, Escape closes. */
export function CommandPalette({ open, commands, onClose }: Props) {
  const dialog = useModalDialog(open);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = filterEntries(commands, text);
  const current = shown[Math.min(active, shown.length - 1)];


  const run = (command: PaletteCommand | undefined): void => {
    if (!command) return;
    dialog.current?.close();
    command.run();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: shown.length - 1 };
    if (e.key === 'Enter') {
      e.preventDefault();
      run(current);
    } else if (moves[e.key] !== undefined && shown.length > 0) {
      e.preventDefault();
      setActive((moves[e.key]! + shown.length) % shown.length);
    }
  };
  // Cleared on closing, not on opening: keys typed at once after Ctrl+K would race a reset.
  const closed = (): void => {
    setText('');
    setActive(0);
    onClose();
  };
  const optionId = (c: PaletteCommand): string => `${listId}-${c.id}`;

  return (
    <dialog ref={dialog} className="command-palette" aria-label="Command palette" onClose={closed}>
      <input
        type="text"
        role="combobox"
        aria-label="Command"
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current) : undefined}
        placeholder="Type a command: events, dark, larger text…"
        value={text}
        autoFocus
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {shown.length > 0 ? <ul id={listId} role="listbox" aria-label="Commands">
        {shown.map((c) => (
          <li key={c.id} id={optionId(c)} role="option" aria-selected={c === current} onClick={() => run(c)}>
            <span>{c.label}</span>
            {c.keys ? <kbd>{c.keys}</kbd> : null}
          </li>
        ))}
      </ul> : <p role="status">No command matches “{text}”.</p>}
    </dialog>
  );
}
