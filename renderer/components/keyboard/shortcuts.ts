/** The app's keyboard shortcuts: what the shortcut list shows, and which app-wide keys do what. */
import type { MenuCommand } from '../../../shared/api.js';

export type AppCommand =
  | { kind: 'screen'; index: number }
  | { kind: 'font'; step: 1 | -1 | 0 }
  | { kind: 'shortcuts' }
  | { kind: 'palette' };

/** What a keydown carries that decides the command (a KeyboardEvent fits). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * The app-wide command of a key press, or null. Alt+digit is read from `code`, since on macOS
 * Option+1 gives the key "¡". `?` is a command only outside text: there it is a character.
 */
export function appCommand(e: KeyPress, inText: boolean): AppCommand | null {
  const digit = /^Digit([1-9])$/.exec(e.code);
  if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && digit) return { kind: 'screen', index: Number(digit[1]) - 1 };
  if ((e.ctrlKey || e.metaKey) && !e.altKey) {
    if (e.key === '=' || e.key === '+') return { kind: 'font', step: 1 };
    if (e.key === '-' || e.key === '_') return { kind: 'font', step: -1 };
    if (e.key === '0' && !e.shiftKey) return { kind: 'font', step: 0 };
    if (e.key.toLowerCase() === 'k' && !e.shiftKey) return { kind: 'palette' };
  }
  if (e.key === '?' && !inText && !e.ctrlKey && !e.metaKey && !e.altKey) return { kind: 'shortcuts' };
  return null;
}

const MENU_FONT_STEPS: Record<MenuCommand, 1 | -1 | 0> = { 'text.larger': 1, 'text.smaller': -1, 'text.default': 0 };

/** The app command of a desktop menu item (View > Larger text…): the same as its key's, Ctrl+= and so on. */
export function menuAppCommand(command: MenuCommand): AppCommand {
  return { kind: 'font', step: MENU_FONT_STEPS[command] };
}

export interface ShortcutGroup {
  title: string;
  keys: readonly (readonly [keys: string, action: string])[];
}

/** The shortcut list, by where the keys work; `screens` are the header's screens in order (Alt+1 is the first). */
export function shortcutGroups(screens: readonly string[]): ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      keys: [
        ...screens.map((name, i) => [`Alt+${i + 1}`, `Go to ${name}`] as const),
        ['Ctrl+= / Ctrl+- / Ctrl+0', 'Larger text, smaller text, default size (Cmd on macOS)'],
        ['Ctrl+Z', 'Undo the last star, tag or note change (outside text fields)'],
        ['Ctrl+K', 'Command palette: type to find a command, Enter runs it'],
        ['?', 'This list of shortcuts (outside text fields)'],
        ['Tab / Shift+Tab', 'Move between controls'],
      ],
    },
    {
      title: 'Events table',
      keys: [
        ['↑ / ↓', 'Select the previous or next event; its detail opens beside the table'],
        ['PageUp / PageDown', 'Move a page of events'],
        ['Home / End', 'First or last event'],
        ['Shift+F10 or the Menu key', 'Actions on the selected event: star, pivots'],
        ['Enter on a column header', 'Sort by that column, again to reverse'],
      ],
    },
    {
      title: 'Timeline chart',
      keys: [
        ['← / →', 'Move between bins'],
        ['Shift+← / Shift+→', 'Select bins'],
        ['Enter', 'Zoom to the selected bins'],
        ['+ / −', 'Zoom in or out'],
        ['PageUp / PageDown', 'Pan'],
        ['Home', 'Back to the whole range'],
      ],
    },
    {
      title: 'Menus and dialogs',
      keys: [
        ['↑ / ↓', 'Move in a menu'],
        ['Escape', 'Close a menu or this list'],
      ],
    },
  ];
}
