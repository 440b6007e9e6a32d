import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WsCallSchema, type ApiReply, type WsServerFrame } from '../../../shared/api.js';
import { MfwError } from '../../engine/errors.js';
import { dispatch } from '../../engine/session/dispatch.js';
import type { Session } from '../../engine/session/session.js';
import { checkAccess, newToken, TOKEN_COOKIE } from './access.js';
import { sendStatic } from './static-files.js';
import { storeUpload } from './upload.js';

/** The same policy as the Electron window's (security.ts), plus the loopback WebSocket. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

export interface ServeOptions {
  session: Session;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: ApiReply): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function frameText(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(new Uint8Array(raw)).toString('utf8');
}

function sendFrame(socket: WebSocket, frame: WsServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** `mfw serve`: the renderer and the API over HTTP and a WebSocket, on 127.0.0.1 only. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const { session } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let port = options.port;

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const upload = await storeUpload(req, url.searchParams.get('name') ?? 'upload');
    try {
      sendJson(res, 200, { ok: true, result: session.startImport({ paths: [upload.path] }, { cleanup: () => upload.remove(), hiddenPrefix: `${dirname(upload.path)}${sep}` }) });
    } catch (err) {
      await upload.remove();
      throw err;
    }
  };

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const access = checkAccess(req, port, token);
    if (!access.ok) {
      res.writeHead(access.status, { 'Content-Type': 'text/plain' }).end(`refused: ${access.reason}\n`);
      req.resume();
      return;
    }
    if (access.tokenFromQuery) res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const work = req.method === 'POST' && url.pathname === '/api/upload'
      ? handleUpload(req, res, url)
      : req.method === 'GET' ? sendStatic(res, options.rendererDir, url.pathname) : Promise.resolve(void res.writeHead(405).end());
    work.catch((err: unknown) => {
      const message = err instanceof MfwError ? err.describe() : err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendJson(res, 400, { ok: false, error: { code: err instanceof MfwError ? err.code : 'internal', message } });
      else res.destroy();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const access = checkAccess(req, port, token);
    const path = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    // A browser always sends Origin on a WebSocket: one without it is not our page.
    if (!access.ok || req.headers.origin === undefined || path !== '/api/ws') {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachSocket(ws));
  });

  const attachSocket = (ws: WebSocket): void => {
    const unsubscribe = session.subscribe((event, data) => sendFrame(ws, { event, data }));
    ws.on('close', unsubscribe);
    ws.on('message', (raw) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(frameText(raw));
      } catch {
        return ws.close(1003, 'not JSON');
      }
      const call = WsCallSchema.safeParse(parsed);
      if (!call.success) return ws.close(1003, 'not a call');
      void dispatch(session, call.data.method, call.data.params).then((reply) => sendFrame(ws, { id: call.data.id, reply }));
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
