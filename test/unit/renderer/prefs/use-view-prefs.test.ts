import { describe, expect, it } from 'vitest';
import { PREFS_KEY } from '../../../../renderer/prefs/preferences.js';
import { applyPrefs, loadPrefs } from '../../../../renderer/prefs/use-view-prefs.js';

/** The part of the document root applyPrefs writes to. */
const fakeRoot = (): HTMLElement => ({ dataset: {}, style: {} }) as unknown as HTMLElement;

describe('the view preferences on the page', () => {
  it('sets the resolved theme and the root font size', () => {
    const root = fakeRoot();
    expect(applyPrefs({ theme: 'auto', fontPercent: 125 }, true, root)).toBe('dark');
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.fontSize).toBe('125%');
    expect(applyPrefs({ theme: 'light', fontPercent: 100 }, true, root)).toBe('light');
    expect(root.dataset.theme).toBe('light');
  });

  it('loads what storage holds under its key, and the defaults when storage refuses', () => {
    const stored: Record<string, string> = { [PREFS_KEY]: JSON.stringify({ theme: 'dark', fontPercent: 150 }) };
    expect(loadPrefs({ getItem: (key) => stored[key] ?? null })).toEqual({ theme: 'dark', fontPercent: 150 });
    expect(loadPrefs({ getItem: () => { throw new Error('SecurityError: storage is disabled'); } })).toEqual({ theme: 'auto', fontPercent: 100 });
  });
});
