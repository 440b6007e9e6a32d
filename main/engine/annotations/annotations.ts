import type { ApiEvent, ApiRequest, ApiResponse } from '../../../shared/api.js';
import type { AnnotationReply, AnnotationTarget } from '../../../shared/api-annotations.js';
import type { Store } from '../store/store.js';
import { checkTarget, readState, tagsInUse, writeNote, writeStar, writeTag } from './annotation-sql.js';
import { UndoStack } from './undo-stack.js';

export interface AnnotationsOptions {
  store: Store;
  /** Tells every open view (all windows and tabs) what a target looks like now. */
  emit: (data: ApiEvent<'annotations.changed'>) => void;
  /** Stamps created_ts/updated_ts; tests pass their own. */
  nowMs?: () => number;
}

function describe(target: AnnotationTarget): string {
  return target.kind === 'case' ? 'the case' : `${target.kind} ${target.id}`;
}

/**
 * Stars, tags and notes through the API, with undo of the last changes (of this session, in
 * memory: the tables are the record, the undo history is not). A change that changes nothing
 * (starring a starred event) is not recorded.
 */
export class Annotations {
  private readonly history = new UndoStack<AnnotationTarget>();
  private readonly now: () => number;
  /** Changes run one after the other: a change reads, then writes, and undo must see them in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AnnotationsOptions) {
    this.now = options.nowMs ?? Date.now;
  }

  async get(req: ApiRequest<'annotations.get'>): Promise<AnnotationReply> {
    await checkTarget(this.options.store, req.target);
    return { state: await readState(this.options.store, req.target), undo: this.history.next() };
  }

  star(req: ApiRequest<'annotations.star'>): Promise<AnnotationReply> {
    return this.serial(() => this.doStar(req));
  }

  private async doStar(req: ApiRequest<'annotations.star'>): Promise<AnnotationReply> {
    const target: AnnotationTarget = { kind: 'event', id: req.eventId };
    await checkTarget(this.options.store, target);
    if (await writeStar(this.options.store, req.eventId, req.starred, this.now())) {
      this.record(`${req.starred ? 'star on' : 'unstar of'} event ${req.eventId}`, async () => {
        await writeStar(this.options.store, req.eventId, !req.starred, this.now());
        return target;
      });
    }
    return this.changed(target);
  }

  tag(req: ApiRequest<'annotations.tag'>): Promise<AnnotationReply> {
    return this.serial(() => this.doTag(req, true));
  }

  untag(req: ApiRequest<'annotations.untag'>): Promise<AnnotationReply> {
    return this.serial(() => this.doTag(req, false));
  }

  private async doTag(req: ApiRequest<'annotations.tag'>, present: boolean): Promise<AnnotationReply> {
    await checkTarget(this.options.store, req.target);
    if (await writeTag(this.options.store, req.target, req.tag, present)) {
      this.record(`${present ? `tag "${req.tag}" on` : `removal of tag "${req.tag}" from`} ${describe(req.target)}`, async () => {
        await writeTag(this.options.store, req.target, req.tag, !present);
        return req.target;
      });
    }
    return this.changed(req.target);
  }

  note(req: ApiRequest<'annotations.note'>): Promise<AnnotationReply> {
    return this.serial(() => this.doNote(req));
  }

  private async doNote(req: ApiRequest<'annotations.note'>): Promise<AnnotationReply> {
    await checkTarget(this.options.store, req.target);
    const body = req.body.trim() ? req.body : null;
    const before = await writeNote(this.options.store, req.target, body, this.now());
    if (before !== undefined) {
      this.record(`${body === null ? 'removal of the note on' : 'note on'} ${describe(req.target)}`, async () => {
        await writeNote(this.options.store, req.target, before, this.now());
        return req.target;
      });
    }
    return this.changed(req.target);
  }

  async tags(req: ApiRequest<'annotations.tags'>): Promise<ApiResponse<'annotations.tags'>> {
    return { tags: await tagsInUse(this.options.store, req.prefix) };
  }

  undo(): Promise<ApiResponse<'annotations.undo'>> {
    return this.serial(() => this.doUndo());
  }

  private async doUndo(): Promise<ApiResponse<'annotations.undo'>> {
    const done = await this.history.undo();
    if (!done) return { undone: null, state: null, undo: null };
    const reply = await this.changed(done.result);
    return { undone: done.label, state: reply.state, undo: reply.undo };
  }

  status(): ApiResponse<'annotations.status'> {
    return { undo: this.history.next() };
  }

  /** Forgets the undo history: after an import, finding ids have changed under it. */
  forgetHistory(): void {
    this.history.clear();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private record(label: string, revert: () => Promise<AnnotationTarget>): void {
    this.history.push({ label, revert });
  }

  private async changed(target: AnnotationTarget): Promise<AnnotationReply> {
    const reply = { state: await readState(this.options.store, target), undo: this.history.next() };
    this.options.emit(reply);
    return reply;
  }
}
