import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import { typingInText } from '../keyboard/typing-in-text.js';
import { useUndoLabel } from './use-annotation-updates.js';

/**
 * Undo of the last annotation change: a button saying what it reverts, and Ctrl+Z (Cmd+Z)
 * anywhere but in a text field.
 */
export function UndoButton({ client }: { client: ApiClient }) {
  const label = useUndoLabel(client);
  const [notice, setNotice] = useState('');
  const undo = useCallback(() => {
    client.call('annotations.undo', {}).then((r) => setNotice(r.undone === null ? 'Nothing to undo' : `Undone: ${r.undone}`), (err: unknown) => setNotice(String(err)));
  }, [client]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key.toLowerCase() !== 'z' || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || typingInText(e.target)) return;
      e.preventDefault();
      undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  return (
    <span className="undo">
      <button type="button" disabled={label === null} aria-keyshortcuts="Control+Z" title={label === null ? 'No annotation change to undo' : `Undo ${label} (Ctrl+Z)`} onClick={undo}>
        {label === null ? 'Undo' : `Undo ${label}`}
      </button>
      <span role="status" className="notice">{notice}</span>
    </span>
  );
}
