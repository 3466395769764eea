import type { MoveProblem, UnmetCondition } from '@tessera/engine';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';

export const noPipeline = (object: string) =>
  new UserError({ status: 404, code: 'pipeline-not-found', title: 'No pipeline', detail: `Object "${object}" has no published pipeline` });

export const unknownPipeline = (key: string) =>
  new UserError({ status: 404, code: 'pipeline-not-found', title: 'No pipeline', detail: `No published pipeline "${key}"` });

export const unknownChecklistItem = (pipeline: string, item: string) =>
  new UserError({ status: 404, code: 'checklist-item-not-found', title: 'No such checklist item', detail: `Pipeline "${pipeline}" declares no checklist item "${item}"` });

export const movedMeanwhile = (object: string, id: string) =>
  new UserError({ status: 409, code: 'stage-changed', title: 'The record moved meanwhile', detail: `${object} ${id} changed stage while this move was checked. Reload and try again.` });

/**
 * 422 with everything that stands in the way, at once: problems of the move itself
 * (path into the request body) and every unmet gate condition (path into the pipeline
 * document). `unmet` carries the full conditions for the path bar: both languages,
 * the field, item or category each concerns.
 */
export function blockedMove(actor: Actor, to: string, problems: MoveProblem[], unmet: UnmetCondition[]): UserError {
  return new UserError({
    status: 422,
    code: 'stage-blocked',
    title: 'The stage gate is closed',
    detail: `Moving to ${to} is blocked: ${problems.length + unmet.length} problem(s)`,
    errors: [
      ...problems.map((p) => ({ path: p.path, code: p.code, message: p.message[actor.locale] })),
      ...unmet.map((u) => ({ path: u.path, code: u.error ? u.error.code : `gate.${u.kind}`, message: u.message[actor.locale] })),
    ],
    extensions: { problems, unmet },
  });
}

/** The stage field moves only through the stage endpoint, where the gate applies. */
export const stageFieldReadOnly = (object: string, field: string) =>
  new UserError({
    status: 422,
    code: 'stage-field-read-only',
    title: 'The stage moves through its gate',
    detail: `${field} holds the stage of ${object} records; POST /api/objects/${object}/records/:id/stage moves it through the stage gate`,
    errors: [{ path: `/${field}`, code: 'stage.use-move-endpoint', message: `${field} changes only through POST /api/objects/${object}/records/:id/stage` }],
  });

export const createNotFirst = (field: string, first: string) =>
  new UserError({
    status: 422,
    code: 'stage-not-first',
    title: 'Records start in the first stage',
    errors: [{ path: `/${field}`, code: 'stage.not-first', message: `new records start in ${first}; move them on with POST …/records/:id/stage` }],
  });
