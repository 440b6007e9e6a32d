import type { FormatSummary } from '../../../shared/api-formats.js';
import { FormatDefinitionSchema, type FormatDefinition } from '../../../shared/types/format-definition.js';
import { DefinitionError, MfwError } from '../errors.js';
import { CompileError, type CompiledFormat } from '../formats/compile.js';
import { checkSamples } from '../formats/format-samples.js';
import { compileUserFormat } from '../formats/format-tester.js';
import { createRegistry, type FormatRegistry } from '../formats/registry.js';
import type { Store } from '../store/store.js';

/** Names the store gives files and events itself: a format may not take them. */
const RESERVED_IDS = new Set(['unparsed', 'unknown', 'binary', 'archive', 'not-a-log']);

function summary(format: CompiledFormat, origin: FormatSummary['origin']): FormatSummary {
  return { id: format.id, title: format.def.title, kind: format.kind, source: format.source ?? null, origin, definition: format.def };
}

/**
 * The user's formats, kept in the store's `user_formats` table (so a saved session carries
 * them), and the registry imports use: the shipped formats plus these.
 */
export class UserFormats {
  private user: CompiledFormat[] | undefined;
  private current: FormatRegistry;

  constructor(private readonly store: Store, private readonly builtin: FormatRegistry, private readonly nowMs: () => number = Date.now) {
    this.current = builtin;
  }

  /** The registry of the shipped formats and the user's, read from the store on first use. */
  async registry(): Promise<FormatRegistry> {
    await this.loaded();
    return this.current;
  }

  async list(): Promise<FormatSummary[]> {
    const user = await this.loaded();
    return [...this.builtin.all.map((f) => summary(f, 'builtin')), ...user.map((f) => summary(f, 'user'))];
  }

  /** A user format by id, or undefined. */
  async get(id: string): Promise<CompiledFormat | undefined> {
    return (await this.loaded()).find((f) => f.id === id);
  }

  /**
   * Validates and saves a definition (replacing a user format of the same id): its id must not
   * be a shipped format's, every regex must compile on re2js and every sample must hold.
   */
  async save(def: FormatDefinition, file = `user format ${def.id}`, lineOf?: (path: readonly PropertyKey[]) => number | undefined): Promise<FormatSummary> {
    const user = await this.loaded();
    if (this.builtin.get(def.id)) throw new DefinitionError(`id "${def.id}" is a shipped format; give the user format another id`, file, lineOf?.(['id']));
    if (RESERVED_IDS.has(def.id)) throw new DefinitionError(`id "${def.id}" is reserved by the store; choose another`, file, lineOf?.(['id']));
    let format: CompiledFormat;
    try {
      format = compileUserFormat(def, file);
    } catch (err) {
      if (err instanceof CompileError) throw new DefinitionError(`${err.path.join('.')}: ${err.message}`, file, lineOf?.(err.path));
      throw err;
    }
    if (def.decoder) throw new DefinitionError('a user format cannot name a decoder (decoders are written in code)', file, lineOf?.(['decoder']));
    checkSamples(def, this.withFormat(user, format), file, lineOf);
    await this.store.query('INSERT OR REPLACE INTO user_formats (id, definition, updated_ts) VALUES (?, ?, ?)', [def.id, JSON.stringify(def), this.nowMs()]);
    this.setUser([...user.filter((f) => f.id !== def.id), format]);
    return summary(format, 'user');
  }

  async remove(id: string): Promise<void> {
    const user = await this.loaded();
    if (!user.some((f) => f.id === id)) throw new MfwError('usage', `no user format "${id}"`);
    await this.store.query('DELETE FROM user_formats WHERE id = ?', [id]);
    this.setUser(user.filter((f) => f.id !== id));
  }

  /** Forgets what was read from the store: it now holds another session's formats. */
  forget(): void {
    this.user = undefined;
    this.current = this.builtin;
  }

  private withFormat(user: readonly CompiledFormat[], format: CompiledFormat): FormatRegistry {
    return createRegistry([...this.builtin.all, ...user.filter((f) => f.id !== format.id), format]);
  }

  private setUser(user: CompiledFormat[]): void {
    this.user = user.sort((a, b) => a.id.localeCompare(b.id));
    this.current = createRegistry([...this.builtin.all, ...this.user]);
  }

  private async loaded(): Promise<CompiledFormat[]> {
    if (this.user) return this.user;
    const rows = (await this.store.query('SELECT id, definition FROM user_formats ORDER BY id')).rows;
    const user = rows.map(([id, text]) => {
      const where = `user_formats row "${String(id)}"`;
      const parsed = FormatDefinitionSchema.safeParse(JSON.parse(String(text)));
      if (!parsed.success) throw new DefinitionError(`not a format definition: ${parsed.error.issues[0]!.message}`, where);
      return compileUserFormat(parsed.data, where);
    });
    this.setUser(user);
    return this.user!;
  }
}
