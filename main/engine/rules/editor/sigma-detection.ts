/**
 * An mfw `where` as Sigma detection selections and a condition, limited to what Sigma says the
 * same way and mfw's Sigma importer reads back (docs/rules.md, "Export to Sigma").
 */

type Where = Record<string, unknown>;

/** mfw fields → the Sigma names mfw's importer maps back to them, per log source. */
const WEB_FIELDS: Record<string, string> = {
  src_ip: 'c-ip', method: 'cs-method', path: 'cs-uri-stem', query: 'cs-uri-query', request: 'cs-uri', status: 'sc-status',
  user_agent: 'c-useragent', referrer: 'cs-referer', user: 'cs-username', host: 'cs-host',
};
const LINUX_FIELDS: Record<string, string> = {
  src_ip: 'src_ip', src_port: 'SourcePort', dst_ip: 'dst_ip', dst_port: 'dst_port', user: 'user', program: 'program', message: 'message', host: 'host',
};

/** Why a condition cannot be written in Sigma. */
export class NotExpressible extends Error {}

/** Sigma's wildcards and its escape, taken literally. */
function escapeValue(v: unknown): unknown {
  return typeof v === 'string' ? v.replace(/[\\*?]/g, (c) => `\\${c}`) : v;
}

const escaped = (v: unknown): unknown => (Array.isArray(v) ? v.map(escapeValue) : escapeValue(v));

interface Entry {
  key: string;
  value: unknown;
  negated: boolean;
}

/** One operator of one field as a Sigma `field|modifier: value` entry. */
function operatorEntry(sigmaField: string, field: string, op: string, arg: unknown): Entry {
  switch (op) {
    case 'equals': case 'in': return { key: sigmaField, value: escaped(arg), negated: false };
    case 'not_in': return { key: sigmaField, value: escaped(arg), negated: true };
    case 'contains': case 'startswith': case 'endswith': return { key: `${sigmaField}|${op}`, value: escaped(arg), negated: false };
    case 'cidr': case 'not_cidr': return { key: `${sigmaField}|cidr`, value: arg, negated: op === 'not_cidr' };
    case 'regex': case 'not_regex': {
      const pattern = String(arg);
      const caseless = pattern.startsWith('(?i)');
      return { key: `${sigmaField}|re${caseless ? '|i' : ''}`, value: caseless ? pattern.slice(4) : pattern, negated: op === 'not_regex' };
    }
    case 'exists': return { key: sigmaField, value: null, negated: arg === true };
    default: throw new NotExpressible(`${field}: the operator "${op}" has no Sigma modifier mfw reads back (min, max and the value lists do not)`);
  }
}

export class DetectionBuilder {
  readonly selections: Record<string, Record<string, unknown>> = {};
  private count = 0;

  constructor(private readonly fields: 'web' | 'linux') {}

  private add(prefix: string, entries: readonly Entry[]): string {
    const name = `${prefix}_${++this.count}`;
    this.selections[name] = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    return name;
  }

  /** The Sigma name of an mfw field for this log source (correlations group by them too). */
  sigmaField(field: string): string {
    const name = (this.fields === 'web' ? WEB_FIELDS : LINUX_FIELDS)[field];
    if (!name) throw new NotExpressible(`the field "${field}" has no Sigma name for ${this.fields === 'web' ? 'web server' : 'Linux'} logs that mfw reads back`);
    return name;
  }

  private fieldEntries(field: string, cond: unknown): Entry[] {
    const sigma = this.sigmaField(field);
    if (cond !== null && typeof cond === 'object' && !Array.isArray(cond)) {
      return Object.entries(cond).map(([op, arg]) => operatorEntry(sigma, field, op, arg));
    }
    return [operatorEntry(sigma, field, Array.isArray(cond) ? 'in' : 'equals', cond)];
  }

  /** The condition expression of a `where` map (its entries joined by `and`). */
  condition(where: Where): string {
    const parts: string[] = [];
    let positive: Entry[] = [];
    const flush = (): void => {
      if (positive.length) parts.push(this.add('selection', positive));
      positive = [];
    };
    for (const [key, value] of Object.entries(where)) {
      if (key === 'any' || key === 'all') {
        const subs = (value as Where[]).map((w) => this.condition(w));
        parts.push(subs.length === 1 ? subs[0]! : `(${subs.join(key === 'any' ? ' or ' : ' and ')})`);
      } else if (key === 'not') {
        parts.push(`not (${this.condition(value as Where)})`);
      } else {
        for (const entry of this.fieldEntries(key, value)) {
          if (entry.negated) parts.push(`not ${this.add('filter', [entry])}`);
          else {
            // One selection holds a key once: a second condition on the same key starts another.
            if (positive.some((p) => p.key === entry.key)) flush();
            positive.push(entry);
          }
        }
      }
    }
    flush();
    if (parts.length === 0) throw new NotExpressible('the rule has no condition besides its log source: a Sigma rule needs a selection');
    return parts.length === 1 ? parts[0]! : parts.join(' and ');
  }
}
