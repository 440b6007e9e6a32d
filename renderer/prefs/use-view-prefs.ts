import { createContext, useCallback, useContext, useState, useSyncExternalStore } from 'react';
import { PREFS_KEY, parsePrefs, resolveTheme, serializePrefs, type Theme, type ViewPrefs } from './preferences.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The preferences kept in localStorage (the same in a browser tab and in Electron's renderer). */
export function loadPrefs(storage: Pick<Storage, 'getItem'> = localStorage): ViewPrefs {
  try {
    return parsePrefs(storage.getItem(PREFS_KEY));
  } catch {
    // Storage can be refused (a locked-down profile): the defaults apply.
    return parsePrefs(null);
  }
}

function savePrefs(prefs: ViewPrefs): void {
  try {
    localStorage.setItem(PREFS_KEY, serializePrefs(prefs));
  } catch {
    // Not remembered, still applied.
  }
}

/** Sets the theme and font size on the document root: styles.css reads `data-theme`, rem sizes follow the font size. */
export function applyPrefs(prefs: ViewPrefs, osPrefersDark: boolean, root: HTMLElement = document.documentElement): Theme {
  const theme = resolveTheme(prefs.theme, osPrefersDark);
  root.dataset.theme = theme;
  root.style.fontSize = `${prefs.fontPercent}%`;
  return theme;
}

function subscribeOsScheme(onChange: () => void): () => void {
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

export const osPrefersDark = (): boolean => matchMedia(DARK_QUERY).matches;

/** The view preferences, applied to the document, remembered, and followed when the OS changes its scheme. */
export interface ViewPrefsState {
  prefs: ViewPrefs;
  theme: Theme;
  update: (change: Partial<ViewPrefs>) => void;
}

export function useViewPrefs(): ViewPrefsState {
  const [prefs, setPrefs] = useState<ViewPrefs>(() => loadPrefs());
  const dark = useSyncExternalStore(subscribeOsScheme, osPrefersDark);
  // Applied while rendering, not in an effect: children's effects run first, and the chart reads the theme's CSS variables in one.
  const theme = applyPrefs(prefs, dark);
  const update = useCallback((change: Partial<ViewPrefs>) => {
    setPrefs((p) => {
      const next = { ...p, ...change };
      savePrefs(next);
      return next;
    });
  }, []);
  return { prefs, theme, update };
}

/** The view preferences for every component below ViewPrefsProvider. */
export const ViewPrefsContext = createContext<ViewPrefsState>({ prefs: parsePrefs(null), theme: 'light', update: () => undefined });
export const usePrefs = (): ViewPrefsState => useContext(ViewPrefsContext);
/** The theme shown, for what draws its own colours (the Timeline chart, the Console terminal). */
export const useTheme = (): Theme => useContext(ViewPrefsContext).theme;
