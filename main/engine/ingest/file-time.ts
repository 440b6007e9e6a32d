import type { CompiledFormat } from '../formats/compile.js';
import type { TimeContext } from '../time/resolve.js';
import { formatIsoUtc, isValidTimeZone, machineTimeZone } from '../time/zone.js';

/** What the user and the bundle say about time; every field is optional. */
export interface TimeOptions {
  /** `--tz`: zone for stamps without one. */
  tz?: string;
  /** `--year`: year of stamps without one. */
  year?: number;
  /** The bundle's zone (sos-report `etc/timezone` …), with where it came from. */
  bundleZone?: { zone: string; reason: string };
  /** A reference instant for year-less stamps (collection time, newest full stamp) and why. */
  reference?: { ms: number; reason: string };
}

export interface FileTime {
  ctx: TimeContext;
  /** Said once per file: how its year and zone were decided. */
  note: string;
}

/** The zone used when nothing else says: the machine's, which the CLI warns about. */
export function defaultZone(options: TimeOptions): { zone: string; reason: string; fromMachine: boolean } {
  if (options.tz) return { zone: options.tz, reason: 'from --tz', fromMachine: false };
  if (options.bundleZone) return { ...options.bundleZone, fromMachine: false };
  return { zone: machineTimeZone(), reason: "the machine's zone: no --tz given and none found in the input", fromMachine: true };
}

/** Decides the time context of one file from its format, path and the options. */
export function fileTimeContext(format: CompiledFormat, path: string, options: TimeOptions, mtimeMs: number | undefined): FileTime {
  let zone: string;
  let zoneReason: string;
  let zoneAssumed = true;
  const byPath = format.timestamp?.zoneByPath.find((z) => z.re.test(path));
  if (format.timestamp?.zone) {
    zone = format.timestamp.zone;
    zoneReason = `defined by the ${format.id} format`;
    zoneAssumed = false;
  } else if (byPath) {
    zone = byPath.zone;
    zoneReason = byPath.reason;
  } else {
    const d = defaultZone(options);
    zone = d.zone;
    zoneReason = d.reason;
  }
  let referenceMs: number | null = null;
  let yearReason: string;
  if (options.year !== undefined) {
    yearReason = `from --year ${options.year}`;
  } else if (options.reference) {
    referenceMs = options.reference.ms;
    yearReason = `${options.reference.reason} (${formatIsoUtc(referenceMs)})`;
  } else if (mtimeMs !== undefined) {
    referenceMs = mtimeMs;
    yearReason = `the file's modification time (${formatIsoUtc(mtimeMs)})`;
  } else {
    yearReason = 'unknown: year-less stamps cannot be placed';
  }
  return {
    ctx: { zone, zoneReason, zoneAssumed, fixedYear: options.year, referenceMs },
    note: `zone ${zone} (${zoneReason}); year ${yearReason}`,
  };
}

/** Applies a header line's `end` and `tz` (journalctl's "-- Logs begin at …, end at … UTC. --"). */
export function withHeader(time: FileTime, tz: string | undefined, endMs: number | undefined): FileTime {
  const ctx = { ...time.ctx };
  const notes: string[] = [];
  if (tz && isValidTimeZone(tz)) {
    ctx.zone = tz;
    ctx.zoneReason = 'stated by the file header';
    ctx.zoneAssumed = false;
    notes.push(`zone ${tz} (stated by the file header)`);
  }
  if (endMs !== undefined && ctx.fixedYear === undefined) {
    ctx.referenceMs = endMs;
    notes.push(`year from the header's end time (${formatIsoUtc(endMs)})`);
  }
  return notes.length ? { ctx, note: notes.join('; ') } : time;
}
