import { lineDiff } from './line-diff.js';

/** The edited rule against the loaded (built-in) one, line by line. */
export function RuleDiff({ base, current, against }: { base: string; current: string; against: string }) {
  const lines = lineDiff(base, current);
  const added = lines.filter((l) => l.op === '+').length;
  const removed = lines.filter((l) => l.op === '-').length;
  return (
    <details className="rule-diff">
      <summary>Diff against {against}: {added || removed ? `+${added} −${removed} lines` : 'the same'}</summary>
      <pre aria-label={`Diff against ${against}`}>
        {lines.map((l, i) => (
          <span key={i} className={l.op === '+' ? 'added' : l.op === '-' ? 'removed' : undefined}>{l.op} {l.text}{'\n'}</span>
        ))}
      </pre>
    </details>
  );
}
