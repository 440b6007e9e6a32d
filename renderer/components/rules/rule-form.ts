import { isMap, isScalar, parseDocument, stringify, type Node, type YAMLMap } from 'yaml';

/** The common fields of a rule, as the form view shows them; null: not set (or not for this kind). */
export interface RuleFormFields {
  kind: string | null;
  severity: string | null;
  /** `group_by` (match, threshold), `by` (sequence) or `key` (sql). */
  key: string[] | null;
  /** `window` (threshold, sequence) or `merge_within` (match). */
  window: string | null;
  /** `min` (threshold) or `min_first` (sequence). */
  min: number | null;
}

/** Which YAML key holds each form field for a kind (null: the kind has none). */
export function formKeys(kind: string | null): { key: string; window: string | null; min: string | null } {
  switch (kind) {
    case 'sequence': return { key: 'by', window: 'window', min: 'min_first' };
    case 'sql': return { key: 'key', window: null, min: null };
    case 'match': return { key: 'group_by', window: 'merge_within', min: null };
    default: return { key: 'group_by', window: 'window', min: 'min' };
  }
}

/** The form's fields read from the YAML; null when the text is not a YAML map the form can show. */
export function readForm(text: string): RuleFormFields | null {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return null;
  const data = doc.toJS() as Record<string, unknown>;
  const kind = typeof data.kind === 'string' ? data.kind : null;
  const keys = formKeys(kind);
  const key = data[keys.key];
  const window = keys.window ? data[keys.window] : undefined;
  const min = keys.min ? data[keys.min] : undefined;
  return {
    kind,
    severity: typeof data.severity === 'string' ? data.severity : null,
    key: Array.isArray(key) ? key.map(String) : null,
    window: typeof window === 'string' ? window : null,
    min: typeof min === 'number' ? min : null,
  };
}

/** A value as YAML text on one line: lists in flow style (`[src_ip, user]`), as the shipped rules write keys. */
function valueText(value: string | number | string[]): string {
  return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trimEnd();
}

/** Sets (or with null removes) one top-level key by editing only its own text. */
function setKey(text: string, key: string, value: string | number | string[] | null): string {
  const doc = parseDocument(text);
  const map = doc.contents as YAMLMap;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  const valueRange = (pair?.value as Node | null | undefined)?.range;
  const keyRange = (pair?.key as Node | undefined)?.range;
  if (value === null) {
    if (!pair || !keyRange) return text;
    const from = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
    const lineEnd = text.indexOf('\n', valueRange ? valueRange[1] : keyRange[1]);
    return text.slice(0, from) + (lineEnd < 0 ? '' : text.slice(lineEnd + 1));
  }
  if (pair && valueRange) return text.slice(0, valueRange[0]) + valueText(value) + text.slice(valueRange[1]);
  if (pair && keyRange) {
    // `key:` with no value: the value goes after the colon.
    const colon = text.indexOf(':', keyRange[1]);
    return `${text.slice(0, colon + 1)} ${valueText(value)}${text.slice(colon + 1)}`;
  }
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${key}: ${valueText(value)}\n`;
}

/**
 * The YAML with some form fields changed, and nothing else: each key's own text is replaced
 * (a missing key is added at the end, an emptied one removed), so comments, order and folded
 * descriptions stay as written. A text the form cannot read comes back as it was.
 */
export function applyForm(text: string, patch: Partial<RuleFormFields>): string {
  const current = readForm(text);
  if (!current) return text;
  const keys = formKeys(patch.kind !== undefined ? patch.kind : current.kind);
  const edits: [string | null, string | number | string[] | null][] = [];
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    // Another kind names the same fields differently (group_by → by, min → min_first): carry the values over.
    const was = formKeys(current.kind);
    for (const field of ['key', 'window', 'min'] as const) {
      if (was[field] !== null && was[field] !== keys[field]) edits.push([was[field], null]);
      if (patch[field] === undefined && current[field] !== null) edits.push([keys[field], current[field]]);
    }
  }
  if (patch.kind !== undefined) edits.push(['kind', patch.kind || null]);
  if (patch.severity !== undefined) edits.push(['severity', patch.severity || null]);
  if (patch.key !== undefined) edits.push([keys.key, patch.key && patch.key.length ? patch.key : null]);
  if (patch.window !== undefined) edits.push([keys.window, patch.window || null]);
  if (patch.min !== undefined) edits.push([keys.min, patch.min]);
  let out = text;
  for (const [key, value] of edits) if (key !== null) out = setKey(out, key, value);
  return out;
}
