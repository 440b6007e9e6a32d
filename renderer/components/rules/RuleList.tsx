import { Fragment } from 'react';
import type { RuleListItem } from '../../../shared/api-rules.js';

interface Props {
  rules: readonly RuleListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** What a rule is beside its title: where it comes from and its state in this session. */
function badges(rule: RuleListItem): string[] {
  return [
    rule.base === null ? 'session rule' : rule.base === 'builtin' ? 'built-in' : rule.base === 'sigma' ? 'Sigma' : 'rules folder',
    ...(rule.base === 'builtin' && rule.modified ? ['overrides built-in'] : rule.base !== null && rule.modified ? ['edited'] : []),
    ...(rule.enabled ? [] : ['disabled']),
    ...(rule.error !== null ? ['broken'] : []),
  ];
}

/** Every rule, built-in and the user's, to pick one for the editor. */
export function RuleList({ rules, selectedId, onSelect }: Props) {
  return (
    <ul className="rule-list" aria-label="Rules">
      {rules.map((rule) => (
        <li key={rule.id}>
          {/* The name is the visible text; the unseen commas (.name-sep) make it read "title, id, kind severity, badges". */}
          <button type="button" aria-pressed={rule.id === selectedId} className={rule.enabled ? undefined : 'disabled'} onClick={() => onSelect(rule.id)}>
            <span className="title">{rule.title}<span className="name-sep">, </span></span>
            <code className="id">{rule.id}<span className="name-sep">, </span></code>
            <span className="meta">
              {rule.kind ?? '?'} <span aria-hidden="true">·</span> {rule.severity ?? '?'}
              {badges(rule).map((b) => <Fragment key={b}><span className="name-sep">, </span><span className={`badge ${b.replace(/\s+/g, '-')}`}>{b}</span></Fragment>)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
