import type { ValueList } from './schema.js';

/** A mistake in a rule, at a path inside its file (the loader turns it into a DefinitionError with a line). */
export class RuleIssue extends Error {
  constructor(readonly path: readonly PropertyKey[], message: string) {
    super(message);
  }
}

/** What conditions may refer to: the named value lists. */
export interface ConditionContext {
  lists: ReadonlyMap<string, ValueList>;
}
