import { describe, expect, it } from 'vitest';
import type { ParsedEvent } from '../../../../shared/types/event.js';
import { ScopeFilter } from '../../../../main/engine/ingest/import-scope.js';

const AT = Date.parse('2026-03-05T08:00:00Z');

function event(over: Partial<ParsedEvent> = {}): ParsedEvent {
  return { ts: AT, source: 'system', format: 'syslog', line: 1, fields: { host: 'maas-region-1' }, extra: {}, raw: 'x', ...over };
}

describe('ScopeFilter', () => {
  it('is not made for a scope that leaves nothing out', () => {
    expect(ScopeFilter.of(undefined)).toBeUndefined();
    expect(ScopeFilter.of({})).toBeUndefined();
    expect(ScopeFilter.of({ hosts: [], sources: [] })).toBeUndefined();
  });

  it('keeps [since, until) and counts the rest as time', () => {
    const f = ScopeFilter.of({ sinceMs: AT, untilMs: AT + 1000 })!;
    expect(f.admits(event({ ts: AT }), null)).toBe(true);
    expect(f.admits(event({ ts: AT + 999 }), null)).toBe(true);
    expect(f.admits(event({ ts: AT + 1000 }), null)).toBe(false);
    expect(f.admits(event({ ts: AT - 1 }), null)).toBe(false);
    expect(f.skipped).toEqual({ unparsed: 0, source: 0, host: 0, time: 2 });
  });

  it("keeps an event without a time: it cannot be placed outside the window", () => {
    const f = ScopeFilter.of({ untilMs: AT })!;
    expect(f.admits(event({ ts: Number.NaN, format: 'unparsed' }), null)).toBe(true);
  });

  it("matches hosts without case, the line's own first, else its bundle's, and keeps an event of no known host", () => {
    const f = ScopeFilter.of({ hosts: ['MAAS-Region-1'] })!;
    expect(f.admits(event(), 'other')).toBe(true);
    expect(f.admits(event({ fields: {} }), 'maas-region-1')).toBe(true);
    expect(f.admits(event({ fields: {} }), 'maas-rack-2')).toBe(false);
    expect(f.admits(event({ fields: { host: 'maas-rack-2' } }), 'maas-region-1')).toBe(false);
    expect(f.admits(event({ fields: {} }), null)).toBe(true);
    expect(f.skipped.host).toBe(2);
  });

  it('counts each event once, by the first reason that applies, and per file until the next one starts', () => {
    const f = ScopeFilter.of({ skipUnparsed: true, sources: ['web'], sinceMs: AT + 1 })!;
    expect(f.admits(event({ format: 'unparsed' }), null)).toBe(false);
    expect(f.admits(event({ source: 'firewall' }), null)).toBe(false);
    expect(f.admits(event({ source: 'web' }), null)).toBe(false);
    expect(f.admits(event({ source: 'web', ts: AT + 1 }), null)).toBe(true);
    expect(f.skipped).toEqual({ unparsed: 1, source: 1, host: 0, time: 1 });
    expect(f.skippedInFile).toBe(3);
    f.startFile();
    expect(f.skippedInFile).toBe(0);
  });
});
