import { useEffect, useRef } from 'react';
import { appCommand, type AppCommand } from './shortcuts.js';
import { typingInText } from './typing-in-text.js';

/**
 * Runs the app-wide shortcuts. Listens in the capture phase: the Console's terminal stops the
 * keys it handles, and Alt+digit must still take a keyboard user out of it.
 */
export function useAppShortcuts(run: (command: AppCommand) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const command = appCommand(e, typingInText(e.target));
      if (!command) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current(command);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
