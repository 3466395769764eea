import type { PipelineDefinition } from '@tessera/metadata';
import { analyticsPipeline, type AnalyticsPipeline } from '../src/analytics/analytics-pipeline';
import type { FilterNode } from '../src/records/list-query.parse';

const l = (s: string) => ({ 'zh-CN': s, en: s });

/** Four open stages (two with a timeout and a checklist), a won and a lost stage; not a shipped pack. */
export const analyticsPipelineDefinition: PipelineDefinition = {
  kind: 'pipeline',
  key: 'deals',
  object: 'deal',
  stageField: 'stage',
  label: l('Deals'),
  amountField: 'amount',
  closeDateField: 'close_date',
  stages: [
    { key: 'lead', label: l('Lead'), probability: 10, forecastCategory: 'pipeline', timeout: { after: 'P2D' }, checklist: [{ key: 'call', label: l('Call') }] },
    { key: 'qualify', label: l('Qualify'), probability: 30, forecastCategory: 'pipeline' },
    { key: 'quote', label: l('Quote'), probability: 60, forecastCategory: 'bestCase', timeout: { after: 'P7D' }, checklist: [{ key: 'quote_sent', label: l('Quote sent') }] },
    { key: 'commit', label: l('Commit'), probability: 90, forecastCategory: 'commit' },
    { key: 'won', label: l('Won'), type: 'won', probability: 100, forecastCategory: 'closed' },
    { key: 'lost', label: l('Lost'), type: 'lost', probability: 0, forecastCategory: 'omitted' },
  ],
};

export const pipeline: AnalyticsPipeline = analyticsPipeline(analyticsPipelineDefinition);

/** A record as the in-memory evaluator sees it: fields plus the stage-history facts the derived fields expose. */
export type TestRecord = Record<string, unknown> & { id: string };

const derived: Record<string, string> = { 'stage.from': 'from', 'stage.entered_at': 'enteredAt', 'stage.left': 'left' };

/**
 * The record-list filter semantics, written again for tests over records in memory (as
 * the SQL does them: NULL is distinct from every value; isEmpty is null, '' or []).
 */
export function matches(node: FilterNode, r: TestRecord): boolean {
  if ('and' in node) return node.and.every((n) => matches(n, r));
  if ('or' in node) return node.or.some((n) => matches(n, r));
  const v = r[derived[node.field] ?? node.field];
  const empty = v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const cmp = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' && !Number.isNaN(Date.parse(a)) && !Number.isNaN(Date.parse(b)) && /T/.test(a + b) ? Date.parse(a) - Date.parse(b) : (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  switch (node.op) {
    case 'isEmpty':
      return node.value ? empty : !empty;
    case 'eq':
      return !empty && cmp(v, node.value) === 0;
    case 'ne':
      return empty || cmp(v, node.value) !== 0;
    case 'in':
      return Array.isArray(v) ? v.some((x) => (node.value as unknown[]).includes(x)) : !empty && (node.value as unknown[]).includes(v);
    case 'nin':
      return empty || !(node.value as unknown[]).includes(v);
    case 'contains':
      return Array.isArray(v) ? v.includes(node.value) : typeof v === 'string' && v.toLowerCase().includes(String(node.value).toLowerCase());
    case 'lt':
      return !empty && cmp(v, node.value) < 0;
    case 'lte':
      return !empty && cmp(v, node.value) <= 0;
    case 'gt':
      return !empty && cmp(v, node.value) > 0;
    case 'gte':
      return !empty && cmp(v, node.value) >= 0;
    default:
      throw new Error(`the test evaluator has no ${node.op}`);
  }
}

export const countMatching = (records: readonly TestRecord[], filter: FilterNode) => records.filter((r) => matches(filter, r)).length;
