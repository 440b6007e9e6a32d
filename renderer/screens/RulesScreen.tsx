import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../shared/api.js';
import type { RuleDetail, RuleListItem } from '../../shared/api-rules.js';
import { RuleDiff } from '../components/rules/RuleDiff.js';
import { RuleForm } from '../components/rules/RuleForm.js';
import { RuleList } from '../components/rules/RuleList.js';
import { RulePreview } from '../components/rules/RulePreview.js';
import { SigmaExport } from '../components/rules/SigmaExport.js';
import { SigmaImport } from '../components/rules/SigmaImport.js';
import { useRulePreview } from '../components/rules/use-rule-preview.js';
import { YamlEditor } from '../components/rules/YamlEditor.js';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The Rules screen: the list of rules; the one picked is edited as YAML and as a form, previewed
 * on the loaded events as it is typed, compared with the built-in rule, saved into the session
 * (detection runs again), reverted, enabled or disabled; Sigma rules come in and go out.
 */
export function RulesScreen({ client, loadedEvents }: { client: ApiClient; loadedEvents: number }) {
  const [rules, setRules] = useState<RuleListItem[] | null>(null);
  /** The rule as saved or loaded; null with a draft: a new rule (from Sigma) not saved yet. */
  const [detail, setDetail] = useState<RuleDetail | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [showSigma, setShowSigma] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = useRulePreview(client, draft);

  const reload = useCallback(async (select?: string) => {
    const list = await client.call('rules.list', {});
    setRules(list.rules);
    if (select !== undefined) {
      const got = await client.call('rules.get', { id: select });
      setDetail(got);
      setDraft(got.yaml);
    }
  }, [client]);

  useEffect(() => {
    reload().catch((err: unknown) => setError(message(err)));
  }, [reload]);

  const act = (work: () => Promise<void>): void => {
    setError(null);
    setStatus(null);
    work().catch((err: unknown) => setError(message(err)));
  };
  const open = (id: string): void => act(async () => {
    setShowSigma(false);
    await reload(id);
  });
  const save = (): void => act(async () => {
    const saved = await client.call('rules.save', { yaml: draft ?? '' });
    await reload(saved.id);
    setStatus(`Saved ${saved.id} in this session; detection ran again: ${saved.findings} findings in all.`);
  });
  const revert = (id: string, builtin: boolean): void => act(async () => {
    const done = await client.call('rules.revert', { id });
    if (builtin) await reload(id);
    else {
      await reload();
      setDetail(null);
      setDraft(null);
    }
    setStatus(`${builtin ? `Reverted ${id} to the built-in rule` : `Removed ${id} from this session`}; detection ran again: ${done.findings} findings in all.`);
  });
  const enable = (id: string, enabled: boolean): void => act(async () => {
    const done = await client.call('rules.enable', { id, enabled });
    await reload(id);
    setStatus(`${id} ${enabled ? 'enabled' : 'disabled'}; detection ran again: ${done.findings} findings in all.`);
  });

  const issues = preview.preview?.issues ?? [];
  const item = detail?.item ?? null;
  const dirty = draft !== null && draft !== (detail?.yaml ?? null);
  return (
    <section aria-labelledby="rules-title" className="screen rules">
      <h2 id="rules-title">Rules</h2>
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
      {status !== null ? <p role="status" className="rule-status">{status}</p> : null}
      <div className="rules-body">
        <nav className="rules-side" aria-label="Rule list">
          <button type="button" aria-pressed={showSigma} onClick={() => setShowSigma((s) => !s)}>Import Sigma…</button>
          {rules === null ? <p>Loading rules…</p> : <RuleList rules={rules} selectedId={item?.id ?? null} onSelect={open} />}
        </nav>
        <div className="rule-main">
          {showSigma ? (
            <SigmaImport client={client} onOpen={(yaml) => {
              setShowSigma(false);
              setDetail(null);
              setDraft(yaml);
            }} />
          ) : null}
          {draft === null ? (!showSigma ? <p>Pick a rule to edit it, or import a Sigma rule.</p> : null) : (
            <div className="rule-editor">
              <h3>{item ? <>{item.title} <code>{item.id}</code></> : 'New rule (not saved)'}{dirty ? <span className="badge unsaved">unsaved changes</span> : null}</h3>
              <div className="toolbar">
                <button type="button" onClick={save} disabled={issues.length > 0}>Save</button>
                {dirty && detail ? <button type="button" onClick={() => setDraft(detail.yaml)}>Discard changes</button> : null}
                {item?.stored ? (
                  <button type="button" onClick={() => revert(item.id, item.base !== null)}>
                    {item.base === 'builtin' ? 'Revert to built-in' : item.base === null ? 'Delete from session' : 'Revert to loaded rule'}
                  </button>
                ) : null}
                {item ? (
                  <label>
                    <input type="checkbox" checked={item.enabled} onChange={(e) => enable(item.id, e.target.checked)} /> Enabled
                  </label>
                ) : null}
                {item?.error ? <span className="error">Saved version cannot run: {item.error}</span> : null}
              </div>
              <RuleForm yaml={draft} onChange={setDraft} />
              <YamlEditor value={draft} onChange={setDraft} issues={issues} label="Rule YAML" />
              <RulePreview state={preview} loadedEvents={loadedEvents} />
              {detail && detail.baseYaml !== null ? <RuleDiff base={detail.baseYaml} current={draft} against={detail.item.base === 'builtin' ? 'the built-in rule' : 'the loaded rule'} /> : null}
              <SigmaExport client={client} yaml={draft} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
