import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../shared/api.js';
import type { FormatSummary, FormatTestResult } from '../../shared/api-formats.js';
import { SOURCES, type Source } from '../../shared/types/event.js';
import { captureClass } from '../components/formats/capture-segments.js';
import { COMMON_LAYOUTS, EMPTY_FORM, captureNames, fromDefinition, toDraft, type FormState } from '../components/formats/draft-form.js';
import { FieldMapping } from '../components/formats/FieldMapping.js';
import { FormatFiles } from '../components/formats/FormatFiles.js';
import { useKeptState } from '../components/formats/kept-state.js';
import { ReparsePanel } from '../components/formats/ReparsePanel.js';
import { SampleSource } from '../components/formats/SampleSource.js';
import { TestResults } from '../components/formats/TestResults.js';
import { useDebounced } from '../components/formats/use-debounced.js';

/** Pause after the last keystroke before the live test runs. */
const DEBOUNCE_MS = 250;
/** A format id, as the definition schema wants it (it is also a file name). */
const ID = /^[a-z0-9][a-z0-9.-]*$/;
const MAX_LINES = 2000;

interface Props {
  client: ApiClient;
  /** A file whose unparsed lines were sent here (Import screen), numbered by `key`, or null. */
  sent: { fileId: number; key: number } | null;
  /** The bundle's zone: the default for stamps without one. */
  defaultZone: string;
  onShowEvents: (formatId: string) => void;
  onEventsChanged: () => void;
}

/**
 * The format editor: a regex with named captures, a stamp layout and a field mapping, tested
 * live on sample lines (a loaded file's unparsed lines, or pasted) like fail2ban-regex; saved as
 * a user format, re-parsing the unparsed lines; format files exported and imported.
 */
