import { UserError } from '../common/errors/user.error';

/** A request parameter the object cannot serve (a field that does not exist, is hidden or has the wrong type). */
export const badParam = (param: string, code: string, message: string) =>
  new UserError({ status: 400, code: 'query-invalid', title: 'The analytics query is invalid', detail: message, errors: [{ path: `/${param}`, code, message }] });

export const noPipeline = (object: string) =>
  new UserError({ status: 422, code: 'no-pipeline', title: 'The object has no pipeline', detail: `${object} has no pipeline: stage analytics need one` });

/** A field the query needs (the stage, the amount) that the caller may not see. */
export const fieldHidden = (object: string, field: string, why: string) =>
  new UserError({ status: 403, code: 'field-hidden', title: 'A field this query needs is hidden from you', detail: `${why} needs ${object}.${field}, which your roles hide`, errors: [{ path: '', code: 'field.hidden', message: `${field} is hidden` }] });

export const unknownQuery = (query: string) =>
  new UserError({ status: 404, code: 'analytics-query-not-found', title: 'No such analytics query', detail: `No analytics query "${query}" (funnel, dwell, trend, forecast, heatmap, health, aggregate, overdue)` });
