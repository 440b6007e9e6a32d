import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'mfw_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return undefined;
}

export type AccessVerdict = { ok: true; tokenFromQuery: boolean } | { ok: false; status: 403 | 401 | 421; reason: string };

/**
 * Whether a request may reach the app: its Host is this loopback server (no DNS rebinding),
 * its Origin, when it has one, is this server, and it carries the token (query, cookie or header).
 */
export function checkAccess(req: IncomingMessage, port: number, token: string): AccessVerdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return { ok: false, status: 421, reason: 'wrong Host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) return { ok: false, status: 403, reason: 'foreign Origin' };
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const fromQuery = url.searchParams.get('token');
  const header = req.headers['x-mfw-token'];
  const given = fromQuery ?? (typeof header === 'string' ? header : undefined) ?? cookieToken(req);
  if (given === undefined || !sameSecret(given, token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true, tokenFromQuery: fromQuery !== null };
}
