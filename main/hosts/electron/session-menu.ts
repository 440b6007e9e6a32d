import type { ApiResponse } from '../../../shared/api.js';
import type { Session } from '../../engine/session/session.js';

/** The native file choosers of File > Open session… and Save session as… (null: the user cancelled). */
export interface SessionDialogs {
  chooseSessionToOpen: () => Promise<string | null>;
  chooseSessionToSave: () => Promise<string | null>;
}

/** File > Save session as…: saves to the chosen `.mfw` file; null when cancelled. */
export async function saveSessionChosen(session: Pick<Session, 'saveSession'>, dialogs: SessionDialogs): Promise<ApiResponse<'session.save'> | null> {
  const path = await dialogs.chooseSessionToSave();
  return path ? session.saveSession({ path }) : null;
}

/** File > Open session…: replaces what is loaded with the chosen session (the window hears `session.opened`); its path, or null. */
export async function openSessionChosen(session: Pick<Session, 'openSession'>, dialogs: SessionDialogs): Promise<string | null> {
  const path = await dialogs.chooseSessionToOpen();
  if (!path) return null;
  await session.openSession({ path });
  return path;
}
