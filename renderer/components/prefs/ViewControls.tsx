import { FONT_STEPS, stepFont, type ThemeChoice, type ViewPrefs } from '../../prefs/preferences.js';

interface Props {
  prefs: ViewPrefs;
  onChange: (change: Partial<ViewPrefs>) => void;
  onShowShortcuts: () => void;
}

const THEME_LABELS: Record<ThemeChoice, string> = { auto: 'Auto (as the system)', light: 'Light', dark: 'Dark' };

/** The header's view controls: theme, text size, and the shortcut list. */
export function ViewControls({ prefs, onChange, onShowShortcuts }: Props) {
  const smallest = prefs.fontPercent <= FONT_STEPS[0]!;
  const largest = prefs.fontPercent >= FONT_STEPS[FONT_STEPS.length - 1]!;
  return (
    <div className="view-controls" role="group" aria-label="View">
      <label>
        Theme{' '}
        <select value={prefs.theme} onChange={(e) => onChange({ theme: e.target.value as ThemeChoice })}>
          {(Object.keys(THEME_LABELS) as ThemeChoice[]).map((t) => <option key={t} value={t}>{THEME_LABELS[t]}</option>)}
        </select>
      </label>
      <span className="text-size" role="group" aria-label="Text size">
        <span aria-hidden="true">Text</span>
        <button type="button" aria-label="Smaller text" aria-keyshortcuts="Control+-" title="Smaller text (Ctrl+-)" disabled={smallest} onClick={() => onChange({ fontPercent: stepFont(prefs.fontPercent, -1) })}>−</button>
        <button type="button" aria-label={`${prefs.fontPercent}%: default text size`} aria-keyshortcuts="Control+0" title="Default text size (Ctrl+0)" onClick={() => onChange({ fontPercent: 100 })}>{prefs.fontPercent}%</button>
        <button type="button" aria-label="Larger text" aria-keyshortcuts="Control+=" title="Larger text (Ctrl+=)" disabled={largest} onClick={() => onChange({ fontPercent: stepFont(prefs.fontPercent, 1) })}>+</button>
      </span>
      <button type="button" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={onShowShortcuts}>Shortcuts</button>
    </div>
  );
}
