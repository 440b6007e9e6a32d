import { useEffect, useState } from 'react';
import { RULE_KINDS, SEVERITIES } from '../../../shared/types/rules.js';
import { applyForm, formKeys, readForm } from './rule-form.js';

interface Props {
  yaml: string;
  onChange: (yaml: string) => void;
}

const DURATION = /^\d+(?:ms|s|m|h|d)$/;

/**
 * A text input that writes to the YAML whenever what is typed is a valid value (`parse` gives
 * non-undefined), and follows the YAML when it changes elsewhere.
 */
function SyncedInput<T>({ label, value, show, parse, commit, ...rest }: {
  label: string; value: T; show: (v: T) => string; parse: (text: string) => T | undefined; commit: (v: T) => void;
  type?: string; min?: number; placeholder?: string;
}) {
  const shown = show(value);
  const [text, setText] = useState(shown);
  // The YAML changed elsewhere (the text, another field): show its value, unless what is typed already says it.
  useEffect(() => {
    setText((typed) => {
      const parsed = parse(typed);
      return parsed !== undefined && show(parsed) === shown ? typed : shown;
    });
  }, [shown]);
  return (
    <label>
      {label}
      <input {...rest} value={text} onChange={(e) => {
        setText(e.target.value);
        const parsed = parse(e.target.value);
        if (parsed !== undefined) commit(parsed);
      }} />
    </label>
  );
}

/** The common fields of a rule as a form; every change edits the YAML text itself. */
export function RuleForm({ yaml, onChange }: Props) {
  const fields = readForm(yaml);
  if (!fields) return <p className="rule-form muted">The form shows a rule once its YAML is a map: fix the text below.</p>;
  const keys = formKeys(fields.kind);
  const set = (patch: Parameters<typeof applyForm>[1]): void => onChange(applyForm(yaml, patch));
  return (
    <fieldset className="rule-form">
      <legend>Form</legend>
      <label>
        Kind
        <select value={fields.kind ?? ''} onChange={(e) => set({ kind: e.target.value })}>
          {fields.kind === null ? <option value="">(none)</option> : null}
          {RULE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
      <label>
        Severity
        <select value={fields.severity ?? ''} onChange={(e) => set({ severity: e.target.value })}>
          {fields.severity === null ? <option value="">(none)</option> : null}
          {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <SyncedInput
        label={`Key (${keys.key})`}
        value={fields.key ?? []}
        show={(v) => v.join(', ')}
        parse={(t) => t.split(',').map((s) => s.trim()).filter(Boolean)}
        commit={(key) => set({ key })}
        placeholder="src_ip"
      />
      {keys.window ? (
        <SyncedInput
          label={`Window (${keys.window})`}
          value={fields.window ?? ''}
          show={(v) => v}
          parse={(t) => (t.trim() === '' || DURATION.test(t.trim()) ? t.trim() : undefined)}
          commit={(window) => set({ window })}
          placeholder="10m"
        />
      ) : null}
      {keys.min ? (
        <SyncedInput
          label={keys.min === 'min' ? 'Minimum (min)' : 'Minimum first events (min_first)'}
          type="number"
          min={1}
          value={fields.min}
          show={(v) => (v === null ? '' : String(v))}
          parse={(t) => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : undefined)}
          commit={(min) => set({ min })}
        />
      ) : null}
    </fieldset>
  );
}
