import { describe, expect, it, vi } from 'vitest';
import { openSessionChosen, saveSessionChosen, type SessionDialogs } from '../../../../main/hosts/electron/session-menu.js';

function dialogs(path: string | null): SessionDialogs {
  return { chooseSessionToOpen: vi.fn(async () => path), chooseSessionToSave: vi.fn(async () => path) };
}

describe('File > Open session… and Save session as…', () => {
  it('save and open the file the user chose', async () => {
    const session = { saveSession: vi.fn(async () => ({ path: '/cases/42.mfw', bytes: 10 })), openSession: vi.fn(async () => ({ bundle: {} as never, ui: null })) };
    await expect(saveSessionChosen(session, dialogs('/cases/42.mfw'))).resolves.toEqual({ path: '/cases/42.mfw', bytes: 10 });
    expect(session.saveSession).toHaveBeenCalledWith({ path: '/cases/42.mfw' });
    await expect(openSessionChosen(session, dialogs('/cases/41.mfw'))).resolves.toBe('/cases/41.mfw');
    expect(session.openSession).toHaveBeenCalledWith({ path: '/cases/41.mfw' });
  });

  it('do nothing when the user cancels the dialog', async () => {
    const session = { saveSession: vi.fn(), openSession: vi.fn() };
    await expect(saveSessionChosen(session, dialogs(null))).resolves.toBeNull();
    await expect(openSessionChosen(session, dialogs(null))).resolves.toBeNull();
    expect(session.saveSession).not.toHaveBeenCalled();
    expect(session.openSession).not.toHaveBeenCalled();
  });
});
