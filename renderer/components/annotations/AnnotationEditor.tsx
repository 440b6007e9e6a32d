import { useId, useState, type SyntheticEvent } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { AnnotationState, AnnotationTarget } from '../../../shared/api-annotations.js';
import { MarkdownView } from './MarkdownView.js';
import { useAnnotationState } from './use-annotation-updates.js';

interface Props {
  client: ApiClient;
  target: AnnotationTarget;
  /** How the target is named to people and screen readers: `event 123`, `the case`. */
  label: string;
}

const targetKey = (t: AnnotationTarget): string => (t.kind === 'case' ? 'case' : `${t.kind}:${t.id}`);
const sameTarget = (a: AnnotationTarget, b: AnnotationTarget): boolean => targetKey(a) === targetKey(b);

/** Star (events), tags with autocomplete (events and findings) and a Markdown note, of one target. */
export function AnnotationEditor({ client, target, label }: Props) {
  const key = targetKey(target);
  const [state, loadError] = useAnnotationState(client, key, () => client.call('annotations.get', { target }).then((r) => r.state), (s) => sameTarget(s.target, target));
  const [tag, setTag] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  const run = (work: Promise<unknown>): void => {
    setError(null);
    work.catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  };
  const suggest = (prefix: string): void => {
    setTag(prefix);
    client.call('annotations.tags', { prefix: prefix.trim() || undefined }).then((r) => setSuggestions(r.tags.map((t) => t.value)), () => undefined);
  };
  const addTag = (e: SyntheticEvent): void => {
    e.preventDefault();
    if (target.kind === 'case' || !tag.trim()) return;
    run(client.call('annotations.tag', { target, tag }).then(() => setTag('')));
  };
  const saveNote = (e: SyntheticEvent): void => {
    e.preventDefault();
    run(client.call('annotations.note', { target, body: draft ?? '' }).then(() => setDraft(null)));
  };

  if (loadError !== null) return <p role="alert" className="error">{loadError}</p>;
  if (!state) return <p className="annotations">Loading annotations…</p>;
  return (
    <section className="annotations" aria-label={`Annotations of ${label}`}>
      {target.kind === 'event' ? (
        <button type="button" className="star" aria-pressed={state.starred} onClick={() => run(client.call('annotations.star', { eventId: target.id, starred: !state.starred }))}>
          {state.starred ? '★ Starred' : '☆ Star'}
        </button>
      ) : null}
      {target.kind !== 'case' ? <Tags state={state} onRemove={(t) => run(client.call('annotations.untag', { target, tag: t }))} /> : null}
      {target.kind !== 'case' ? (
        <form className="add-tag" onSubmit={addTag}>
          <label>Add tag
            <input type="text" list={listId} value={tag} maxLength={64} onFocus={() => suggest(tag)} onChange={(e) => suggest(e.target.value)} />
          </label>
          <datalist id={listId}>{suggestions.map((s) => <option key={s} value={s} />)}</datalist>
          <button type="submit">Add</button>
        </form>
      ) : null}
      {draft === null ? (
        <div className="note">
          {state.note !== null ? <MarkdownView source={state.note} /> : null}
          <button type="button" onClick={() => setDraft(state.note ?? '')}>{state.note === null ? 'Add note' : 'Edit note'}</button>
        </div>
      ) : (
        <form className="note-editor" onSubmit={saveNote}>
          <label>Note (Markdown)
            <textarea value={draft} rows={5} onChange={(e) => setDraft(e.target.value)} />
          </label>
          <button type="submit">Save note</button>
          <button type="button" onClick={() => setDraft(null)}>Cancel</button>
          {draft.trim() ? <details><summary>Preview</summary><MarkdownView source={draft} /></details> : null}
        </form>
      )}
      {error !== null ? <p role="alert" className="error">{error}</p> : null}
    </section>
  );
}

function Tags({ state, onRemove }: { state: AnnotationState; onRemove: (tag: string) => void }) {
  if (!state.tags.length) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {state.tags.map((t) => (
        <li key={t}>
          <span className="tag">{t}</span>
          <button type="button" aria-label={`Remove tag ${t}`} onClick={() => onRemove(t)}>×</button>
        </li>
      ))}
    </ul>
  );
}
