import type { Gap, GapRules } from '../../../shared/api-timeline.js';
import { formatTime } from '../../format.js';

interface Props {
  gaps: readonly Gap[];
  rules: GapRules | null;
  zone: string;
  onShow: (gap: Gap) => void;
}

const minutes = (ms: number): string => `${Math.round(ms / 60_000)} min`;

/**
 * The gaps in view in words: the shaded bands of the chart, with why each is a gap, so
 * "nothing happened" can be told from "nothing was logged".
 */
export function GapList({ gaps, rules, zone, onShow }: Props) {
  return (
    <section className="gap-list" aria-labelledby="gaps-title">
      <h3 id="gaps-title">Gaps in the evidence ({gaps.length} in view)</h3>
      {rules ? (
        <p className="gap-rules">
          A log that wrote in at least {rules.minActiveMinutes} distinct minutes usually logs; its silence is a gap when longer than {rules.silenceFactor}×
          its usual spacing (95th percentile) and at least {minutes(rules.minSilenceMs)}. Truncated (.tailed) files, missing rotated files and a journal
          shorter than the files by over {minutes(rules.journalShortfallMs)} are gaps too.
        </p>
      ) : null}
      {gaps.length === 0 ? <p>No gap in view: every log that usually writes kept writing here.</p> : (
        <ul>
          {gaps.map((g) => (
            <li key={`${g.kind}:${g.host ?? ''}:${g.fromMs}:${g.toMs}`} className={`gap ${g.kind}`}>
              <button type="button" onClick={() => onShow(g)}>{g.title}</button>
              <span className="gap-span"> {formatTime(g.fromMs, zone).slice(0, 19)} to {formatTime(g.toMs, zone).slice(0, 19)} {zone}</span>
              <p>{g.explanation}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
