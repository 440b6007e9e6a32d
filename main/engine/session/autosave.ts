import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Written every few minutes while something changed, and when the app or server stops. */
export const AUTOSAVE_FILE = 'autosave.mfw';
/** The previous run's autosave, moved aside at start so this run's autosaves cannot overwrite it. */
export const RECOVERED_FILE = 'recovered.mfw';
export const DEFAULT_AUTOSAVE_MS = 3 * 60_000;

export interface Recovered {
  path: string;
  savedMs: number;
  bytes: number;
}

/** Moves the last run's autosave aside (replacing an older one) and returns it, if there is one. */
export function takeRecovered(dir: string): Recovered | null {
  const autosave = join(dir, AUTOSAVE_FILE);
  const recovered = join(dir, RECOVERED_FILE);
  if (existsSync(autosave)) renameSync(autosave, recovered);
  if (!existsSync(recovered)) return null;
  const facts = statSync(recovered);
  return { path: recovered, savedMs: facts.mtimeMs, bytes: facts.size };
}

export function discardRecovered(dir: string): void {
  rmSync(join(dir, RECOVERED_FILE), { force: true });
}

interface AutosaverDeps {
  /** Saves the session to this path. */
  save: (path: string) => Promise<void>;
  /** A number that grows with every change to the investigation (the case log's last entry). */
  changes: () => Promise<number>;
  /** False while a save would have to wait (an import is running). */
  canSave: () => boolean;
}

/**
 * Saves the session to `dir/autosave.mfw` every `everyMs` when it changed since the last save,
 * and once more at `stop()`. A failure is kept (`lastError`) and tried again at the next tick.
 */
export class Autosaver {
  private saved = -1;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  lastError: string | null = null;
  readonly path: string;

  constructor(dir: string, private readonly deps: AutosaverDeps, private readonly everyMs = DEFAULT_AUTOSAVE_MS) {
    this.path = join(dir, AUTOSAVE_FILE);
  }

  async start(): Promise<void> {
    this.saved = await this.deps.changes(); // nothing to save until something changes
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  /** Saves now if something changed and a save can run; resolves when done. */
  tick(): Promise<void> {
    this.running = this.running.then(async () => {
      if (!this.deps.canSave()) return;
      const now = await this.deps.changes();
      if (now === this.saved) return;
      try {
        await this.deps.save(this.path);
        this.saved = await this.deps.changes();
        this.lastError = null;
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
      }
    });
    return this.running;
  }

  /** Stops the timer after a last save of what changed. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.tick();
  }
}
