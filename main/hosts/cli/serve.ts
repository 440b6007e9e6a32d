import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MfwError, UsageError } from '../../engine/errors.js';
import { loadRegistry } from '../../engine/formats/registry.js';
import { packageRoot } from '../../engine/package-root.js';
import { installedRuleSet } from '../../engine/rules/load.js';
import { Session } from '../../engine/session/session.js';
import { openStore } from '../../engine/store/store.js';
import { startServer } from '../server/server.js';
import { EXIT, type Io } from './commands.js';

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${text}: not a port number (0 to 65535; 0 picks a free one)`);
  return port;
}

/** Opens a URL in the desktop's browser; a failure only costs the convenience. */
function openInBrowser(url: string, io: Io): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => io.stderr.write(`mfw: could not start ${command}; open the address above yourself\n`));
  child.unref();
}

/** Where `mfw serve` autosaves: $MFW_STATE_DIR, else $XDG_STATE_HOME/mfw, else ~/.local/state/mfw. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MFW_STATE_DIR) return env.MFW_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'mfw');
}

/** `mfw serve [--port N] [--open]`: the app in a browser, on 127.0.0.1 only, until Ctrl-C. */
export async function serveCommand(flags: { port?: string; open?: boolean }, io: Io): Promise<number> {
  const port = parsePort(flags.port);
  const rendererDir = join(packageRoot(), 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new MfwError('usage', `the app is not built: ${rendererDir} has no index.html`, undefined, undefined, 'run npm run build');
  const session = new Session({
    store: await openStore(), registry: loadRegistry(), version: process.env.npm_package_version ?? '0.1.0', rules: installedRuleSet().rules,
    autosave: { dir: stateDir() },
  });
  await session.startAutosave();
  const server = await startServer({ session, rendererDir, port });
  io.stdout.write(`mfw serve: open ${server.url}\n(loopback only; the token in the address is the key: do not share it. Ctrl-C stops.)\n`);
  if (flags.open) openInBrowser(server.url, io);
  await new Promise<void>((resolve) => {
    if (!io.signal) return; // without a signal (tests), serve until the process ends
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  await session.close();
  return EXIT.ok;
}
