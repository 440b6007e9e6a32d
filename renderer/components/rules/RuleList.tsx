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
          {/* The name is the visible text; the hidden commas make it read as a list ("title, id, kind severity, badges"). */}
          <button type="button" aria-pressed={rule.id === selectedId} className={rule.enabled ? undefined : 'disabled'} onClick={() => onSelect(rule.id)}>
            <span className="title">{rule.title}</span>
            <span className="visually-hidden">, </span>
            <code className="id">{rule.id}</code>
            <span className="visually-hidden">, </span>
            <span className="meta">
              {rule.kind ?? '?'} <span aria-hidden="true">·</span> {rule.severity ?? '?'}
              {badges(rule).map((b) => <span key={b}><span className="visually-hidden">, </span><span className={`badge ${b.replace(/\s+/g, '-')}`}>{b}</span></span>)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