export function FormatsScreen({ client, sent, defaultZone, onShowEvents, onEventsChanged }: Props) {
  const [form, setForm] = useKeptState<FormState>('formats.form', EMPTY_FORM);
  const [samples, setSamples] = useKeptState('formats.samples', '');
  const [samplesFrom, setSamplesFrom] = useKeptState<string | null>('formats.samplesFrom', null);
  const [fileId, setFileId] = useKeptState<number | null>('formats.fileId', sent?.fileId ?? null);
  /** The last send already loaded: coming back to the screen must not load it over the user's lines again. */
  const [loadedSend, setLoadedSend] = useKeptState('formats.loadedSend', 0);
  const [tz, setTz] = useKeptState('formats.tz', defaultZone);
  const [year, setYear] = useKeptState('formats.year', '');
  const [formats, setFormats] = useState<FormatSummary[]>([]);
  const [result, setResult] = useState<FormatTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const [callError, setCallError] = useState<string | null>(null);
  const [saved, setSaved] = useKeptState<FormatSummary | null>('formats.saved', null);
  const [saveError, setSaveError] = useState<string | null>(null);

  const refreshList = useCallback(() => {
    client.call('formats.list', {}).then((r) => setFormats(r.formats), (err: unknown) => setCallError(String(err)));
  }, [client]);
  useEffect(refreshList, [refreshList]);

  // Unparsed lines sent from the Import screen are loaded at once.
  useEffect(() => {
    if (sent === null || sent.key === loadedSend) return;
    setLoadedSend(sent.key);
    setFileId(sent.fileId);
    client.call('formats.samples', { fileId: sent.fileId, unparsedOnly: true, limit: 500 }).then((r) => {
      setSamples(r.lines.map((l) => l.text).join('\n'));
      setSamplesFrom(`${r.lines.length} unparsed lines of ${r.path}`);
    }, () => undefined);
  }, [client, sent, loadedSend, setLoadedSend, setFileId, setSamples, setSamplesFrom]);

  const update = (patch: Partial<FormState>): void => setForm((f) => ({ ...f, ...patch }));
  const yearValue = /^\d{4}$/.test(year) ? Number(year) : undefined;
  const lines = useMemo(() => (samples === '' ? [] : samples.split('\n').slice(0, MAX_LINES)), [samples]);
  const draft = useMemo(() => toDraft(form), [form]);
  const idOk = ID.test(draft.id);
  // The test does not need the id: a draft whose id is still being typed is tested all the same.
  const tested = useMemo(() => (idOk ? draft : { ...draft, id: 'draft' }), [draft, idOk]);
  const request = useDebounced(useMemo(() => ({ definition: tested, lines, tz: tz.trim() || 'UTC', year: yearValue }), [tested, lines, tz, yearValue]), DEBOUNCE_MS);

  useEffect(() => {
    let current = true;
    setTesting(true);
    const { year: y, ...rest } = request;
    client.call('formats.test', { ...rest, ...(y !== undefined ? { year: y } : {}) }).then((r) => {
      if (!current) return;
      setResult(r);
      setCallError(null);
    }, (err: unknown) => {
      if (current) setCallError(err instanceof Error ? err.message : String(err));
    }).finally(() => {
      if (current) setTesting(false);
    });
    return () => {
      current = false;
    };
  }, [client, request]);

  const captures = useMemo(() => captureNames(form.regex), [form.regex]);
  const classOf = useCallback((name: string): string => {
    const index = captures.indexOf(name);
    return index >= 0 ? captureClass(index) : 'capture';
  }, [captures]);
  // The result names captures after their mapping (ts → timestamp, …): colour them as the regex's.
  const resultClassOf = useCallback((name: string): string => {
    const draftNames = captureNames(typeof draft.patterns[0] === 'string' ? draft.patterns[0] : (draft.patterns[0]?.regex ?? ''));
    const index = draftNames.indexOf(name);
    return index >= 0 ? captureClass(index) : 'capture';
  }, [draft]);
  const layouts = useMemo(() => [...new Set([...COMMON_LAYOUTS, ...formats.flatMap((f) => f.definition.timestamp?.layouts ?? [])])], [formats]);

  const save = (): void => {
    setSaveError(null);
    client.call('formats.save', { definition: draft, sampleLines: lines, tz: tz.trim() || 'UTC', ...(yearValue !== undefined ? { year: yearValue } : {}) }).then((s) => {
      setSaved(s);
      refreshList();
    }, (err: unknown) => setSaveError(err instanceof Error ? err.message : String(err)));
  };

  const open = (id: string): void => {
    const chosen = formats.find((f) => f.id === id);
    if (!chosen) return;
    setForm(fromDefinition(chosen.definition, chosen.origin === 'builtin'));
    setSaved(chosen.origin === 'user' ? chosen : null);
  };

  const error = result?.error ?? null;
  return (
    <section aria-labelledby="formats-title" className="screen formats">
      <h2 id="formats-title">Formats</h2>
      <div className="formats-layout">
        <div className="format-form">
          <label>
            Start from
            <select value="" onChange={(e) => open(e.target.value)}>
              <option value="">(choose a format)</option>
              <optgroup label="Your formats">
                {formats.filter((f) => f.origin === 'user').map((f) => <option key={f.id} value={f.id}>{f.id}: {f.title}</option>)}
              </optgroup>
              <optgroup label="Shipped formats (as a copy)">
                {formats.filter((f) => f.origin === 'builtin' && f.kind === 'line' && !f.definition.decoder).map((f) => <option key={f.id} value={f.id}>{f.id}: {f.title}</option>)}
              </optgroup>
            </select>
          </label>
          <div className="format-row">
            <label>
              Id
              <input value={form.id} onChange={(e) => update({ id: e.target.value })} spellCheck={false} aria-invalid={!idOk} aria-describedby="format-id-error" />
              <span id="format-id-error" className="error">{idOk ? '' : 'lower-case letters, digits, . and -, starting with a letter or digit'}</span>
            </label>
            <label>
              Title
              <input value={form.title} onChange={(e) => update({ title: e.target.value })} />
            </label>
            <label>
              Family
              <select value={form.source} onChange={(e) => update({ source: e.target.value as Source })}>
                {SOURCES.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </label>
          </div>
          <label className="regex">
            Regex (named captures; RE2 syntax: no lookaround or backreferences)
            <textarea value={form.regex} rows={3} spellCheck={false} aria-invalid={error?.path.startsWith('patterns') ?? false} aria-describedby="format-error" onChange={(e) => update({ regex: e.target.value })} />
          </label>
          <p id="format-error" role="alert" className="error">{error ? `${error.path}: ${error.message}` : (callError ?? '')}</p>
          <div className="format-row">
            <label>
              Time stamp layout
              <input list="format-layouts" value={form.layout} spellCheck={false} onChange={(e) => update({ layout: e.target.value })} />
              <datalist id="format-layouts">{layouts.map((l) => <option key={l} value={l} />)}</datalist>
            </label>
            <label>
              Zone of stamps without one
              <input value={tz} spellCheck={false} onChange={(e) => setTz(e.target.value)} />
            </label>
            <label>
              Year of stamps without one
              <input value={year} inputMode="numeric" placeholder="from the events" onChange={(e) => setYear(e.target.value)} />
            </label>
          </div>
          <FieldMapping captures={captures} mapping={form.mapping} onChange={(mapping) => update({ mapping })} classOf={classOf} />
          <details>
            <summary>Ignore and continuation lines</summary>
            <label>
              Ignore lines matching
              <input value={form.ignore} spellCheck={false} onChange={(e) => update({ ignore: e.target.value })} />
            </label>
            <label>
              Continuation lines (joined to the record above) matching
              <input value={form.continuation} spellCheck={false} onChange={(e) => update({ continuation: e.target.value })} />
            </label>
          </details>
          <div className="toolbar">
            <button type="button" disabled={!idOk} onClick={save}>Save format</button>
            {saved ? <span role="status">Saved {saved.id}: later imports detect it.</span> : null}
          </div>
          {saveError !== null ? <p role="alert" className="error">{saveError}</p> : null}
          <FormatFiles client={client} formatId={saved?.id ?? null} onImported={(f) => {
            refreshList();
            setForm(fromDefinition(f.definition, false));
            setSaved(f);
          }} />
          {saved ? <ReparsePanel client={client} formatId={saved.id} fileId={fileId} tz={tz.trim() || 'UTC'} year={yearValue} onShowEvents={onShowEvents} onChanged={onEventsChanged} /> : null}
          <details>
            <summary>Definition (as saved, samples added from the matched lines)</summary>
            <pre className="raw">{JSON.stringify(draft, null, 2)}</pre>
          </details>
        </div>
        <div className="format-samples">
          <SampleSource client={client} fileId={fileId} onFileChange={setFileId} onLoaded={(l, from) => {
            setSamples(l.join('\n'));
            setSamplesFrom(from);
          }} />
          <label className="samples">
            Sample lines {samplesFrom ? `(${samplesFrom})` : '(paste lines, or load them from a file)'}
            <textarea value={samples} rows={8} spellCheck={false} wrap="off" onChange={(e) => {
              setSamples(e.target.value);
              setSamplesFrom(null);
            }} />
          </label>
          {result ? <TestResults result={result} classOf={resultClassOf} stale={testing} /> : null}
        </div>
      </div>
    </section>
  );
}
