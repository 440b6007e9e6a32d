import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, type EventColumn, type FieldValue } from '../../../shared/types/event.js';
import { SPANS_SQL } from '../../../main/engine/coverage.js';
import { StoreCore } from '../../../main/engine/store/store-core.js';

/** What SPANS_SQL tallies, said with GROUP BY (slower: it sorts every event). */
const GROUPED = `SELECT host, source, file_id, sum(kept), min(ts), max(ts) FROM (
  SELECT host, source, file_id, 1 AS kept, ts FROM events WHERE format <> 'unparsed'
  UNION ALL
  SELECT e.host, e.source, c.file_id, 0, e.ts FROM event_copies c JOIN events e ON e.id = c.event_id
) GROUP BY file_id, source, host ORDER BY file_id, source, host`;

let store: StoreCore | undefined;
afterEach(() => store?.close());

function row(values: Partial<Record<EventColumn, FieldValue>>, seq: number): FieldValue[] {
  const full: Partial<Record<EventColumn, FieldValue>> = { seq, source: 'system', format: 'syslog', ...values };
  return EVENT_COLUMNS.map((c) => (c in full ? full[c]! : null));
}

describe('the coverage spans', () => {
  it('are what GROUP BY gives, with NULL hosts, files and times and folded copies', async () => {
    store = await StoreCore.create();
    const events = [
      { file_id: 1, host: 'a', ts: 5000 }, { file_id: 1, host: 'a', ts: 1000 }, { file_id: 1, host: 'a', ts: null },
      { file_id: 1, host: null, ts: 3000 }, { file_id: 1, host: null, ts: 2000 }, { file_id: 1, host: '', ts: 7000 },
      { file_id: 1, host: 'a', ts: 9000, source: 'firewall', format: 'ufw' }, { file_id: 1, host: 'a', ts: 99_000, format: 'unparsed' },
      { file_id: 2, host: 'a', ts: null }, { file_id: null, host: 'b', ts: 4000 }, { file_id: null, host: 'b', ts: 8000 },
    ];
    store.insertEvents(events.map((e, i) => row(e, i + 1)));
    // event 2 (file 1, t=1000) was also seen in file 3; event 10 (no file, t=4000) in file 2
    store.query('INSERT INTO event_copies (event_id, file_id, line) VALUES (2, 3, 1), (10, 2, 4)');
    const tallied = store.query(SPANS_SQL).rows;
    expect(tallied).toEqual(store.query(GROUPED).rows);
    expect(tallied).toContainEqual(['a', 'system', 1, 3, 1000, 5000]); // the undated event counts, without a time
    expect(tallied).toContainEqual([null, 'system', 1, 2, 2000, 3000]);
    expect(tallied).toContainEqual(['a', 'system', 2, 1, null, null]);
    expect(tallied).toContainEqual(['b', 'system', 2, 0, 4000, 4000]);
    expect(tallied).toContainEqual(['a', 'system', 3, 0, 1000, 1000]);
    expect(tallied).toHaveLength(8);
    // and it leaves nothing behind
    expect(store.query("SELECT count(*) FROM temp.sqlite_master WHERE name = 'coverage_spans'").rows).toEqual([[0]]);
  });
});
