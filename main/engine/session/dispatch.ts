import { API_METHODS, isApiMethod, type ApiMethod, type ApiReply, type ApiRequest, type ApiResponse } from '../../../shared/api.js';
import { MfwError } from '../errors.js';
import type { Session } from './session.js';

type Handlers = { [M in ApiMethod]: (session: Session, req: ApiRequest<M>) => Promise<ApiResponse<M>> | ApiResponse<M> };

const HANDLERS: Handlers = {
  'session.info': (s) => s.info(),
  'import.paths': (s, req) => s.startImport(req),
  'import.cancel': (s, req) => s.cancel(req),
  'import.narrow': (s, req) => s.narrowImport(req),
  'demo.open': (s) => s.openDemo(),
  'session.save': (s, req) => s.saveSession(req),
  'session.open': (s, req) => s.openSession(req),
  'recovery.discard': (s) => s.discardRecovered(),
  'export.events': (s, req) => s.exportEvents(req),
  'events.page': (s, req) => s.eventsPage(req),
  'events.count': (s, req) => s.eventsCount(req),
  'events.detail': (s, req) => s.eventDetail(req),
  'events.raw': (s, req) => s.eventRaw(req),
  'events.facets': (s) => s.facets(),
  'files.list': (s) => s.files(),
  'findings.list': (s) => s.findings(),
  'findings.evidence': (s, req) => s.findingEvidence(req),
  'timeline.histogram': (s, req) => s.histogram(req),
  'timeline.gaps': (s) => s.gaps(),
  'annotations.get': (s, req) => s.annotations.get(req),
  'annotations.star': (s, req) => s.annotations.star(req),
  'annotations.tag': (s, req) => s.annotations.tag(req),
  'annotations.untag': (s, req) => s.annotations.untag(req),
  'annotations.note': (s, req) => s.annotations.note(req),
  'annotations.tags': (s, req) => s.annotations.tags(req),
  'annotations.undo': (s) => s.annotations.undo(),
  'annotations.status': (s) => s.annotations.status(),
  'case.get': (s) => s.getCase(),
  'case.set': (s, req) => s.setCase(req),
  'report.write': (s, req) => s.writeReport(req),
  'rules.list': (s) => s.ruleEditor.list(),
  'rules.get': (s, req) => s.ruleEditor.get(req),
  'rules.check': (s, req) => s.ruleEditor.check(req),
  'rules.preview': (s, req) => s.ruleEditor.preview(req),
  'rules.save': (s, req) => s.ruleEditor.save(req),
  'rules.revert': (s, req) => s.ruleEditor.revert(req),
  'rules.enable': (s, req) => s.ruleEditor.setEnabled(req),
  'sigma.import': (s, req) => s.ruleEditor.importSigma(req),
  'sigma.export': (s, req) => s.ruleEditor.exportSigma(req),
  'formats.list': (s) => s.formats.list(),
  'formats.test': (s, req) => s.formats.test(req),
  'formats.samples': (s, req) => s.formats.samples(req),
  'formats.save': (s, req) => s.formats.save(req),
  'formats.delete': (s, req) => s.formats.remove(req),
  'formats.reparse': (s, req) => s.formats.reparse(req),
  'formats.export': (s, req) => s.formats.export(req),
  'formats.import': (s, req) => s.formats.import(req),
  'console.run': (s, req) => s.sqlConsole.run(req),
  'console.history': (s, req) => s.sqlConsole.history(req),
  'console.remember': (s, req) => s.sqlConsole.remember(req),
  'queries.list': (s) => s.sqlConsole.listQueries(),
  'queries.save': (s, req) => s.sqlConsole.saveQuery(req),
};

/**
 * Methods that change the investigation, entered in the case log once they succeed, with their
 * request (imports and session saves log themselves, with the evidence's hashes and the path).
 */
const LOGGED: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'session.open', 'export.events',
  'annotations.star', 'annotations.tag', 'annotations.untag', 'annotations.note', 'annotations.undo',
  'rules.save', 'rules.revert', 'rules.enable',
  'formats.save', 'formats.delete', 'formats.reparse', 'formats.import',
  'queries.save', 'case.set', 'report.write',
]);

async function invoke<M extends ApiMethod>(session: Session, method: M, params: unknown): Promise<ApiResponse<M>> {
  const parsed = API_METHODS[method].req.safeParse(params);
  if (!parsed.success) throw new MfwError('usage', `${method}: invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const handler = HANDLERS[method] as (session: Session, req: unknown) => Promise<ApiResponse<M>> | ApiResponse<M>;
  const response = API_METHODS[method].res.parse(await handler(session, parsed.data)) as ApiResponse<M>;
  if (LOGGED.has(method)) await session.logActivity(method, parsed.data);
  return response;
}

/**
 * Every host passes (method, params) exactly as they arrived: the method name is checked, the
 * request validated, the response validated, and errors returned as data.
 */
export async function dispatch(session: Session, method: unknown, params: unknown): Promise<ApiReply> {
  try {
    if (!isApiMethod(method)) throw new MfwError('usage', `unknown method ${JSON.stringify(method)}`);
    return { ok: true, result: await invoke(session, method, params) };
  } catch (err) {
    if (err instanceof MfwError) return { ok: false, error: { code: err.code, message: err.describe() } };
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}
