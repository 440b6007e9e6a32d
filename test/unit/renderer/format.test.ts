import { describe, expect, it } from 'vitest';
import type { EventSummary } from '../../../shared/api.js';
import { endpoint, eventsToCsv, eventsToJson, formatBytes, formatTime } from '../../../renderer/format.js';

const row = (over: Partial<EventSummary>): EventSummary => ({
  id: 1, ts: Date.UTC(2026, 2, 5, 8, 14, 2, 5), seq: 1, source: 'firewall', host: 'maas-region-1', program: 'kernel',
  src_ip: '203.0.113.77', src_port: 51234, dst_ip: '10.20.0.2', dst_port: 23, user: null, status: null, message: 'm',
  starred: false, tags: [], noted: false, ...over,
});

describe('how the Events table shows values', () => {
  it('shows a stamp in UTC, or in a host\'s zone across DST', () => {
    expect(formatTime(Date.UTC(2026, 2, 5, 8, 14, 2, 5))).toBe('2026-03-05 08:14:02.005');
    expect(formatTime(Date.UTC(2026, 2, 5, 8, 14, 2, 5), 'Europe/Berlin')).toBe('2026-03-05 09:14:02.005');
    expect(formatTime(Date.UTC(2026, 2, 8, 8, 0, 0), 'America/Chicago')).toBe('2026-03-08 03:00:00.000');
    expect(formatTime(Date.UTC(2026, 2, 8, 7, 59, 59), 'America/Chicago')).toBe('2026-03-08 01:59:59.000');
    expect(formatTime(null)).toBe('');
  });

  it('joins address and port, and leaves an empty address empty', () => {
    expect(endpoint('203.0.113.77', 51234)).toBe('203.0.113.77:51234');
    expect(endpoint('203.0.113.77', null)).toBe('203.0.113.77');
    expect(endpoint(null, 22)).toBe('');
  });

  it('sizes bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.00 GiB');
  });
});

describe('copying rows', () => {
  it('writes RFC 4180 CSV: quotes, commas and newlines in log text stay data', () => {
    const csv = eventsToCsv([row({ message: 'say "hi", then\nleave', user: 'ro,ot' })]);
    const [header, line, end] = csv.split('\r\n');
    expect(header).toBe('id,ts,source,host,program,src_ip,src_port,dst_ip,dst_port,user,status,message');
    expect(line).toBe('1,2026-03-05T08:14:02.005Z,firewall,maas-region-1,kernel,203.0.113.77,51234,10.20.0.2,23,"ro,ot",,"say ""hi"", then\nleave"');
    expect(end).toBe('');
  });

  it('writes JSON with ISO UTC times', () => {
    expect(JSON.parse(eventsToJson([row({ ts: null })]))).toEqual([expect.objectContaining({ id: 1, ts: null, src_port: 51234 })]);
    expect(JSON.parse(eventsToJson([row({})])) as unknown).toEqual([expect.objectContaining({ ts: '2026-03-05T08:14:02.005Z' })]);
  });
});
