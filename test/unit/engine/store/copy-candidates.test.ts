import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageFingerprint } from '../../../../main/engine/store/copy-candidates.js';
import { messageBodySql } from '../../../../main/engine/store/fold.js';
import { StoreCore } from '../../../../main/engine/store/store-core.js';
import { EVENT_COLUMNS } from '../../../../shared/types/event.js';

const MESSAGES = [
  '[UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4',
  '[71910.873115] [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4',
  '[   31.924535] [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4 ',
  '[UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4   ',
  '[UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4\t',
  '[1.2.3] [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4',
  '[12] [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4',
  '[eth0] [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4',
  ' [1.5] [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4',
  '[1.5]  [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4',
  '',
];

describe('messageFingerprint', () => {
  let store: StoreCore;
  /** The body the SQL of the fold pass compares, per message. */
  let sqlBodies: string[];

  beforeAll(async () => {
    store = await StoreCore.create();
    store.insertEvents(MESSAGES.map((message, i) => EVENT_COLUMNS.map((c) => ({ seq: i + 1, source: 'system', format: 'syslog', message })[c as string] ?? null)));
    sqlBodies = store.query(`SELECT ${messageBodySql('e')} FROM events e ORDER BY seq`).rows.map((r) => String(r[0]));
  });
  afterAll(() => store.close());

  it('is equal exactly when the SQL of the fold pass sees equal message bodies', () => {
    for (const [i, a] of MESSAGES.entries()) {
      for (const [j, b] of MESSAGES.entries()) {
        if (sqlBodies[i] === sqlBodies[j]) expect(messageFingerprint(a), `${a} | ${b}`).toBe(messageFingerprint(b));
      }
    }
    // and the rule itself: uptime stamps and trailing spaces go, the rest stays
    expect(sqlBodies.slice(0, 4)).toEqual(Array(4).fill('[UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4'));
    expect(sqlBodies[4]).toBe('[UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4\t');
    expect(sqlBodies.slice(5)).toEqual(['[UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4', MESSAGES[6], MESSAGES[7], MESSAGES[8], ' [UFW BLOCK] IN=eth0 OUT= SRC=1.2.3.4', '']);
  });

  it('tells different messages apart', () => {
    expect(messageFingerprint('[UFW BLOCK] SRC=1.2.3.4 ID=1')).not.toBe(messageFingerprint('[UFW BLOCK] SRC=1.2.3.4 ID=2'));
  });
});
