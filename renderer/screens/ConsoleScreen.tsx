import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import type { ApiClient } from '../../shared/api.js';
import { ConsoleController, HELP_LINE } from '../components/console/console-controller.js';
import { downloadText } from '../components/console/download.js';
import { installTerminalStyles, releaseTerminalStyles } from '../components/console/terminal-styles.js';
import { cssVar } from '../prefs/css-var.js';
import { useTheme } from '../prefs/use-view-prefs.js';

/** xterm's colours from the theme's CSS variables. */
function terminalTheme(): { background: string; foreground: string; cursor: string } {
  const foreground = cssVar('--terminal-fg');
  return { background: cssVar('--terminal-bg'), foreground, cursor: foreground };
}

/** The SQL console: an xterm.js terminal over ConsoleController (docs: README, "The app"). */
export function ConsoleScreen({ client }: { client: ApiClient }) {
  const host = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal | null>(null);
  const theme = useTheme();

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    installTerminalStyles();
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      // The console never sets a title, links or colours from data; the renderer shows only what it writes.
      theme: terminalTheme(),
      // Dim text (the console's notes) stays readable: xterm lightens or darkens any colour below AA.
      minimumContrastRatio: 4.5,
    });
    terminal.current = term;
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();
    const controller = new ConsoleController(client, { write: (text) => term.write(text), get cols() { return term.cols; }, clear: () => term.clear() }, downloadText);
    const input = term.onData((data) => controller.onData(data));
    const resize = new ResizeObserver(() => fit.fit());
    resize.observe(element);
    void controller.start();
    term.focus();
    return () => {
      controller.dispose();
      resize.disconnect();
      input.dispose();
      term.dispose();
      terminal.current = null;
      releaseTerminalStyles();
    };
  }, [client]);

  useEffect(() => {
    if (terminal.current) terminal.current.options.theme = terminalTheme();
  }, [theme]);

  return (
    <section aria-labelledby="console-title" className="screen console">
      <h2 id="console-title">Console</h2>
      <p className="hint">{HELP_LINE} Results come 200 rows at a time; the console cannot change the evidence.</p>
      <div ref={host} className="terminal-host" role="region" aria-label="SQL console" />
    </section>
  );
}
