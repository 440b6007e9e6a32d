import { useEffect, useState } from 'react';
import type { ApiClient, EventSummary } from '../../../shared/api.js';
import { formatTime } from '../../format.js';

const SHOWN = 10;

interface Props {
  client: ApiClient;
  jobId: string;
  /** Events the running import has stored so far (its progress). */
  events: number;
}

/**
 * The earliest events loaded so far, shown while an import runs (the Events screen gets them all
 * once it has ended): fetched once, when the import's first events are in the store.
 */
export function FirstEvents({ client, jobId, events }: Props) {
  const [rows, setRows] = useState<{ jobId: string; rows: EventSummary[] } | null>(null);
  // Fetched again (at the pace of progress) until rows are there: counted events may still be on their way to the store.
  const due = events > 0 && (rows?.jobId !== jobId || rows.rows.length === 0);
  const retry = due && rows?.jobId === jobId ? events : 0;
  useEffect(() => {
    if (!due) return;
    let live = true;
    client.call('events.page', { filter: {}, after: null, order: 'asc', limit: SHOWN }).then(
      (page) => live && setRows({ jobId, rows: page.rows }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, jobId, due, retry]);
  if (!rows || rows.jobId !== jobId || rows.rows.length === 0) return null;
  return (
    <table className="first-events">
      <caption>First events, while the import runs</caption>
      <thead>
        <tr><th scope="col">Time (UTC)</th><th scope="col">Source</th><th scope="col">Host</th><th scope="col">Message</th></tr>
      </thead>
      <tbody>
        {rows.rows.map((r) => (
          <tr key={r.id}><td>{formatTime(r.ts)}</td><td>{r.source}</td><td>{r.host ?? ''}</td><td>{r.message ?? ''}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
