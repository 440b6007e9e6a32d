import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import { stepFont, type ViewPrefs } from '../../prefs/preferences.js';
import type { PaletteCommand } from './CommandPalette.js';
import { menuAppCommand, type AppCommand } from './shortcuts.js';
import { useAppShortcuts } from './use-app-shortcuts.js';

interface Options<S extends string> {
  screens: readonly { id: S; label: string }[];
  goTo: (screen: S) => void;
  prefs: ViewPrefs;
  updatePrefs: (change: Partial<ViewPrefs>) => void;
  /** Where the desktop app's menu commands come from (`menu.command`; the browser host sends none). */
  client: Pick<ApiClient, 'on'>;
}

/** The app's commands, run from the keyboard shortcuts and the command palette, and what those two show. */
export function useAppCommands<S extends string>({ screens, goTo, prefs, updatePrefs, client }: Options<S>) {
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const sizeText = (step: 1 | -1 | 0): void => updatePrefs({ fontPercent: step === 0 ? 100 : stepFont(prefs.fontPercent, step) });

  const run = (command: AppCommand): void => {
    if (command.kind === 'screen') {
      const target = screens[command.index];
      if (target) goTo(target.id);
    } else if (command.kind === 'font') {
      sizeText(command.step);
    } else if (command.kind === 'palette') {
      setPaletteOpen(true);
    } else {
      setShortcutsOpen(true);
    }
  };
  useAppShortcuts(run);
  // The menu's commands run as their keys do, with this render's prefs (the subscription outlives it).
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => client.on('menu.command', ({ command }) => latest.current(menuAppCommand(command))), [client]);

  const paletteCommands: PaletteCommand[] = [
    ...screens.map((s, i) => ({ id: `screen.${s.id}`, label: `Go to ${s.label}`, keys: `Alt+${i + 1}`, run: () => goTo(s.id) })),
    { id: 'theme.auto', label: 'Theme: Auto (as the system)', run: () => updatePrefs({ theme: 'auto' }) },
    { id: 'theme.light', label: 'Theme: Light', run: () => updatePrefs({ theme: 'light' }) },
    { id: 'theme.dark', label: 'Theme: Dark', run: () => updatePrefs({ theme: 'dark' }) },
    { id: 'text.larger', label: 'Larger text', keys: 'Ctrl+=', run: () => sizeText(1) },
    { id: 'text.smaller', label: 'Smaller text', keys: 'Ctrl+-', run: () => sizeText(-1) },
    { id: 'text.default', label: 'Default text size', keys: 'Ctrl+0', run: () => sizeText(0) },
    { id: 'shortcuts', label: 'Keyboard shortcuts', keys: '?', run: () => setShortcutsOpen(true) },
  ];
  return { paletteCommands, paletteOpen, setPaletteOpen, shortcutsOpen, setShortcutsOpen };
}
