import { UsageError } from '../../engine/errors.js';
import type { TimeOptions } from '../../engine/ingest/file-time.js';
import { isValidTimeZone } from '../../engine/time/zone.js';

/** Validates `--tz` and `--year` into the engine's time options. */
export function timeOptions(opts: { tz?: string; year?: string }): TimeOptions {
  const time: TimeOptions = {};
  if (opts.tz !== undefined) {
    if (!isValidTimeZone(opts.tz)) throw new UsageError(`--tz ${opts.tz}: not a time zone`, 'use an IANA name such as UTC, Europe/Berlin or America/Chicago');
    time.tz = opts.tz;
  }
  if (opts.year !== undefined) {
    const year = Number(opts.year);
    if (!/^\d{4}$/.test(opts.year) || year < 1970) throw new UsageError(`--year ${opts.year}: not a four-digit year from 1970 on`);
    time.year = year;
  }
  return time;
}

/** An ISO-8601 instant with its zone (`2026-03-05T08:00:00Z`); a stamp without one is refused, not guessed. */
export function parseInstant(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/(?:Z|[+-]\d\d:?\d\d)$/i.test(text)) throw new UsageError(`${flag} ${text}: give the zone too, e.g. 2026-03-05T08:00:00Z or 2026-03-05T09:00:00+01:00`);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} ${text}: not an ISO-8601 time`);
  return ms;
}
