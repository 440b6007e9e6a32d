import { useRef } from 'react';
import type { RuleIssueInfo } from '../../../shared/api-rules.js';

interface Props {
  value: string;
  onChange: (value: string) => void;
  issues: readonly RuleIssueInfo[];
  label: string;
}

/** Offset of the start of a 1-based line. */
function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/**
 * A plain textarea with line numbers; a line with an issue is marked in the gutter, and each
 * issue, listed under the text, moves the caret to its line. (A code editor component would be
 * a large dependency for a few dozen lines of YAML.)
 */
export function YamlEditor({ value, onChange, issues, label }: Props) {
  const text = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  const lines = value.split('\n').length;
  const badLines = new Set(issues.map((i) => i.line).filter((l): l is number => l !== null));

  const goToLine = (line: number): void => {
    const area = text.current;
    if (!area) return;
    const start = lineStart(value, line);
    const end = value.indexOf('\n', start);
    area.focus();
    area.setSelectionRange(start, end < 0 ? value.length : end);
  };

  return (
    <div className="yaml-editor-wrap">
      <div className="yaml-editor">
        <pre className="gutter" aria-hidden="true" ref={gutter}>
          {Array.from({ length: lines }, (_, i) => (
            <span key={i} className={badLines.has(i + 1) ? 'bad-line' : undefined}>{i + 1}{'\n'}</span>
          ))}
        </pre>
        <textarea
          ref={text}
          aria-label={label}
          aria-invalid={issues.length > 0}
          aria-describedby="rule-issues"
          spellCheck={false}
          wrap="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <ul id="rule-issues" className="rule-issues" aria-label="Errors in the rule">
        {issues.map((issue, i) => (
          <li key={i} className="error">
            {issue.line !== null ? <button type="button" onClick={() => goToLine(issue.line!)}>Line {issue.line}</button> : 'The rule'}
            {': '}
            {issue.field ? <code>{issue.field}</code> : null}
            {issue.field ? ': ' : null}
            {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
