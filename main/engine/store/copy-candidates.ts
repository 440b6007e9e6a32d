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

/** Events of several files flattened: position p is event `index[p]` of `files[file[p]]`. */
interface Flat {
  mark: Float64Array;
  file: Int32Array;
  index: Int32Array;
}

function flatten(files: readonly FileMarks[]): Flat {
  const total = files.reduce((n, f) => n + f.marks.length, 0);
  const flat = { mark: new Float64Array(total), file: new Int32Array(total), index: new Int32Array(total) };
  let p = 0;
  for (const [fileIndex, f] of files.entries()) {
    for (const [index, mark] of f.marks.entries()) {
      if (Number.isNaN(mark)) continue;
      flat.mark[p] = mark;
      flat.file[p] = fileIndex;
      flat.index[p] = index;
      p++;
    }
  }
  return { mark: flat.mark.subarray(0, p), file: flat.file.subarray(0, p), index: flat.index.subarray(0, p) };
}

/**
 * Sorts the events by (mark, file, arrival) and walks each run of one mark: a run within one
 * file is no copy; otherwise the k-th event of each file in the run forms group k.
 * (Typed arrays and one sort: maps of per-mark lists cost ~5 µs an event, measured.)
 */
function proposeWithin(files: readonly FileMarks[], pairs: CopyPair[]): void {
  const { mark, file, index } = flatten(files);
  const order = new Uint32Array(mark.length);
  for (let p = 0; p < order.length; p++) order[p] = p;
  order.sort((a, b) => mark[a]! - mark[b]! || a - b); // p grows with file, then arrival
  const slot = (p: number): Slot => ({ file: files[file[p]!]!, index: index[p]! });
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && mark[order[end]!] === mark[order[start]!]) end++;
    if (file[order[start]!] !== file[order[end - 1]!]) proposeInRun(order.subarray(start, end), file, slot, pairs);
    start = end;
  }
}

/** One mark's events, in (file, arrival) order, from more than one file. */
function proposeInRun(run: Uint32Array, file: Int32Array, slot: (p: number) => Slot, pairs: CopyPair[]): void {
  const perFile: number[][] = [];
  for (const p of run) {
    if (perFile.length === 0 || file[perFile[perFile.length - 1]![0]!] !== file[p]) perFile.push([]);
    perFile[perFile.length - 1]!.push(p);
  }
  const groups = Math.max(...perFile.map((ps) => ps.length));
  for (let k = 0; k < groups; k++) {
    const group = perFile.map((ps) => ps[k]).filter((p): p is number => p !== undefined).map(slot);
    if (group.length < 2) continue;
    const keeper = group.reduce((best, s) => (isBetter(s, best) ? s : best));
    for (const s of group) {
      if (s === keeper) continue;
      pairs.push({ copyId: s.file.ids[s.index]!, keeperId: keeper.file.ids[keeper.index]! });
      s.file.marks[s.index] = Number.NaN;
    }
  }
}

/** Where an event sits: its file's marks and its index there. */
interface Slot {
  file: FileMarks;
  index: number;
}

function isBetter(a: Slot, b: Slot): boolean {
  const qa = a.file.quality[a.index]!;
  const qb = b.file.quality[b.index]!;
  return qa !== qb ? qa > qb : a.file.ids[a.index]! < b.file.ids[b.index]!;
}
