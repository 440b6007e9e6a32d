import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS, EventFilterSchema } from '../../../shared/api.js';

describe('the API contract', () => {
  it('has exactly these methods and events (a change here is a change of docs/api.md)', () => {
    expect(Object.keys(API_METHODS)).toEqual([
      'session.info', 'import.paths', 'import.cancel', 'events.page', 'events.count', 'events.detail', 'events.facets', 'files.list', 'findings.list',
    ]);
    expect(Object.keys(API_EVENTS)).toEqual(['import.progress', 'import.warning', 'import.finished']);
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

  it('bounds a page to 1000 rows', () => {
    const page = API_METHODS['events.page'].req;
    expect(page.safeParse({ filter: {}, after: null, order: 'asc', limit: 1000 }).success).toBe(true);
    expect(page.safeParse({ filter: {}, after: null, order: 'asc', limit: 1001 }).success).toBe(false);
  });
});
