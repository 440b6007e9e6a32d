import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '../../dist/main/hosts/cli/mfw.js');

/** Resolves with the address `mfw serve` prints on its first line. */
async function printedUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
  let out = '';
  for await (const chunk of child.stdout) {
    out += String(chunk);
    const found = /open (http:\/\/\S+)/.exec(out);
    if (found) return found[1]!;
  }
  throw new Error(`mfw serve printed no address: ${out}`);
}

describe('mfw serve', () => {
  let child: ChildProcessWithoutNullStreams;
  let url: URL;

  let state: string;

  beforeAll(async () => {
    state = mkdtempSync(join(tmpdir(), 'mfw-serve-state-'));
    child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env: { ...process.env, TZ: 'UTC', MFW_STATE_DIR: state } });
    url = new URL(await printedUrl(child));
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(state, { recursive: true, force: true });
  });

  it('prints a loopback address with a random token', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves the app with the token and sets it as a strict cookie', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('set-cookie')).toMatch(/^mfw_token=[^;]+; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses the same request without the token or from another origin', async () => {
    expect((await fetch(`${url.origin}/`)).status).toBe(401);
    expect((await fetch(url, { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('stops cleanly on Ctrl-C', async () => {
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
