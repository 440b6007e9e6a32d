import type { SigmaImport } from '../../../../shared/api-rules.js';
import { DefinitionError } from '../../errors.js';
import { ruleDocToYaml } from '../rule-yaml.js';
import type { ValueList } from '../schema.js';
import { sigmaRuleDocs, type SigmaSource } from '../sigma-rules.js';
import { isSigmaDocument } from '../sigma.js';
import { parseYamlDocuments } from '../yaml-file.js';
import { checkRuleText } from './rule-check.js';

const PASTED = 'sigma.yml';

/**
 * Converts pasted Sigma YAML (one or more documents: a correlation with the rules it names)
 * into mfw rules as YAML; what mfw cannot run is refused with the Sigma importer's reason.
 */
export function importSigmaText(text: string, lists: ReadonlyMap<string, ValueList>): SigmaImport {
  const refused: SigmaImport['refused'] = [];
  let docs;
  try {
    docs = parseYamlDocuments(text, PASTED);
  } catch (err) {
    if (!(err instanceof DefinitionError)) throw err;
    return { rules: [], refused: [{ line: err.line ?? null, id: null, reason: err.message }] };
  }
  const sources: SigmaSource[] = [];
  for (const yaml of docs) {
    if (isSigmaDocument(yaml.data)) sources.push({ yaml });
    else refused.push({ line: yaml.lineOf([]) ?? null, id: null, reason: 'not a Sigma rule: it needs logsource and detection, or correlation' });
  }
  const converted = sigmaRuleDocs(sources);
  for (const r of converted.refused) refused.push({ line: r.line ?? null, id: r.id ?? null, reason: r.reason });
  const rules: SigmaImport['rules'] = [];
  for (const { doc } of converted.docs) {
    const yaml = ruleDocToYaml(doc, `converted from the Sigma rule "${doc.title}"`);
    // The converted rule goes through the same checks as a typed one (fields, regexes).
    const checked = checkRuleText(yaml, lists);
    if (checked.ok) rules.push({ id: doc.id, yaml });
    else refused.push({ line: null, id: doc.id, reason: `converted, but not valid: ${checked.issue.field ? `${checked.issue.field}: ` : ''}${checked.issue.message}` });
  }
  return { rules, refused };
}
