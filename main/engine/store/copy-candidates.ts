/** A proposed fold: `copyId` is a copy of `keeperId`, if the SQL check (fold.ts) agrees. */
export interface CopyPair {
  copyId: number;
  keeperId: number;
}

/** One stored event as the fold pass needs it. */
export interface CandidateEvent {
  id: number;
  fileId: number;
  host: string;
  program: string;
  tsMs: number;
  message: string;
  /** Higher is the better copy to keep (see eventQuality). */
  quality: number;
}

const FINGERPRINT_BITS = 21;
/** A second and a fingerprint in one exact double: 31 + 21 bits < 2^53 (seconds up to 2^32). */
const FINGERPRINT_SPAN = 2 ** FINGERPRINT_BITS;

/** The kernel uptime stamp fold.ts removes (`[   31.924535] `): digits and dots, at least one dot. */
const UPTIME_STAMP = /^\[ *\d[\d.]*\.\d[\d.]*\] /;

/**
 * A 21-bit hash of the message as the fold pass compares it: without a leading uptime stamp and
 * trailing spaces (SQLite's rtrim trims spaces only). Equal bodies give equal fingerprints; the
 * SQL compares the text of every pair proposed.
 */
export function messageFingerprint(message: string): number {
  const start = message.charCodeAt(0) === 0x5b ? (UPTIME_STAMP.exec(message)?.[0].length ?? 0) : 0;
  let end = message.length;
  while (end > start && message.charCodeAt(end - 1) === 0x20) end--;
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ message.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % FINGERPRINT_SPAN;
}

/**
 * How good a copy is to keep: first the precision of its time (2: below the millisecond, as a
 * journal's µs; 1: milliseconds; 0: whole seconds, as classic syslog), so the kept event orders
 * right among the others; then how many typed fields it has (the journal adds `level`…).
 */
export function eventQuality(tsMs: number, filledFields: number): number {
  const precision = !Number.isInteger(tsMs) ? 2 : tsMs % 1000 !== 0 ? 1 : 0;
  return precision * 100 + filledFields;
}

/** Events of one file under one (host, program), in the order they were stored. */
interface FileMarks {
  /** second × 2^21 + message fingerprint; NaN once the event was folded away. */
  marks: number[];
  ids: number[];
  quality: number[];
}

/**
 * Remembers, as events are stored, each one's second and message fingerprint per host, program
 * and file, so the fold pass needs no sort of the events in SQL (measured in sql.js: ~1 s per
 * million events to find the shared seconds, ~20 µs per candidate to match them by text).
 * It proposes pairs; fold.ts keeps only those whose texts are equal.
 */
export class CopyCandidates {
  /** host → program → file id → its events. */
  private readonly byHost = new Map<string, Map<string, Map<number, FileMarks>>>();

  add(event: CandidateEvent): void {
    let programs = this.byHost.get(event.host);
    if (!programs) this.byHost.set(event.host, (programs = new Map<string, Map<number, FileMarks>>()));
    let files = programs.get(event.program);
    if (!files) programs.set(event.program, (files = new Map<number, FileMarks>()));
    let file = files.get(event.fileId);
    if (!file) files.set(event.fileId, (file = { marks: [], ids: [], quality: [] }));
    file.marks.push(Math.floor(event.tsMs / 1000) * FINGERPRINT_SPAN + messageFingerprint(event.message));
    file.ids.push(event.id);
    file.quality.push(event.quality);
  }

  /**
   * Pairs each copy with the event it folds into. Events with the same mark are matched
   * multiset-wise: the k-th of each file forms group k (two identical lines of one file are two
   * groups), whose best event (quality, then the first stored) is kept. A copy proposed is not
   * proposed again by a later call.
   */
  propose(): CopyPair[] {
    const pairs: CopyPair[] = [];
    for (const programs of this.byHost.values()) {
      for (const files of programs.values()) {
        if (files.size > 1) proposeWithin([...files.values()], pairs);
      }
    }
    return pairs;
  }
}

/** Where an event sits: its file's marks and its index there. */
interface Slot {
  file: FileMarks;
  index: number;
}

/** Marks that more than one file has: most marks are in one file only, and cost one lookup. */
function marksInSeveralFiles(files: readonly FileMarks[]): Set<number> {
  const SHARED = -1;
  const owner = new Map<number, number>();
  for (const [fileIndex, file] of files.entries()) {
    for (const mark of file.marks) {
      const seen = owner.get(mark);
      if (seen === undefined) owner.set(mark, fileIndex);
      else if (seen !== fileIndex) owner.set(mark, SHARED);
    }
  }
  const shared = new Set<number>();
  for (const [mark, fileIndex] of owner) if (fileIndex === SHARED && !Number.isNaN(mark)) shared.add(mark);
  return shared;
}

function proposeWithin(files: readonly FileMarks[], pairs: CopyPair[]): void {
  const shared = marksInSeveralFiles(files);
  if (shared.size === 0) return;
  // mark → per file (in the order first seen) the slots of its events with that mark
  const byMark = new Map<number, Slot[][]>();
  for (const file of files) {
    const firstSlotOf = new Map<number, Slot[]>();
    for (const [index, mark] of file.marks.entries()) {
      if (!shared.has(mark)) continue;
      let mine = firstSlotOf.get(mark);
      if (!mine) {
        firstSlotOf.set(mark, (mine = []));
        let perFile = byMark.get(mark);
        if (!perFile) byMark.set(mark, (perFile = []));
        perFile.push(mine);
      }
      mine.push({ file, index });
    }
  }
  for (const perFile of byMark.values()) {
    if (perFile.length < 2) continue;
    const groups = Math.max(...perFile.map((slots) => slots.length));
    for (let k = 0; k < groups; k++) {
      const group = perFile.map((slots) => slots[k]).filter((slot): slot is Slot => slot !== undefined);
      if (group.length < 2) continue;
      const keeper = group.reduce((best, s) => (isBetter(s, best) ? s : best));
      for (const slot of group) {
        if (slot === keeper) continue;
        pairs.push({ copyId: slot.file.ids[slot.index]!, keeperId: keeper.file.ids[keeper.index]! });
        slot.file.marks[slot.index] = Number.NaN;
      }
    }
  }
}

function isBetter(a: Slot, b: Slot): boolean {
  const qa = a.file.quality[a.index]!;
  const qb = b.file.quality[b.index]!;
  return qa !== qb ? qa > qb : a.file.ids[a.index]! < b.file.ids[b.index]!;
}
