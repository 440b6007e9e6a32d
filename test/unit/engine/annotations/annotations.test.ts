import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../../shared/api.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { dispatch } from '../../../../main/engine/session/dispatch.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore, type Store } from '../../../../main/engine/store/store.js';

const NOW = Date.UTC(2026, 2, 6, 9, 0, 0);

const EVENTS_SQL = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO events (ts, seq, source, format, host, message) SELECT 1772690000000 + i * 1000, i, 'system', 'test', 'h1', 'event ' || i FROM n;`;

const finding = (rule: string, key: string, ids: number[]) => ({ rule, severity: 'high', title: rule, key, count: ids.length, firstTs: 0, lastTs: 0, summary: '', eventIds: ids });

describe('annotations: stars, tags and notes, with undo', () => {
  let store: Store;
  let session: Session;
  const pushed: ApiEvent<'annotations.changed'>[] = [];

  beforeAll(async () => {
    store = await openStore({ inThread: true });
    await store.query(EVENTS_SQL);
    await store.finishImport();
    await store.replaceFindings([finding('r.one', '{"src_ip":"203.0.113.5"}', [1, 2]), finding('r.two', '{"user":"eve"}', [3])]);
    session = new Session({ store, registry: loadRegistry(), version: 'test', nowMs: () => NOW });
    session.subscribe((event, data) => {
      if (event === 'annotations.changed') pushed.push(data as ApiEvent<'annotations.changed'>);
    });
  });
  afterAll(() => session.close());

  it('stars an event in the bookmarks table, stamped by the session\'s clock, and tells every view', async () => {
    const reply = await session.annotations.star({ eventId: 5, starred: true });
    expect(reply).toEqual({ state: { target: { kind: 'event', id: 5 }, starred: true, tags: [], note: null }, undo: 'star on event 5' });
    expect((await store.query('SELECT event_id, created_ts FROM bookmarks')).rows).toEqual([[5, NOW]]);
    expect(pushed.at(-1)).toEqual(reply);
  });

  it('tags events and findings (trimmed, no duplicates) and offers them for autocomplete, most used first', async () => {
    await session.annotations.tag({ target: { kind: 'event', id: 5 }, tag: 'lateral' });
    await session.annotations.tag({ target: { kind: 'event', id: 6 }, tag: 'lateral' });
    await session.annotations.tag({ target: { kind: 'event', id: 6 }, tag: 'lateral' });
    const reply = await dispatch(session, 'annotations.tag', { target: { kind: 'finding', id: 1 }, tag: '  Recon  ' });
    expect(reply).toMatchObject({ ok: true, result: { state: { tags: ['Recon'] } } });
    expect(await session.annotations.tags({})).toEqual({ tags: [{ value: 'lateral', count: 2 }, { value: 'Recon', count: 1 }] });
    expect(await session.annotations.tags({ prefix: 'rec' })).toEqual({ tags: [{ value: 'Recon', count: 1 }] });
    expect(await session.annotations.tags({ prefix: '%' })).toEqual({ tags: [] });
  });

  it('refuses a tag that is not one line of text, and a target that does not exist', async () => {
    expect(await dispatch(session, 'annotations.tag', { target: { kind: 'event', id: 5 }, tag: 'two\nlines' })).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await dispatch(session, 'annotations.tag', { target: { kind: 'event', id: 5 }, tag: '   ' })).toMatchObject({ ok: false });
    expect(await dispatch(session, 'annotations.star', { eventId: 999, starred: true })).toEqual({ ok: false, error: { code: 'usage', message: 'no event 999' } });
    expect(await dispatch(session, 'annotations.note', { target: { kind: 'case', id: 1 }, body: 'x' })).toMatchObject({ ok: false });
  });

  it('keeps one Markdown note per event, finding and the case; a blank note removes it', async () => {
    await session.annotations.note({ target: { kind: 'event', id: 5 }, body: '**first** look' });
    const edited = await session.annotations.note({ target: { kind: 'event', id: 5 }, body: '<script>alert(1)</script> stays text' });
    expect(edited.state.note).toBe('<script>alert(1)</script> stays text');
    await session.annotations.note({ target: { kind: 'case' }, body: '# Case 42' });
    expect((await session.annotations.get({ target: { kind: 'case' } })).state).toEqual({ target: { kind: 'case' }, starred: false, tags: [], note: '# Case 42' });
    expect((await store.query("SELECT target_kind, target_id, body FROM notes ORDER BY id")).rows).toEqual([
      ['event', 5, '<script>alert(1)</script> stays text'],
      ['case', null, '# Case 42'],
    ]);
    await session.annotations.note({ target: { kind: 'case' }, body: '  ' });
    expect((await session.annotations.get({ target: { kind: 'case' } })).state.note).toBeNull();
  });

  it('shows stars, tags and notes on the Events rows and filters by them', async () => {
    const page = await session.eventsPage({ filter: {}, after: null, order: 'asc', limit: 10 });
    expect(page.rows.find((r) => r.id === 5)).toMatchObject({ starred: true, tags: ['lateral'], noted: true });
    expect(page.rows.find((r) => r.id === 6)).toMatchObject({ starred: false, tags: ['lateral'], noted: false });
    expect((await session.eventsPage({ filter: { starred: true }, after: null, order: 'asc', limit: 10 })).rows.map((r) => r.id)).toEqual([5]);
    expect((await session.eventsPage({ filter: { tag: 'lateral' }, after: null, order: 'asc', limit: 10 })).rows.map((r) => r.id)).toEqual([5, 6]);
    expect((await session.eventsCount({ filter: { tag: 'lateral', starred: true } })).count).toBe(1);
  });

  it('undoes the last changes in reverse order, one at a time, and says what comes next', async () => {
    expect(session.annotations.status()).toEqual({ undo: 'removal of the note on the case' });
    expect(await session.annotations.undo()).toMatchObject({ undone: 'removal of the note on the case', state: { note: '# Case 42' }, undo: 'note on the case' });
    await session.annotations.undo(); // the case note
    expect((await session.annotations.undo()).state?.note).toBe('**first** look');
    expect((await session.annotations.undo()).state?.note).toBeNull();
    expect((await session.annotations.undo()).undone).toBe('tag "Recon" on finding 1');
    expect((await session.annotations.get({ target: { kind: 'finding', id: 1 } })).state.tags).toEqual([]);
    await session.annotations.undo(); // lateral on 6 (the second tag of 6 changed nothing and was not recorded)
    await session.annotations.undo(); // lateral on 5
    expect(await session.annotations.undo()).toMatchObject({ undone: 'star on event 5', state: { starred: false } });
    expect(await session.annotations.undo()).toEqual({ undone: null, state: null, undo: null });
    expect((await store.query('SELECT count(*) FROM bookmarks UNION ALL SELECT count(*) FROM tags UNION ALL SELECT count(*) FROM notes')).rows).toEqual([[0], [0], [0]]);
    expect(pushed.at(-1)).toMatchObject({ state: { target: { kind: 'event', id: 5 }, starred: false }, undo: null });
  });

  it('keeps tags and notes on a finding when the rules run again and renumber it; one no longer raised is retired, not moved', async () => {
    await session.annotations.tag({ target: { kind: 'finding', id: 1 }, tag: 'scan' });
    await session.annotations.note({ target: { kind: 'finding', id: 2 }, body: 'eve is the admin' });
    await session.annotations.tag({ target: { kind: 'finding', id: 2 }, tag: 'insider' });
    await store.replaceFindings([finding('r.new', '{"user":"x"}', [4]), finding('r.one', '{"src_ip":"203.0.113.5"}', [1, 2])]);
    const ids = new Map((await store.query('SELECT rule, id FROM findings')).rows.map(([rule, id]) => [rule, Number(id)]));
    expect((await session.annotations.get({ target: { kind: 'finding', id: ids.get('r.one')! } })).state.tags).toEqual(['scan']);
    expect((await session.annotations.get({ target: { kind: 'finding', id: ids.get('r.new')! } })).state).toMatchObject({ tags: [], note: null });
    expect((await store.query("SELECT target_kind, tag FROM tags WHERE tag = 'insider' UNION ALL SELECT target_kind, body FROM notes")).rows).toEqual([
      ['finding-retired', 'insider'],
      ['finding-retired', 'eve is the admin'],
    ]);
  });
});
