import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkAccess, newToken } from '../../../../main/hosts/server/access.js';

const PORT = 40123;
const TOKEN = 'k3y-Of-TheServer';

function request(url: string, headers: Record<string, string> = {}): IncomingMessage {
  return { url, headers: { host: `127.0.0.1:${PORT}`, ...headers } } as unknown as IncomingMessage;
}

describe('who may reach mfw serve', () => {
  it('lets in a request with the token in the address, and says so (to set the cookie)', () => {
    expect(checkAccess(request(`/?token=${TOKEN}`), PORT, TOKEN)).toEqual({ ok: true, tokenFromQuery: true });
  });

  it('lets in the token from the cookie or the header', () => {
    expect(checkAccess(request('/assets/app.js', { cookie: `other=1; mfw_token=${TOKEN}` }), PORT, TOKEN)).toEqual({ ok: true, tokenFromQuery: false });
    expect(checkAccess(request('/x', { 'x-mfw-token': TOKEN }), PORT, TOKEN).ok).toBe(true);
  });

  it('refuses a request without the token or with another one', () => {
    expect(checkAccess(request('/'), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess(request('/?token=k3y-Of-TheServeR'), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(checkAccess(request('/?token=k3y'), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses another Origin even with the token', () => {
    expect(checkAccess(request(`/?token=${TOKEN}`, { origin: 'http://evil.example' }), PORT, TOKEN)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess(request(`/?token=${TOKEN}`, { origin: `http://127.0.0.1:${PORT + 1}` }), PORT, TOKEN)).toMatchObject({ ok: false, status: 403 });
    expect(checkAccess(request(`/?token=${TOKEN}`, { origin: `http://127.0.0.1:${PORT}` }), PORT, TOKEN).ok).toBe(true);
  });

  it('refuses a Host that is not this loopback server (DNS rebinding)', () => {
    expect(checkAccess(request(`/?token=${TOKEN}`, { host: `attacker.example:${PORT}` }), PORT, TOKEN)).toMatchObject({ ok: false, status: 421 });
  });

  it('makes long random tokens', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
  });
});
