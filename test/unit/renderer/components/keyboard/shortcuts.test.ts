import { describe, expect, it } from 'vitest';
import { appCommand, menuAppCommand, shortcutGroups, type KeyPress } from '../../../../../renderer/components/keyboard/shortcuts.js';
import { MENU_COMMANDS } from '../../../../../shared/api.js';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key, code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over,
});

describe('the app-wide shortcuts', () => {
  it('goes to a screen on Alt+digit, by the key\'s place (macOS Option+1 gives "¡")', () => {
    expect(appCommand(press('1', { code: 'Digit1', altKey: true }), false)).toEqual({ kind: 'screen', index: 0 });
    expect(appCommand(press('¡', { code: 'Digit1', altKey: true }), true)).toEqual({ kind: 'screen', index: 0 });
    expect(appCommand(press('7', { code: 'Digit7', altKey: true }), false)).toEqual({ kind: 'screen', index: 6 });
    expect(appCommand(press('1', { code: 'Digit1' }), false)).toBeNull();
    expect(appCommand(press('1', { code: 'Digit1', altKey: true, ctrlKey: true }), false)).toBeNull();
  });

  it('sizes text with Ctrl or Cmd and =, + , - or 0, also in a text field', () => {
    expect(appCommand(press('=', { ctrlKey: true }), true)).toEqual({ kind: 'font', step: 1 });
    expect(appCommand(press('+', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'font', step: 1 });
    expect(appCommand(press('-', { metaKey: true }), false)).toEqual({ kind: 'font', step: -1 });
    expect(appCommand(press('0', { ctrlKey: true }), false)).toEqual({ kind: 'font', step: 0 });
    expect(appCommand(press('=', {}), false)).toBeNull();
  });

  it('opens the command palette on Ctrl+K or Cmd+K, also from a text field', () => {
    expect(appCommand(press('k', { ctrlKey: true }), true)).toEqual({ kind: 'palette' });
    expect(appCommand(press('K', { metaKey: true }), false)).toEqual({ kind: 'palette' });
    expect(appCommand(press('k'), false)).toBeNull();
  });

  it('opens the shortcut list on ?, but not while typing text', () => {
    expect(appCommand(press('?', { shiftKey: true }), false)).toEqual({ kind: 'shortcuts' });
    expect(appCommand(press('?', { shiftKey: true }), true)).toBeNull();
  });

  it('leaves every other key to the screens (Ctrl+Z, arrows, letters)', () => {
    expect(appCommand(press('z', { ctrlKey: true }), false)).toBeNull();
    expect(appCommand(press('ArrowDown'), false)).toBeNull();
    expect(appCommand(press('a'), false)).toBeNull();
  });

  it('lists Alt+1 to Alt+N for the screens, in order', () => {
    const anywhere = shortcutGroups(['Import', 'Events'])[0]!;
    expect(anywhere.keys.slice(0, 2)).toEqual([['Alt+1', 'Go to Import'], ['Alt+2', 'Go to Events']]);
  });

  it('runs the desktop menu\'s text size items as their keys, Ctrl+=, Ctrl+- and Ctrl+0', () => {
    expect(menuAppCommand('text.larger')).toEqual(appCommand(press('=', { ctrlKey: true }), false));
    expect(menuAppCommand('text.smaller')).toEqual(appCommand(press('-', { ctrlKey: true }), false));
    expect(menuAppCommand('text.default')).toEqual(appCommand(press('0', { ctrlKey: true }), false));
    expect(new Set(MENU_COMMANDS.map((c) => JSON.stringify(menuAppCommand(c)))).size).toBe(MENU_COMMANDS.length);
  });
});
