import type { FieldValue } from '../../../shared/types/event.js';
import { MfwError, UsageError } from '../../engine/errors.js';
import { EvidenceReader } from '../../engine/evidence/evidence-reader.js';
import type { FormatRegistry } from '../../engine/formats/registry.js';
import { readEventRaw } from '../../engine/session/event-raw.js';
import type { QueryResult, Store } from '../../engine/store/store.js';

/**
 * `mfw query --raw-lines`: the result with a `raw_line` column, each row's event (its `id`
 * column) read again from the evidence, or the reason it is not shown. Rows of one file read
 * together are cheap; each row in an archive member far from the last one streams the archive.
 */
export async function withRawLines(result: QueryResult, store: Store, registry: FormatRegistry): Promise<QueryResult> {
  const at = result.columns.indexOf('id');
  if (at < 0) throw new UsageError('--raw-lines needs the events\' id in the result', 'SELECT id, … FROM events …');
  const reader = new EvidenceReader();
  const rows: FieldValue[][] = [];
  for (const row of result.rows) {
    const id = row[at];
    let text: FieldValue = null;
    if (typeof id === 'number') {
      try {
        const raw = await readEventRaw(store, registry, reader, id);
        text = raw.status === 'ok' ? raw.lines.join('\n') : raw.reason;
      } catch (err) {
        if (!(err instanceof MfwError)) throw err;
        text = err.message;
      }
    }
    rows.push([...row, text]);
  }
  return { ...result, columns: [...result.columns, 'raw_line'], rows };
}
