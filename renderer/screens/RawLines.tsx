import { useEffect, useState } from 'react';
import type { ApiClient, EventRaw } from '../../shared/api.js';

/** Wait this long on one event before reading its line: arrowing through rows reads only where it stops. */
const SETTLE_MS = 150;

const CHECKED: Record<Extract<EventRaw, { status: 'ok' }>['verified'], string> = {
  stored: 'kept in the store (a line no format matched)',
  sha256: 'read from the evidence; its SHA-256 matches the import',
  'size-mtime': 'read from the evidence; its size and time match the import (its SHA-256 was checked when first read)',
};

/** Whether the line must be streamed from the start of a compressed file or an archive (slow for a large one). */
function isStreamed(path: string | null): boolean {
  return path !== null && (path.includes('!/') || /\.(gz|tgz|xz|txz|zst|bz2|zip)$/i.test(path));
}

/**
 * An event's raw lines, read again from the evidence by the engine (events.raw), as text: log
 * text is never markup. Says why when the evidence is gone or changed.
 */
export function RawLines({ client, eventId, filePath }: { client: ApiClient; eventId: number; filePath: string | null }) {
  const [raw, setRaw] = useState<EventRaw | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      client.call('events.raw', { id: eventId }).then(
        (r) => current && setRaw(r),
        (err: unknown) => current && setFailure(err instanceof Error ? err.message : String(err)),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, eventId]);

  if (failure !== null) return <p className="raw-note error">The raw line could not be read: {failure}</p>;
  if (raw === null) {
    return <p className="raw-note" aria-busy="true">{isStreamed(filePath) ? 'Reading from the archive (streamed from its start: a large one takes a while)…' : 'Reading the line from the evidence…'}</p>;
  }
  if (raw.status === 'unavailable') return <p className="raw-note error" role="alert">{raw.reason}</p>;
  const last = raw.firstLine + raw.lines.length - 1;
  return (
    <figure className="raw-line">
      <pre className="raw" aria-label="Raw line">{raw.lines.join('\n')}</pre>
      <figcaption className="raw-note">
        {raw.lines.length > 1 ? `lines ${raw.firstLine}–${last}` : `line ${raw.firstLine}`}, {CHECKED[raw.verified]}{raw.cut ? '; a line over 64 KiB is cut' : ''}
      </figcaption>
    </figure>
  );
}
