/** What the preload exposes (main/hosts/electron/preload.cts); absent in a plain browser tab. */
declare global {
  interface Window {
    readonly mfw?: { readonly version: string };
  }
}

/** A command of the `mfw` CLI that works in this release, as its help shows it. */
interface CliCommand {
  readonly usage: string;
  readonly does: string;
}

/** The CLI of this release (main/hosts/cli/program.ts): the only way to the engine until the app screens land. */
const CLI_COMMANDS: readonly CliCommand[] = [
  { usage: 'mfw analyze INPUT… [--json FILE|-] [--tz ZONE] [--year YEAR] [--quiet]', does: 'import logs (files and folders) and summarise them' },
  { usage: 'mfw query INPUT… "SQL" [--format table|csv|json]', does: 'import logs, then run one SQL query over the events' },
  { usage: 'mfw formats [--detect FILE]', does: 'list the log formats, or say which one a file is' },
];

/**
 * The desktop shell of this release. The Import, Events and Findings screens come with the app
 * release; until then it says how to reach the engine from a terminal.
 */
export function App() {
  const version = window.mfw?.version;
  return (
    <main>
      <header>
        <h1>MAAS Forensic Workbench</h1>
        {version === undefined ? null : <p>Version {version}</p>}
      </header>
      <section aria-labelledby="cli-title">
        <h2 id="cli-title">Analyse evidence from a terminal</h2>
        <p>This release analyses MAAS and Ubuntu logs with the <code>mfw</code> command:</p>
        <dl>
          {CLI_COMMANDS.map((command) => (
            <div key={command.usage}>
              <dt><code>{command.usage}</code></dt>
              <dd>{command.does}</dd>
            </div>
          ))}
        </dl>
        <p><code>mfw --help</code> and <code>mfw COMMAND --help</code> list every option.</p>
      </section>
    </main>
  );
}
