/** What the preload exposes (main/hosts/electron/preload.cts); absent in a plain browser. */
declare global {
  interface Window {
    mfw?: { version: string };
  }
}

/**
 * The desktop shell of this release: the engine is reached through the `mfw` command line;
 * the Import, Events and Findings screens come with the app release.
 */
export function App() {
  return (
    <main>
      <h1>MAAS Forensic Workbench {window.mfw ? <small>{window.mfw.version}</small> : null}</h1>
      <p>This release analyses evidence from the command line:</p>
      <ul>
        <li><code>mfw analyze INPUT… --tz ZONE</code>: import logs and summarise them</li>
        <li><code>mfw query INPUT… "SQL"</code>: query the events</li>
        <li><code>mfw formats --detect FILE</code>: name a file's log format</li>
      </ul>
    </main>
  );
}
