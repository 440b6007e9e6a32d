import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { RulePreview } from '../../../shared/api-rules.js';

/** Quiet time after the last keystroke before the rule runs again. */
export const PREVIEW_DEBOUNCE_MS = 350;

export interface PreviewState {
  preview: RulePreview | null;
  /** The preview shown is of an older text; a newer one is on its way. */
  pending: boolean;
  error: string | null;
}

/**
 * Runs the rule being edited on the loaded events (`rules.preview`) once typing pauses; an
 * answer to an older text than the latest asked for is dropped.
 */
export function useRulePreview(client: ApiClient, yaml: string | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: null, pending: false, error: null });
  useEffect(() => {
    if (yaml === null) return;
    let current = true;
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      client.call('rules.preview', { yaml }).then(
        (preview) => current && setState({ preview, pending: false, error: null }),
        (err: unknown) => current && setState({ preview: null, pending: false, error: err instanceof Error ? err.message : String(err) }),
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, yaml]);
  return state;
}
