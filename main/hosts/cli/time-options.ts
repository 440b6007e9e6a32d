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
