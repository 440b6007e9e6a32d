import { useId, useState } from 'react';

/** Whether the browser knows an IANA zone name. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const OTHER = '\u0000other';

/** UTC, the bundle's zones, or any IANA zone typed (with suggestions). */
export function ZonePicker({ zone, zones, onChange }: { zone: string; zones: readonly string[]; onChange: (zone: string) => void }) {
  const offered = ['UTC', ...zones.filter((z) => z !== 'UTC')];
  const [typing, setTyping] = useState(!offered.includes(zone));
  const [text, setText] = useState(offered.includes(zone) ? '' : zone);
  const listId = useId();
  const all = typing ? Intl.supportedValuesOf('timeZone') : [];
  const valid = isKnownZone(text.trim());
  return (
    <span className="zone-picker">
      <label>Times in
        <select value={typing ? OTHER : zone} onChange={(e) => {
          if (e.target.value === OTHER) return setTyping(true);
          setTyping(false);
          onChange(e.target.value);
        }}>
          {offered.map((z) => <option key={z} value={z}>{z === 'UTC' ? 'UTC' : `${z} (bundle)`}</option>)}
          <option value={OTHER}>Other zone…</option>
        </select>
      </label>
      {typing ? (
        <form onSubmit={(e) => {
          e.preventDefault();
          if (valid) onChange(text.trim());
        }}>
          <label>IANA zone
            <input type="text" list={listId} value={text} placeholder="Asia/Kolkata" aria-invalid={text !== '' && !valid} onChange={(e) => setText(e.target.value)} />
          </label>
          <datalist id={listId}>{all.map((z) => <option key={z} value={z} />)}</datalist>
          <button type="submit" disabled={!valid}>Use zone</button>
        </form>
      ) : null}
    </span>
  );
}
