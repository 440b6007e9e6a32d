import type { ApiClient, EventDetail } from '../../shared/api.js';
import { formatTime } from '../format.js';
import { RawLines } from './RawLines.js';

/** Every field of one event, its raw line, file, line number and how its time was decided. Text nodes only. */
export function EventDetailPane({ client, detail, zone }: { client: ApiClient; detail: EventDetail | null; zone: string }) {
  if (!detail) return <aside className="detail" aria-label="Event detail"><p>Select an event to see every field.</p></aside>;
  const { fields, extra, file } = detail;
  const ts = typeof fields.ts === 'number' ? fields.ts : null;
  const shown = Object.entries(fields).filter(([k, v]) => v !== null && k !== 'raw' && k !== 'extra');
  return (
    <aside className="detail" aria-label="Event detail">
      <h3>Event {String(fields.id)}</h3>
      <h4>Raw line</h4>
      <RawLines key={String(fields.id)} client={client} eventId={Number(fields.id)} filePath={file?.path ?? null} />
      <dl>
        <dt>Time (UTC)</dt><dd>{formatTime(ts)}</dd>
        {zone !== 'UTC' ? <><dt>Time ({zone})</dt><dd>{formatTime(ts, zone)}</dd></> : null}
        <dt>Time provenance</dt><dd>{detail.timeProvenance ?? 'the line\'s own stamp'}</dd>
        <dt>File</dt><dd className="path">{file?.path ?? '(unknown)'}</dd>
        <dt>Line</dt><dd>{String(fields.line ?? '')}</dd>
        {shown.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{String(v)}</dd></div>)}
        {Object.entries(extra).map(([k, v]) => <div key={`extra.${k}`}><dt>extra.{k}</dt><dd>{String(v)}</dd></div>)}
      </dl>
    </aside>
  );
}
