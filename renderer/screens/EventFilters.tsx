import { useState, type SyntheticEvent } from 'react';
import { SOURCES } from '../../shared/types/event.js';
import type { EventFilter } from '../../shared/api.js';

interface Props {
  filter: EventFilter;
  hosts: readonly string[];
  /** The WHERE box's error, shown next to it. */
  whereError: string | null;
  onApply: (filter: EventFilter) => void;
}

/** `YYYY-MM-DDTHH:MM` read as UTC, as the time range inputs are labelled. */
function parseUtcInput(text: string): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(`${text.length === 16 ? `${text}:00` : text}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

function toUtcInput(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().slice(0, 16);
}

/** The quick filters and the SQL WHERE box; applied together with the Apply button or Enter. */
export function EventFilters({ filter, hosts, whereError, onApply }: Props) {
  const [source, setSource] = useState(filter.sources?.[0] ?? '');
  const [host, setHost] = useState(filter.host ?? '');
  const [from, setFrom] = useState(toUtcInput(filter.fromMs));
  const [to, setTo] = useState(toUtcInput(filter.toMs));
  const [ip, setIp] = useState(filter.ip ?? '');
  const [text, setText] = useState(filter.text ?? '');
  const [where, setWhere] = useState(filter.where ?? '');
  const [starred, setStarred] = useState(filter.starred ?? false);
  const [tag, setTag] = useState(filter.tag ?? '');

  const submit = (e: SyntheticEvent): void => {
    e.preventDefault();
    const next: EventFilter = {};
    if (source) next.sources = [source as (typeof SOURCES)[number]];
    if (host) next.host = host;
    const fromMs = parseUtcInput(from);
    const toMs = parseUtcInput(to);
    if (fromMs !== undefined) next.fromMs = fromMs;
    if (toMs !== undefined) next.toMs = toMs;
    if (ip.trim()) next.ip = ip.trim();
    if (text.trim()) next.text = text.trim();
    if (where.trim()) next.where = where.trim();
    if (filter.findingId !== undefined) next.findingId = filter.findingId;
    if (starred) next.starred = true;
    if (tag.trim()) next.tag = tag.trim();
    onApply(next);
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Event filters">
      <label>Source
        <select value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">any</option>
          {SOURCES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>Host
        <select value={host} onChange={(e) => setHost(e.target.value)}>
          <option value="">any</option>
          {hosts.map((h) => <option key={h} value={h}>{h}</option>)}
        </select>
      </label>
      <label>From (UTC)<input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
      <label>To (UTC)<input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      <label>IP<input type="text" value={ip} placeholder="203.0.113.7" onChange={(e) => setIp(e.target.value)} /></label>
      <label>Text<input type="search" value={text} placeholder="full-text: failed password" onChange={(e) => setText(e.target.value)} /></label>
      <label className="check"><input type="checkbox" checked={starred} onChange={(e) => setStarred(e.target.checked)} />Starred only</label>
      <label>Tag<input type="text" value={tag} size={10} onChange={(e) => setTag(e.target.value)} /></label>
      <label className="where">SQL WHERE
        <input
          type="text"
          value={where}
          placeholder="status >= 400 AND src_ip LIKE '203.%'"
          aria-invalid={whereError !== null}
          aria-describedby={whereError === null ? undefined : 'where-error'}
          onChange={(e) => setWhere(e.target.value)}
        />
      </label>
      <button type="submit">Apply</button>
      {whereError === null ? null : <p id="where-error" role="alert" className="error">{whereError}</p>}
    </form>
  );
}
