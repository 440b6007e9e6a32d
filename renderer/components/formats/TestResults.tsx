import { useState } from 'react';
import type { FormatTestResult, TestedLine } from '../../../shared/api-formats.js';
import { formatTime } from '../../format.js';
import { CapturedLine } from './CapturedLine.js';

/** Lines drawn at most; the counts cover every line tested. */
const MAX_SHOWN = 500;

type Show = 'all' | 'matched' | 'missed';

interface Props {
  result: FormatTestResult;
  classOf: (name: string) => string;
  /** A test is under way for newer input: the results shown are the previous ones. */
  stale: boolean;
}

function fieldsText(line: TestedLine): string {
  return Object.entries(line.fields)
    .filter(([name]) => name !== 'message' && name !== 'format')
    .map(([name, value]) => `${name}=${value === null ? '∅' : String(value)}`)
    .join('  ');
}

/** The test's counts (as fail2ban-regex gives them) and each line: status, captures, UTC time, fields. */
export function TestResults({ result, classOf, stale }: Props) {
  const [show, setShow] = useState<Show>('all');
  const { counts } = result;
  const lines = result.lines.filter((l) => show === 'all' || l.status === show);
  return (
    <section aria-labelledby="format-results-title" className={stale ? 'format-results stale' : 'format-results'}>
      <h3 id="format-results-title">Results</h3>
      <p role="status" className="format-counts" data-matched={counts.matched} data-missed={counts.missed} data-ignored={counts.ignored}>
        Lines: {counts.lines} lines, {counts.ignored} ignored, {counts.matched} matched, {counts.missed} missed
        {counts.continuation ? `, ${counts.continuation} continuation` : ''}
      </p>
      {result.timeNote ? <p className="format-note">Time: {result.timeNote}</p> : null}
      <fieldset className="grouping">
        <legend>Show</legend>
        {(['all', 'matched', 'missed'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="format-show" checked={show === s} onChange={() => setShow(s)} /> {s}
          </label>
        ))}
      </fieldset>
      <ol className="tested-lines" aria-label="Tested lines">
        {lines.slice(0, MAX_SHOWN).map((line) => (
          <li key={line.line} className={`tested ${line.status}`} data-status={line.status}>
            <span className="status">{line.status}</span>
            <CapturedLine text={line.text} captures={line.captures} classOf={classOf} />
            {line.tsMs !== null ? (
              <span className="utc">
                {formatTime(line.tsMs)} UTC{line.tsInferred ? ` (${line.tsInferred} assumed)` : ''}
              </span>
            ) : null}
            {line.status === 'matched' ? <span className="fields">{fieldsText(line)}</span> : null}
            {line.reason ? <span className="reason">{line.reason}</span> : null}
          </li>
        ))}
      </ol>
      {lines.length > MAX_SHOWN ? <p className="format-note">The first {MAX_SHOWN} of {lines.length} lines are shown.</p> : null}
    </section>
  );
}
