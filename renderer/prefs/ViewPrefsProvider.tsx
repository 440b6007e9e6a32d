import type { ReactNode } from 'react';
import { useViewPrefs, ViewPrefsContext } from './use-view-prefs.js';

/** Holds the view preferences (theme, text size), applies them to the document and gives them to the app. */
export function ViewPrefsProvider({ children }: { children: ReactNode }) {
  return <ViewPrefsContext value={useViewPrefs()}>{children}</ViewPrefsContext>;
}
