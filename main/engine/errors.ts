/** Typed errors (style guide): where, what, and what next. They cross the API as data. */
export type MfwErrorCode = 'input' | 'definition' | 'usage' | 'store' | 'store-full' | 'cancelled';

export class MfwError extends Error {
  constructor(
    readonly code: MfwErrorCode,
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** `file:line: message` as the CLI prints it. */
  describe(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }
}

/** Bad evidence: the file is named, the import goes on. */
export class InputError extends MfwError {
  constructor(message: string, file?: string, line?: number, hint?: string) {
    super('input', message, file, line, hint);
  }
}

/** A broken format or rule definition, reported at its own file and line. */
export class DefinitionError extends MfwError {
  constructor(message: string, file?: string, line?: number, hint?: string) {
    super('definition', message, file, line, hint);
  }
}

/** A CLI usage mistake: exit code 2. */
export class UsageError extends MfwError {
  constructor(message: string, hint?: string) {
    super('usage', message, undefined, undefined, hint);
  }
}

/** The user cancelled a running job; whatever it had written is undone. */
export class CancelledError extends MfwError {
  constructor(what: string) {
    super('cancelled', `${what} cancelled`);
  }
}

/**
 * The store's WebAssembly heap is full (SQLite's out of memory): the batch was not stored, what
 * was stored before it is kept and usable (docs/memory.md).
 */
export class StoreFullError extends MfwError {
  constructor(message: string) {
    super('store-full', message, undefined, undefined, 'import less: a time window, some hosts or sources, or --skip-unparsed');
  }
}

/** Whether an error (possibly rebuilt after crossing the store's thread) is the store being full. */
export function isStoreFull(err: unknown): boolean {
  return err instanceof MfwError && err.code === 'store-full';
}

/** Whether an error is the store running out of memory, in an insert (StoreFullError) or in any other statement. */
export function isOutOfMemory(err: unknown): boolean {
  return isStoreFull(err) || (err instanceof Error && /\bout of memory\b/i.test(err.message));
}
