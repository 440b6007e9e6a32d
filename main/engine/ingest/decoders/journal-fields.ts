import type { FieldValue } from '../../../../shared/types/event.js';

/** syslog PRIORITY 0–7 in the normalised level vocabulary. */
const LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];

/** A journal field value as the exports carry it: text, bytes, null, or several of them. */
export type JournalValue = string | Uint8Array | number[] | null | JournalValue[];

const utf8 = new TextDecoder('utf-8');

/** Text of a journal value: byte arrays decoded as UTF-8 (the spec's form for non-UTF-8 or control characters). */
export function journalText(value: JournalValue | undefined): string | undefined {
  if (value === undefined || value === null) return value === null ? '' : undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return utf8.decode(value);
  if (value.every((v) => typeof v === 'number')) return utf8.decode(Uint8Array.from(value));
  return (value).map((v) => journalText(v) ?? '').join('\n');
}

/** Maps one journal record to event values and its exact UTC time; undefined without a usable time. */
export function journalRecordValues(get: (name: string) => JournalValue | undefined): { tsMs: number; values: Record<string, FieldValue> } | undefined {
  const realtime = journalText(get('__REALTIME_TIMESTAMP'));
  if (!realtime || !/^\d+$/.test(realtime)) return undefined;
  // __REALTIME_TIMESTAMP is a string of µs; keep the µs as the fraction of a ms.
  const tsMs = Number(realtime) / 1000;
  const pid = journalText(get('SYSLOG_PID')) ?? journalText(get('_PID'));
  const priority = journalText(get('PRIORITY'));
  const values: Record<string, FieldValue> = {
    host: journalText(get('_HOSTNAME')) ?? null,
    program: journalText(get('SYSLOG_IDENTIFIER')) ?? journalText(get('_COMM')) ?? null,
    pid: pid !== undefined && /^\d+$/.test(pid) ? Number(pid) : null,
    level: priority !== undefined ? (LEVELS[Number(priority)] ?? null) : null,
    message: journalText(get('MESSAGE')) ?? '',
  };
  const unit = journalText(get('_SYSTEMD_UNIT'));
  const transport = journalText(get('_TRANSPORT'));
  const boot = journalText(get('_BOOT_ID'));
  if (unit) values.unit = unit;
  if (transport) values.transport = transport;
  if (boot) values.boot_id = boot;
  return { tsMs, values };
}
