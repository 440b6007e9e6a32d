import { useModalDialog } from './use-modal-dialog.js';
import { shortcutGroups } from './shortcuts.js';

interface Props {
  open: boolean;
  screens: readonly string[];
  onClose: () => void;
}

/** The list of keyboard shortcuts, as a modal dialog (Escape or Close shuts it; focus goes back where it was). */
export function ShortcutList({ open, screens, onClose }: Props) {
  const dialog = useModalDialog(open);

  return (
    <dialog ref={dialog} className="shortcut-list" aria-labelledby="shortcuts-title" onClose={onClose}>
      {/* Close comes first: the dialog focuses it on opening, and the list is read from the top. */}
      <div className="dialog-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" autoFocus onClick={() => dialog.current?.close()}>Close</button>
      </div>
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
    </dialog>
  );
}
