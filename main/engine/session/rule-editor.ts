import type { ApiRequest, ApiResponse } from '../../../shared/api.js';
import { CancelledError, MfwError } from '../errors.js';
import type { CompiledRule } from '../rules/compiled.js';
import { checkRuleText } from '../rules/editor/rule-check.js';
import { activeRules, buildLibrary, entryYaml, listItem, type LibraryEntry } from '../rules/editor/rule-library.js';
import { previewRule } from '../rules/editor/rule-preview.js';
import { exportSigma } from '../rules/editor/sigma-export.js';
import { importSigmaText } from '../rules/editor/sigma-import.js';
import { deleteStoredRule, readStoredRules, writeStoredRule } from '../rules/editor/stored-rules.js';
import { installedValueLists } from '../rules/load.js';
import { runRules, saveFindings } from '../rules/run.js';
import type { ValueList } from '../rules/schema.js';
import type { Store } from '../store/store.js';

/** Findings a preview sends in full unless asked for another number. */
const PREVIEW_FINDINGS = 5;

export interface RuleEditorOptions {
  store: Store;
  /** The loaded rules (built-in, the user's folder); undefined: none run unless saved in the session. */
  base?: readonly CompiledRule[];
  /** The value lists `in_list` may name (default: the installed ones, read on first use). */
  lists?: ReadonlyMap<string, ValueList>;
  /** Whether an import is running (the rules must not be rerun under it). */
  importing: () => boolean;
  nowMs: () => number;
}

/**
 * The engine side of the Rules screen (rules.* methods): the loaded rules with the versions saved
 * in the session (table `rules`) laid over them by id. Every change reruns detection, so the
 * findings are always those of the rules as they now are.
 */
export class RuleEditor {
  private lists: ReadonlyMap<string, ValueList> | undefined;
  /** Reruns one after another: the findings are those of the last change. */
  private rerunning: Promise<unknown> = Promise.resolve();
  /** Previews run one at a time, and one that a newer one overtook while it waited is not run. */
  private previewing: Promise<unknown> = Promise.resolve();
  private latestPreview = 0;

  constructor(private readonly options: RuleEditorOptions) {
    this.lists = options.lists;
  }

  private valueLists(): ReadonlyMap<string, ValueList> {
    return (this.lists ??= installedValueLists());
  }

  private async entries(): Promise<LibraryEntry[]> {
    return buildLibrary(this.options.base ?? [], await readStoredRules(this.options.store), this.valueLists());
  }

  private async entry(id: string): Promise<LibraryEntry> {
    const found = (await this.entries()).find((e) => e.id === id);
    if (!found) throw new MfwError('usage', `no rule ${JSON.stringify(id)}`, undefined, undefined, 'rules.list shows them');
    return found;
  }

  /** The rules detection runs (after an import, after a change); undefined when there are none to run at all. */
  async activeRules(): Promise<CompiledRule[] | undefined> {
    const entries = await this.entries();
    if (!this.options.base && entries.length === 0) return undefined;
    return activeRules(entries);
  }

  async list(): Promise<ApiResponse<'rules.list'>> {
    return { rules: (await this.entries()).map(listItem) };
  }

  async get(req: ApiRequest<'rules.get'>): Promise<ApiResponse<'rules.get'>> {
    const entry = await this.entry(req.id);
    return { item: listItem(entry), yaml: entryYaml(entry), baseYaml: entry.base?.meta.yaml ?? null };
  }

  check(req: ApiRequest<'rules.check'>): ApiResponse<'rules.check'> {
    const checked = checkRuleText(req.yaml, this.valueLists());
    return checked.ok ? { issues: [], id: checked.doc.id, kind: checked.doc.kind } : { issues: [checked.issue], id: null, kind: null };
  }

  async preview(req: ApiRequest<'rules.preview'>): Promise<ApiResponse<'rules.preview'>> {
    const checked = checkRuleText(req.yaml, this.valueLists());
    if (!checked.ok) return { issues: [checked.issue], result: null };
    // Typing sends a preview per pause: on a large store only the newest is worth running.
    const ticket = ++this.latestPreview;
    const run = this.previewing.then(() => {
      if (ticket !== this.latestPreview) throw new CancelledError('this preview (a newer one replaced it)');
      return previewRule(this.options.store, checked.rule, req.limit ?? PREVIEW_FINDINGS);
    });
    this.previewing = run.catch(() => undefined);
    return { issues: [], result: await run };
  }

  async save(req: ApiRequest<'rules.save'>): Promise<ApiResponse<'rules.save'>> {
    const checked = checkRuleText(req.yaml, this.valueLists());
    if (!checked.ok) {
      const { line, field, message } = checked.issue;
      throw new MfwError('definition', `${field ? `${field}: ` : ''}${message}`, 'rule.yaml', line ?? undefined, 'the rule was not saved');
    }
    const id = checked.doc.id;
    const before = (await readStoredRules(this.options.store)).get(id);
    return this.change(id, () => writeStoredRule(this.options.store, { id, body: req.yaml, enabled: req.enabled ?? before?.enabled ?? true }, this.options.nowMs()));
  }

  async revert(req: ApiRequest<'rules.revert'>): Promise<ApiResponse<'rules.revert'>> {
    const entry = await this.entry(req.id);
    if (!entry.stored) throw new MfwError('usage', `rule ${req.id} has no saved version to revert`);
    return this.change(req.id, () => deleteStoredRule(this.options.store, req.id));
  }

  /** A loaded rule enabled or disabled is saved with its YAML as loaded. */
  async setEnabled(req: ApiRequest<'rules.enable'>): Promise<ApiResponse<'rules.enable'>> {
    const entry = await this.entry(req.id);
    return this.change(req.id, () => writeStoredRule(this.options.store, { id: req.id, body: entryYaml(entry), enabled: req.enabled }, this.options.nowMs()));
  }

  importSigma(req: ApiRequest<'sigma.import'>): ApiResponse<'sigma.import'> {
    return importSigmaText(req.yaml, this.valueLists());
  }

  exportSigma(req: ApiRequest<'sigma.export'>): ApiResponse<'sigma.export'> {
    const checked = checkRuleText(req.yaml, this.valueLists());
    if (!checked.ok) return { sigma: null, reasons: [`the rule is not valid: ${checked.issue.line ? `line ${checked.issue.line}: ` : ''}${checked.issue.message}`], notes: [] };
    return exportSigma(checked.doc);
  }

  /** Writes a change, then reruns detection over the store and replaces the findings. */
  private async change(id: string, write: () => Promise<unknown>): Promise<{ id: string; findings: number }> {
    if (this.options.importing()) throw new MfwError('usage', 'an import is running: change rules once it has finished');
    const run = this.rerunning.then(async () => {
      await write();
      const rules = (await this.activeRules()) ?? [];
      const { findings } = await runRules(this.options.store, rules);
      await saveFindings(this.options.store, findings);
      return findings.length;
    });
    this.rerunning = run.catch(() => undefined);
    return { id, findings: await run };
  }
}
