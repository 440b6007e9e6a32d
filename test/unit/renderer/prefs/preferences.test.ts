import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, FONT_STEPS, parsePrefs, resolveTheme, serializePrefs, stepFont } from '../../../../renderer/prefs/preferences.js';

describe('the theme shown', () => {
  it('follows the OS on Auto, and the choice otherwise', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});

describe('the text size steps', () => {
  it('goes up and down one step at a time from the default', () => {
    expect(stepFont(100, 1)).toBe(110);
    expect(stepFont(110, 1)).toBe(125);
    expect(stepFont(100, -1)).toBe(85);
  });

  it('stays at the smallest and the largest step', () => {
    expect(stepFont(FONT_STEPS[0]!, -1)).toBe(FONT_STEPS[0]);
    expect(stepFont(FONT_STEPS[FONT_STEPS.length - 1]!, 1)).toBe(FONT_STEPS[FONT_STEPS.length - 1]);
  });

  it('lands on the nearest step from a size between steps', () => {
    expect(stepFont(105, 1)).toBe(110);
    expect(stepFont(105, -1)).toBe(100);
  });
});

describe('the remembered preferences', () => {
  it('reads back what it wrote', () => {
    expect(parsePrefs(serializePrefs({ theme: 'dark', fontPercent: 125 }))).toEqual({ theme: 'dark', fontPercent: 125 });
    expect(parsePrefs(serializePrefs({ theme: 'light', fontPercent: 75 }))).toEqual({ theme: 'light', fontPercent: 75 });
  });

  it('falls back to Auto at 100 % when nothing was stored or the text is not JSON', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('"dark"')).toEqual(DEFAULT_PREFS);
    expect(DEFAULT_PREFS).toEqual({ theme: 'auto', fontPercent: 100 });
  });

  it('keeps each valid field and replaces an unknown or out-of-range one by its default', () => {
    expect(parsePrefs(JSON.stringify({ theme: 'sepia', fontPercent: 125 }))).toEqual({ theme: 'auto', fontPercent: 125 });
    expect(parsePrefs(JSON.stringify({ theme: 'dark', fontPercent: 1000 }))).toEqual({ theme: 'dark', fontPercent: 100 });
    expect(parsePrefs(JSON.stringify({ theme: 'light', fontPercent: '125' }))).toEqual({ theme: 'light', fontPercent: 100 });
  });
});
