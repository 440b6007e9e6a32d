import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ApiEvent, type ApiReply, type ApiResponse, type MenuCommand } from '../../../shared/api.js';
import { dispatch } from '../../engine/session/dispatch.js';
import type { Session } from '../../engine/session/session.js';

/** The preload's channel for the native open dialog (preload.cts repeats it: it cannot import). */
export const DIALOG_CHANNEL = 'mfw:dialog';

export type DialogKind = 'bundle' | 'folder';

export interface IpcDeps {
  session: Session;
  /** Whether a call comes from the app's own page in its own window. */
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
  /** Shows the native open dialog; the chosen paths, or none if cancelled. */
  choosePaths: (kind: DialogKind) => Promise<string[]>;
  /** Remembers what was opened, for File > Recent. */
  remember: (paths: readonly string[]) => void;
}

/**
 * A call is trusted when it comes from the main frame of the app's window showing the app's
 * page: not from another window, an iframe, or a page it was navigated to.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: WebContents | undefined, pageUrl: string): boolean {
  if (!window || event.sender !== window) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== window.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}${url.pathname}` === pageUrl;
  } catch {
    return false;
  }
}

const REFUSED: ApiReply = { ok: false, error: { code: 'usage', message: 'refused: the call did not come from the app window' } };

/** Imports what the user picks in the open dialog; null when the dialog is cancelled. */
export async function importChosen(deps: IpcDeps, kind: DialogKind): Promise<ApiResponse<'import.paths'> | null> {
  const paths = await deps.choosePaths(kind);
  if (paths.length === 0) return null;
  const job = deps.session.startImport({ paths });
  deps.remember(paths);
  return job;
}

/** The two channels the preload uses; every payload is checked by dispatch or here. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, params: unknown): Promise<ApiReply> => {
    if (!deps.isTrusted(event)) return REFUSED;
    return dispatch(deps.session, method, params);
  });
  ipcMain.handle(DIALOG_CHANNEL, async (event, kind: unknown): Promise<ApiResponse<'import.paths'> | null> => {
    if (!deps.isTrusted(event)) throw new Error(REFUSED.ok ? '' : REFUSED.error.message);
    if (kind !== 'bundle' && kind !== 'folder') throw new Error(`unknown dialog ${JSON.stringify(kind)}`);
    return importChosen(deps, kind);
  });
}

/** Sends the session's events to the window; returns the unsubscribe. */
export function forwardEvents(session: Session, contents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  return session.subscribe((event, data) => {
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, data);
  });
}

/** Sends a native menu's command to the page, on the event channel as `menu.command`. */
export function sendMenuCommand(contents: Pick<WebContents, 'send' | 'isDestroyed'> | undefined, command: MenuCommand): void {
  const data: ApiEvent<'menu.command'> = { command };
  if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, 'menu.command', data);
}
