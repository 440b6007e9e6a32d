import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS, EventFilterSchema } from '../../../shared/api.js';

describe('the API contract', () => {
  it('has exactly these methods and events (a change here is a change of docs/api.md)', () => {
    expect(Object.keys(API_METHODS)).toEqual([
      'session.info', 'import.paths', 'import.cancel', 'import.narrow', 'demo.open', 'session.save', 'session.open', 'recovery.discard', 'export.events', 'events.page', 'events.count', 'events.detail', 'events.raw', 'events.facets', 'files.list', 'findings.list',
      'findings.evidence', 'timeline.histogram', 'timeline.gaps',
      'annotations.get', 'annotations.star', 'annotations.tag', 'annotations.untag', 'annotations.note', 'annotations.tags', 'annotations.undo', 'annotations.status',
      'case.get', 'case.set', 'report.write',
      'rules.list', 'rules.get', 'rules.check', 'rules.preview', 'rules.save', 'rules.revert', 'rules.enable', 'sigma.import', 'sigma.export',
      'formats.list', 'formats.test', 'formats.samples', 'formats.save', 'formats.delete', 'formats.reparse', 'formats.export', 'formats.import',
      'console.run', 'console.history', 'console.remember', 'queries.list', 'queries.save',
    ]);
    expect(Object.keys(API_EVENTS)).toEqual(['import.estimated', 'import.progress', 'import.warning', 'import.finished', 'annotations.changed', 'session.opened', 'menu.command']);
  });

  it('names methods area.verb', () => {
    for (const name of Object.keys(API_METHODS)) expect(name).toMatch(/^[a-z]+\.[a-z]+$/);
  });

  it('refuses unknown filter keys and values of the wrong type', () => {
    expect(EventFilterSchema.safeParse({ sources: ['firewall'], ip: '203.0.113.5' }).success).toBe(true);
    expect(EventFilterSchema.safeParse({ sources: ['nope'] }).success).toBe(false);
    expect(EventFilterSchema.safeParse({ sql: 'DROP TABLE events' }).success).toBe(false);
    expect(EventFilterSchema.safeParse({ fromMs: 'yesterday' }).success).toBe(false);
  });

  it('bounds the histogram\'s bins and refuses an unknown grouping', () => {
    const histogram = API_METHODS['timeline.histogram'].req;
    expect(histogram.safeParse({ filter: {}, maxBins: 300, by: 'host' }).success).toBe(true);
    expect(histogram.safeParse({ filter: {}, maxBins: 1_000_000, by: 'host' }).success).toBe(false);
    expect(histogram.safeParse({ filter: {}, maxBins: 300, by: 'user' }).success).toBe(false);
  });

  it('takes a note on the case without an id, and tags only on events and findings', () => {
    expect(API_METHODS['annotations.note'].req.safeParse({ target: { kind: 'case' }, body: '# notes' }).success).toBe(true);
    expect(API_METHODS['annotations.tag'].req.safeParse({ target: { kind: 'case' }, tag: 'x' }).success).toBe(false);
    expect(API_METHODS['annotations.tag'].req.safeParse({ target: { kind: 'event', id: 1 }, tag: 'a\u0007b' }).success).toBe(false);
  });

  it('pages by cursor or by position, sorted by a known column only', () => {
    const page = API_METHODS['events.page'].req;
    expect(page.safeParse({ filter: {}, offset: 4_000_000, sortBy: 'host', order: 'desc', limit: 200 }).success).toBe(true);
    expect(page.safeParse({ filter: {}, after: { ts: null, seq: 1, id: 2, value: 'h' }, sortBy: 'user', order: 'asc', limit: 10 }).success).toBe(true);
    expect(page.safeParse({ filter: {}, offset: -1, order: 'asc', limit: 10 }).success).toBe(false);
    expect(page.safeParse({ filter: {}, sortBy: 'extra', order: 'asc', limit: 10 }).success).toBe(false);
  });

  it('gives a raw line or the reason it is not shown, nothing else', () => {
    const raw = API_METHODS['events.raw'].res;
    expect(raw.safeParse({ status: 'ok', lines: ['x'], firstLine: 1, path: 'a', from: 'file', verified: 'sha256', cut: false }).success).toBe(true);
    expect(raw.safeParse({ status: 'unavailable', path: 'a', reason: 'evidence not available: a: gone' }).success).toBe(true);
    expect(raw.safeParse({ status: 'unavailable', path: 'a', reason: 'x', lines: ['wrong'] }).success).toBe(false);
  });

  it('bounds a page to 1000 rows', () => {
    const page = API_METHODS['events.page'].req;
    expect(page.safeParse({ filter: {}, after: null, order: 'asc', limit: 1000 }).success).toBe(true);
    expect(page.safeParse({ filter: {}, after: null, order: 'asc', limit: 1001 }).success).toBe(false);
  });

  it('tests a format draft without samples, on a bounded number of lines', () => {
    const test = API_METHODS['formats.test'].req;
    const definition = { id: 'fw7', title: 'fw7', patterns: ['^(?<timestamp>\\S+)'], timestamp: { layouts: ['iso8601'] } };
    expect(test.safeParse({ definition, lines: ['x'] }).success).toBe(true);
    expect(test.safeParse({ definition, lines: Array(2001).fill('x') }).success).toBe(false);
    expect(test.safeParse({ definition: { ...definition, id: 'Bad Id' }, lines: [] }).success).toBe(false);
    expect(API_METHODS['formats.save'].req.safeParse({ definition, sampleLines: ['x'], tz: 'UTC' }).success).toBe(true);
    expect(API_METHODS['formats.save'].req.safeParse({ definition, sampleLines: Array(2001).fill('x') }).success).toBe(false);
  });
});
