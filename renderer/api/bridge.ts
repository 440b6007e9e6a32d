import type { ApiReply } from '../../shared/api.js';

/** What the Electron preload exposes as `window.mfw` (main/hosts/electron/preload.cts). */
export interface MfwBridge {
  readonly version: string;
  call(method: string, params: unknown): Promise<ApiReply>;
  /** Subscribes to engine events; returns the unsubscribe. */
  on(listener: (event: string, data: unknown) => void): () => void;
  /** The path on disk of a dropped file (Electron's webUtils). */
  pathForFile(file: File): string;
  /** Shows the native open dialog and starts importing what the user picks; null if cancelled. */
  openDialog(kind: 'bundle' | 'folder'): Promise<{ jobId: string } | null>;
}

declare global {
  interface Window {
    readonly mfw?: MfwBridge;
  }
}

export function electronBridge(): MfwBridge | undefined {
  return typeof window.mfw?.call === 'function' ? window.mfw : undefined;
}
