import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { DefinitionError } from '../errors.js';

/** A parsed YAML definition that can say on which line any of its paths sits. */
export interface YamlFile {
  file: string;
  data: unknown;
  /** The document's own text: the whole file when it holds one document. */
  text: string;
  /** 1-based line of the value (or, for a path ending in a missing key, of its parent) at `path`. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML text, one YamlFile per document (`---` separates them, as Sigma correlations do);
 * a syntax error is a DefinitionError at its line. Empty documents are skipped.
 */
export function parseYamlDocuments(text: string, file: string): YamlFile[] {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const out: YamlFile[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const line = lineCounter.linePos(error.pos[0]).line;
      throw new DefinitionError(`not valid YAML: ${error.message.split('\n')[0]!}`, file, line);
    }
    if (doc.contents === null) continue;
    out.push({
      file,
      text: docs.length === 1 ? text : text.slice(doc.range[0], doc.range[2]),
      data: doc.toJS({ maxAliasCount: 100 }) as unknown,
      lineOf: (path) => {
        const offset = offsetOf(doc, path);
        return offset === undefined ? undefined : lineCounter.linePos(offset).line;
      },
    });
  }
  return out;
}

/** Start offset of the deepest node along `path`; a map key's own position when the path ends at a key. */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return offset;
      offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | undefined;
      if (!node) return offset;
      offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
