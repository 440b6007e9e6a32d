import { CAPTURE_TARGETS, DROP_TARGET, EXTRA_TARGET, TS_TARGET, defaultTarget } from './draft-form.js';

interface Props {
  captures: readonly string[];
  mapping: Readonly<Record<string, string>>;
  onChange: (mapping: Record<string, string>) => void;
  classOf: (name: string) => string;
}

function label(target: string): string {
  if (target === TS_TARGET) return 'ts (the time stamp)';
  if (target === EXTRA_TARGET) return 'extra (kept under its name)';
  if (target === DROP_TARGET) return 'not kept';
  return target;
}

/** Capture name → event field, one row per named capture of the regex. */
export function FieldMapping({ captures, mapping, onChange, classOf }: Props) {
  if (captures.length === 0) return <p className="format-note">No named captures yet: write them as (?&lt;name&gt;…).</p>;
  const targets = captures.map((name) => mapping[name] ?? defaultTarget(name)).filter((t) => t !== EXTRA_TARGET && t !== DROP_TARGET);
  const twice = [...new Set(targets.filter((t, i) => targets.indexOf(t) !== i))];
  return (
    <>
      {twice.length ? <p role="alert" className="error">{twice.join(', ')}: the field of more than one capture (a capture name may be used once; use alternatives within one capture instead)</p> : null}
      <table className="facts field-mapping" aria-label="Field mapping">
        <thead>
          <tr>
            <th scope="col">Capture</th>
            <th scope="col">Event field</th>
          </tr>
        </thead>
        <tbody>
          {captures.map((name) => (
            <tr key={name}>
              <td>
                <mark className={classOf(name)}>{name}</mark>
              </td>
              <td>
                <select aria-label={`Field for ${name}`} value={mapping[name] ?? defaultTarget(name)} onChange={(e) => onChange({ ...mapping, [name]: e.target.value })}>
                  {CAPTURE_TARGETS.map((t) => (
                    <option key={t} value={t}>{label(t)}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
