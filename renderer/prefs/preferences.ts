/** The view preferences the renderer remembers: theme choice and font size. Pure: no DOM, no storage. */

export type ThemeChoice = 'auto' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export interface ViewPrefs {
  theme: ThemeChoice;
  /** The root font size as a percentage of the browser's default (100 = 16 px in most browsers). */
  fontPercent: number;
}

export const THEME_CHOICES: readonly ThemeChoice[] = ['auto', 'light', 'dark'];
/** The font sizes Ctrl+= and Ctrl+- step through, in percent, as a browser's zoom levels. */
export const FONT_STEPS: readonly number[] = [75, 85, 100, 110, 125, 150, 175, 200];
export const DEFAULT_PREFS: ViewPrefs = { theme: 'auto', fontPercent: 100 };
export const PREFS_KEY = 'mfw.view-prefs';

/** The theme shown: the choice, or the OS's scheme when the choice is Auto. */
export function resolveTheme(choice: ThemeChoice, osPrefersDark: boolean): Theme {
  if (choice === 'auto') return osPrefersDark ? 'dark' : 'light';
  return choice;
}

/** The next font step up (+1) or down (-1) from any size; the ends stay where they are. */
export function stepFont(fontPercent: number, direction: 1 | -1): number {
  if (direction > 0) return FONT_STEPS.find((s) => s > fontPercent) ?? FONT_STEPS[FONT_STEPS.length - 1]!;
  return [...FONT_STEPS].reverse().find((s) => s < fontPercent) ?? FONT_STEPS[0]!;
}

/** Preferences read back from storage; anything missing, unknown or out of range falls back to its default. */
export function parsePrefs(text: string | null): ViewPrefs {
  let value: unknown;
  try {
    value = text === null ? null : JSON.parse(text);
  } catch {
    return DEFAULT_PREFS;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_PREFS;
  const { theme, fontPercent } = value as Record<string, unknown>;
  return {
    theme: THEME_CHOICES.includes(theme as ThemeChoice) ? (theme as ThemeChoice) : DEFAULT_PREFS.theme,
    fontPercent: typeof fontPercent === 'number' && FONT_STEPS.includes(fontPercent) ? fontPercent : DEFAULT_PREFS.fontPercent,
  };
}

export function serializePrefs(prefs: ViewPrefs): string {
  return JSON.stringify({ theme: prefs.theme, fontPercent: prefs.fontPercent });
}
