/** A Sigma `condition` as a tree. */
export type ConditionNode =
  | { op: 'ref'; name: string }
  | { op: 'not'; arg: ConditionNode }
  | { op: 'and' | 'or'; args: ConditionNode[] }
  | { op: 'of'; quantifier: 'one' | 'all'; pattern: string };

export class SigmaConditionError extends Error {}

function tokenize(text: string): string[] {
  if (text.includes('|')) throw new SigmaConditionError('aggregations after "|" (count() by …) are Sigma 1 syntax: write a correlation rule instead');
  return text.match(/\(|\)|[^\s()]+/g) ?? [];
}

/**
 * Parses `sel1 and not (filter1 or filter2)`, `1 of selection_*`, `all of them`.
 * Precedence as in Sigma: not > and > or.
 */
export function parseSigmaCondition(text: string): ConditionNode {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const next = (): string => {
    const t = tokens[at++];
    if (t === undefined) throw new SigmaConditionError(`condition "${text}" ends too early`);
    return t;
  };
  const orExpr = (): ConditionNode => {
    const args = [andExpr()];
    while (peek()?.toLowerCase() === 'or') {
      next();
      args.push(andExpr());
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  };
  const andExpr = (): ConditionNode => {
    const args = [notExpr()];
    while (peek()?.toLowerCase() === 'and') {
      next();
      args.push(notExpr());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  };
  const notExpr = (): ConditionNode => {
    if (peek()?.toLowerCase() === 'not') {
      next();
      return { op: 'not', arg: notExpr() };
    }
    return atom();
  };
  const atom = (): ConditionNode => {
    const t = next();
    if (t === '(') {
      const inner = orExpr();
      if (next() !== ')') throw new SigmaConditionError(`condition "${text}": missing ")"`);
      return inner;
    }
    const lower = t.toLowerCase();
    if ((lower === '1' || lower === 'all') && peek()?.toLowerCase() === 'of') {
      next();
      return { op: 'of', quantifier: lower === '1' ? 'one' : 'all', pattern: next() };
    }
    if (['and', 'or', 'not', ')', 'of'].includes(lower)) throw new SigmaConditionError(`condition "${text}": unexpected "${t}"`);
    if (/^\d+$/.test(t)) throw new SigmaConditionError(`condition "${text}": only "1 of" and "all of" are Sigma quantifiers`);
    return { op: 'ref', name: t };
  };
  const tree = orExpr();
  if (at < tokens.length) throw new SigmaConditionError(`condition "${text}": unexpected "${tokens[at]!}"`);
  return tree;
}
