import type { EventFilter, EventSummary } from '../../../shared/api.js';

/** The windows "±N minutes around this" offers. */
export const AROUND_MINUTES = [1, 5, 15, 60] as const;

/** A string as an SQL literal for the WHERE box: quotes doubled, so no value can end it. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Every event, of every source and host, within ±minutes of an instant (both ends included). */
export function aroundFilter(tsMs: number, minutes: number): EventFilter {
  const at = Math.floor(tsMs);
  return { fromMs: at - minutes * 60_000, toMs: at + minutes * 60_000 + 1 };
}

export interface Pivot {
  /** Menu text: `Same IP (203.0.113.7)`. */
  label: string;
  /** The filter it applies, or null when the event has no such value. */
  filter: EventFilter | null;
}

/** "Same IP", "same user", "same host": every event sharing the value, at any time. */
export function samePivots(event: EventSummary): Pivot[] {
  const ip = event.src_ip ?? event.dst_ip;
  return [
    { label: `Same IP${ip === null ? '' : ` (${ip})`}`, filter: ip === null ? null : { ip } },
    { label: `Same user${event.user === null ? '' : ` (${event.user})`}`, filter: event.user === null ? null : { where: `user = ${sqlString(event.user)}` } },
    { label: `Same host${event.host === null ? '' : ` (${event.host})`}`, filter: event.host === null ? null : { host: event.host } },
  ];
}

/** `±5 minutes`, `±1 hour`. */
export function aroundLabel(minutes: number): string {
  return minutes % 60 === 0 ? `±${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `±${minutes} minute${minutes === 1 ? '' : 's'}`;
}
