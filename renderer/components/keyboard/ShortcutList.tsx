import { useEffect, useRef } from 'react';
import { shortcutGroups } from './shortcuts.js';

interface Props {
  open: boolean;
  screens: readonly string[];
  onClose: () => void;
}

/** The list of keyboard shortcuts, as a modal dialog (Escape or Close shuts it; focus goes back where it was). */
export function ShortcutList({ open, screens, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="shortcut-list" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      {shortcutGroups(screens).map((group) => (
        <table key={group.title}>
          <caption>{group.title}</caption>
          <thead>
            <tr><th scope="col">Keys</th><th scope="col">Action</th></tr>
          </thead>
          <tbody>
            {group.keys.map(([keys, action]) => (
              <tr key={keys + action}><td><kbd>{keys}</kbd></td><td>{action}</td></tr>
            ))}
          </tbody>
        </table>
      ))}
      <form method="dialog">
        <button type="submit" autoFocus>Close</button>
      </form>
    </dialog>
  );
}
