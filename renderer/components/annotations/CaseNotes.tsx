import type { ApiClient } from '../../../shared/api.js';
import { AnnotationEditor } from './AnnotationEditor.js';

/** The case's own note (Markdown), reachable from every screen. */
export function CaseNotes({ client }: { client: ApiClient }) {
  return (
    <details className="case-notes">
      <summary>Case notes</summary>
      <AnnotationEditor client={client} target={{ kind: 'case' }} label="the case" />
    </details>
  );
}
