import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ApiReply } from '../../../../shared/api.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';
import { Session } from '../../../../main/engine/session/session.js';
import { openStore } from '../../../../main/engine/store/store.js';
import { DIALOG_CHANNEL, forwardEvents, isTrustedSender, registerIpcHandlers, type IpcDeps } from '../../../../main/hosts/electron/ipc.js';

const PAGE = 'file:///opt/mfw/dist/renderer/index.html';
type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** A window's web contents, as far as the sender check looks at it. */
function fakeContents(url = PAGE) {
  return { mainFrame: { url } } as unknown as WebContents;
}

function eventFrom(sender: WebContents, frame: unknown = sender.mainFrame): IpcMainInvokeEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('the IPC sender check', () => {
  const window = fakeContents();

  it('trusts the main frame of the app window showing the app page', () => {
    expect(isTrustedSender(eventFrom(window), window, PAGE)).toBe(true);
  });

  it('refuses another window, an iframe, another page and a call before the window exists', () => {
    const other = fakeContents();
    expect(isTrustedSender(eventFrom(other), window, PAGE)).toBe(false);
    expect(isTrustedSender(eventFrom(window, { url: PAGE }), window, PAGE)).toBe(false);
    const navigated = fakeContents('file:///etc/passwd');
    expect(isTrustedSender(eventFrom(navigated), navigated, PAGE)).toBe(false);
    expect(isTrustedSender(eventFrom(window), undefined, PAGE)).toBe(false);
    expect(isTrustedSender(eventFrom(window, null), window, PAGE)).toBe(false);
  });
});

describe('the IPC handlers', () => {
  let session: Session;
  const handlers = new Map<string, Handler>();
  const window = fakeContents();
  const deps: IpcDeps = {
    session: undefined as unknown as Session,
    isTrusted: (event) => isTrustedSender(event, window, PAGE),
    choosePaths: vi.fn(async (_kind: 'bundle' | 'folder') => [] as string[]),
    remember: vi.fn(),
  };

  beforeAll(async () => {
    session = new Session({ store: await openStore({ inThread: true }), registry: loadRegistry(), version: 'test' });
    deps.session = session;
    registerIpcHandlers({ handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) }, deps);
  });
  afterAll(() => session.close());

  const call = (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> => handlers.get(IPC_CALL_CHANNEL)!(event, ...args);

  it('listens on the call and dialog channels only', () => {
    expect([...handlers.keys()].sort()).toEqual([DIALOG_CHANNEL, IPC_CALL_CHANNEL].sort());
  });

  it('answers a valid call from the app window', async () => {
    await expect(call(eventFrom(window), 'events.count', { filter: {} })).resolves.toEqual({ ok: true, result: { count: 0 } });
  });

  it('carries every method of the contract through the one call channel: the timeline and annotations need no channel of their own', async () => {
    await expect(call(eventFrom(window), 'timeline.histogram', { filter: {}, maxBins: 100, by: 'source' })).resolves.toMatchObject({ ok: true, result: { binCount: 0, total: 0 } });
    await expect(call(eventFrom(window), 'annotations.status', {})).resolves.toEqual({ ok: true, result: { undo: null } });
    await expect(call(eventFrom(window), 'annotations.note', { target: { kind: 'case' }, body: 'x'.repeat(100_001) })).resolves.toMatchObject({ ok: false, error: { code: 'usage' } });
  });

  it('forwards annotation changes to the window, as every engine event', async () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    const off = forwardEvents(session, contents);
    await call(eventFrom(window), 'annotations.note', { target: { kind: 'case' }, body: 'first notes' });
    off();
    expect(contents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'annotations.changed', { state: { target: { kind: 'case' }, starred: false, tags: [], note: 'first notes' }, undo: 'note on the case' });
  });

  it('refuses a call from another sender without running it', async () => {
    const start = vi.spyOn(session, 'startImport');
    const reply = (await call(eventFrom(fakeContents()), 'import.paths', { paths: ['/etc'] })) as ApiReply;
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringMatching(/refused/) as unknown } });
    expect(start).not.toHaveBeenCalled();
  });

  it('rejects an unknown method and a payload that does not match the schema, as data', async () => {
    await expect(call(eventFrom(window), 'fs.readFile', {})).resolves.toMatchObject({ ok: false, error: { code: 'usage' } });
    const bad = (await call(eventFrom(window), 'events.page', { filter: { where: 42 }, after: null, order: 'asc', limit: 5000 })) as ApiReply;
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error.message).toMatch(/invalid request: .*filter\.where.*limit/);
  });

  it('imports what the open dialog returns and remembers it; a cancelled dialog imports nothing', async () => {
    const start = vi.spyOn(session, 'startImport').mockReturnValue({ jobId: 'job-1' });
    const dialog = (event: IpcMainInvokeEvent, kind: unknown): Promise<unknown> => handlers.get(DIALOG_CHANNEL)!(event, kind);
    await expect(dialog(eventFrom(window), 'bundle')).resolves.toBeNull();
    expect(start).not.toHaveBeenCalled();
    vi.mocked(deps.choosePaths).mockResolvedValueOnce(['/evidence/sosreport.tar.xz']);
    await expect(dialog(eventFrom(window), 'bundle')).resolves.toEqual({ jobId: 'job-1' });
    expect(start).toHaveBeenCalledExactlyOnceWith({ paths: ['/evidence/sosreport.tar.xz'] });
    expect(deps.remember).toHaveBeenCalledWith(['/evidence/sosreport.tar.xz']);
    await expect(dialog(eventFrom(window), 'anything')).rejects.toThrow(/unknown dialog/);
    await expect(dialog(eventFrom(fakeContents()), 'folder')).rejects.toThrow(/refused/);
    start.mockRestore();
  });

  it('forwards engine events to the window on the event channel', async () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    const off = forwardEvents(session, contents);
    const job = session.startImport({ paths: ['/nonexistent/mfw-ipc-test'] });
    await session.idle();
    off();
    expect(contents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'import.finished', expect.objectContaining({ jobId: job.jobId }));
  });
});
