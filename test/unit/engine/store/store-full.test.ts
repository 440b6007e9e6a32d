import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, type EventRow } from '../../../../shared/types/event.js';
import { isStoreFull, MfwError } from '../../../../main/engine/errors.js';
import { StoreCore } from '../../../../main/engine/store/store-core.js';

function rows(from: number, count: number): EventRow[] {
  return Array.from({ length: count }, (_, i) => {
    const row: EventRow = EVENT_COLUMNS.map(() => null);
    row[EVENT_COLUMNS.indexOf('ts')] = 1_772_000_000_000 + from + i;
    row[EVENT_COLUMNS.indexOf('seq')] = from + i;
    row[EVENT_COLUMNS.indexOf('source')] = 'system';
    row[EVENT_COLUMNS.indexOf('format')] = 'syslog';
    row[EVENT_COLUMNS.indexOf('file_id')] = 1;
    row[EVENT_COLUMNS.indexOf('line')] = from + i + 1;
    row[EVENT_COLUMNS.indexOf('message')] = `sshd[${i}]: Failed password for root from 203.0.113.${i % 250} port ${40000 + i} ssh2`.padEnd(170, '.');
    return row;
  });
}

describe('a store whose memory runs out', () => {
  it('refuses the batch that does not fit as a store-full error naming its line, and keeps the batches before it usable', async () => {
    // SQLite's heap capped (test-only, for the rest of this file) instead of filling sql.js's 2 GiB.
    const core = await StoreCore.create({ heapLimitBytes: 2 * 2 ** 20 });
    expect(core.holdsReserve).toBe(true);
    let stored = 0;
    let error: unknown;
    try {
      for (let batch = 0; batch < 1000; batch++) {
        core.insertEvents(rows(stored, 500));
        stored += 500;
      }
    } catch (err) {
      error = err;
    }
    expect(isStoreFull(error)).toBe(true);
    expect((error as MfwError).message).toMatch(new RegExp(`^the store's memory is full: event \\d+ of a batch of 500 \\(file_id 1, line \\d+\\) not stored, nor the rest of its batch$`));
    expect((error as MfwError).hint).toMatch(/a time window, some hosts or sources/);
    expect(stored).toBeGreaterThan(0);
    expect(core.query('SELECT count(*), max(seq) FROM events').rows).toEqual([[stored, stored - 1]]);
    expect(core.query('SELECT count(*) FROM events WHERE message LIKE ?', ['%203.0.113.7 %']).rows[0]![0]).toBeGreaterThan(0);
    // The memory held back is given up, so a full store still sorts a page of its events
    expect(core.holdsReserve).toBe(false);
    expect(core.query('SELECT seq FROM events ORDER BY message DESC, ts LIMIT 3').rows).toHaveLength(3);
    core.close();
  });
});
