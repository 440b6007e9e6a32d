import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { AnnotationState } from '../../../shared/api-annotations.js';

/** An event's marks as the Events table shows them. */
export interface EventMarks {
  starred: boolean;
  tags: string[];
  noted: boolean;
}

/**
 * Events annotated since the view opened, as they are now (from `annotations.changed`, pushed
 * after every change and undo, from any window): rows loaded before show these over their own.
 */
export function useEventMarkUpdates(client: ApiClient): ReadonlyMap<number, EventMarks> {
  const [marks, setMarks] = useState<ReadonlyMap<number, EventMarks>>(new Map());
  useEffect(() => client.on('annotations.changed', ({ state }) => {
    if (state.target.kind !== 'event') return;
    const id = state.target.id;
    setMarks((m) => new Map(m).set(id, { starred: state.starred, tags: state.tags, noted: state.note !== null }));
  }), [client]);
  return marks;
}

/** What Undo would revert next, kept current by `annotations.changed`. */
export function useUndoLabel(client: ApiClient): string | null {
  const [label, setLabel] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = (): void => void client.call('annotations.status', {}).then((s) => live && setLabel(s.undo), () => undefined);
    refresh();
    const off = client.on('annotations.changed', (c) => setLabel(c.undo));
    // An import ends the undo history (finding ids change): ask again.
    const offImport = client.on('import.finished', refresh);
    return () => {
      live = false;
      off();
      offImport();
    };
  }, [client]);
  return label;
}

/** One target's annotations, fetched, then kept current by `annotations.changed`. */
export function useAnnotationState(client: ApiClient, key: string, load: () => Promise<AnnotationState>, matches: (s: AnnotationState) => boolean): [AnnotationState | null, string | null] {
  const [state, setState] = useState<AnnotationState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setState(null);
    setError(null);
    load().then((s) => live && setState(s), (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    const off = client.on('annotations.changed', (c) => {
      if (live && matches(c.state)) setState(c.state);
    });
    return () => {
      live = false;
      off();
    };
    // `key` names the target; load and matches are new functions on every render but change only with it.
  }, [client, key]);
  return [state, error];
}
