import { captureSegments } from './capture-segments.js';

interface Props {
  text: string;
  captures: readonly { name: string; start: number; end: number }[];
  /** The class of a capture's colour, by name. */
  classOf: (name: string) => string;
}

/** A sample line with its captures marked in colour. Log text is only ever a text node. */
export function CapturedLine({ text, captures, classOf }: Props) {
  return (
    <code className="captured-line">
      {captureSegments(text, captures).map((s, i) =>
        s.capture === null ? <span key={i}>{s.text}</span> : <mark key={i} className={classOf(s.capture)} data-capture={s.capture} title={s.capture}>{s.text}</mark>,
      )}
    </code>
  );
}
