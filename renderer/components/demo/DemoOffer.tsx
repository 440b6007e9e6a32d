import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';

interface Props {
  client: ApiClient;
  /** The demo's import started: its progress comes as any import's. */
  onStarted: (jobId: string) => void;
  onError: (err: unknown) => void;
}

/**
 * "Open the demo case", offered while nothing is loaded: two MAAS controllers' sos-reports with a
 * planted incident, written by the engine into a temp folder and imported (docs/walkthrough.md).
 */
export function DemoOffer({ client, onStarted, onError }: Props) {
  /** null until the engine says whether something is loaded. */
  const [loaded, setLoaded] = useState<boolean | null>(null);
  /** Writing the bundle takes a moment before the import starts: one click is enough. */
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let live = true;
    client.call('session.info', {}).then((info) => live && setLoaded(info.bundle !== null || info.importing), () => live && setLoaded(true));
    const offOpened = client.on('session.opened', () => setLoaded(true));
    const offFinished = client.on('import.finished', (r) => r.bundle && setLoaded(true));
    return () => {
      live = false;
      offOpened();
      offFinished();
    };
  }, [client]);

  if (loaded !== false) return null;
  const open = (): void => {
    setStarting(true);
    client.call('demo.open', {}).then(({ jobId }) => onStarted(jobId), (err: unknown) => {
      setStarting(false);
      onError(err);
    });
  };
  return (
    <section aria-labelledby="demo-title" className="demo-offer">
      <h3 id="demo-title">New to the workbench?</h3>
      <p>The demo case is an incident on two MAAS controllers, a region and a rack: port scans, an SSH brute force that got in, MAAS logins guessed, SQL injection, a Trojan calling IRC, and what the intruder changed in MAAS.</p>
      <button type="button" disabled={starting} onClick={open}>Open the demo case</button>
    </section>
  );
}
