import type { Condition, ObjectDefinition, PipelineDefinition, Stage } from '@tessera/metadata';
import { ExpressionCache } from '../src/expressions/expression.compile';
import { compilePipeline, type CompiledPipeline } from '../src/pipelines/gate.compile';
import { EMPTY_FACTS, type GateFacts } from '../src/pipelines/gate-facts';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** An opportunity with a stage select, money, a date, tags and categorized files; not a shipped pack. */
export const opportunity: ObjectDefinition = {
  kind: 'object',
  key: 'opportunity',
  label: l('商机', 'Opportunity'),
  fields: [
    { key: 'title', type: 'text', label: l('标题', 'Title') },
    { key: 'amount', type: 'currency', label: l('金额', 'Amount') },
    { key: 'close_date', type: 'date', label: l('预计成交日', 'Close date') },
    { key: 'plan_confirmed', type: 'boolean', label: l('方案已确认', 'Plan confirmed') },
    { key: 'region', type: 'select', label: l('区域', 'Region'), options: [{ value: 'east', label: l('华东', 'East') }, { value: 'west', label: l('华西', 'West') }] },
    { key: 'tags', type: 'multiselect', label: l('标签', 'Tags'), options: [{ value: 'key', label: l('重点', 'Key') }, { value: 'export', label: l('出口', 'Export') }] },
    { key: 'phone', type: 'phone', label: l('电话', 'Phone') },
    {
      key: 'files',
      type: 'attachment',
      label: l('附件', 'Files'),
      categories: [{ key: 'survey', label: l('需求调研表', 'Requirement survey') }, { key: 'tech_ok', label: l('技术确认', 'Technical confirmation') }],
    },
    { key: 'stage', type: 'select', label: l('阶段', 'Stage'), options: ['qualify', 'confirm', 'quote', 'negotiate', 'won', 'lost'].map((v) => ({ value: v, label: l(v, v) })) },
  ],
};

export const visit: ObjectDefinition = {
  kind: 'object',
  key: 'visit',
  label: l('拜访', 'Visit'),
  fields: [{ key: 'opportunity', type: 'relation', label: l('商机', 'Opportunity'), target: 'opportunity' }],
};

const stage = (key: string, extra: Partial<Stage> = {}): Stage => ({ key, label: l(`阶段 ${key}`, `Stage ${key}`), probability: 10, forecastCategory: 'pipeline', ...extra });

/** Four open stages then won and lost; conditions are added per test. */
export function salesPipeline(patch: Partial<Record<string, Partial<Stage>>> = {}): PipelineDefinition {
  return {
    kind: 'pipeline',
    key: 'sales',
    object: 'opportunity',
    stageField: 'stage',
    label: l('销售流程', 'Sales'),
    stages: [
      stage('qualify', { checklist: [{ key: 'survey_done', label: l('上传需求调研表', 'Upload the requirement survey') }], ...patch.qualify }),
      stage('confirm', { probability: 30, checklist: [{ key: 'tech_meeting', label: l('召开技术会议', 'Hold the technical meeting') }], ...patch.confirm }),
      stage('quote', { probability: 60, forecastCategory: 'bestCase', ...patch.quote }),
      stage('negotiate', { probability: 80, forecastCategory: 'commit', ...patch.negotiate }),
      stage('won', { type: 'won', probability: 100, forecastCategory: 'closed', reasons: [{ value: 'price', label: l('价格', 'Price') }], ...patch.won }),
      stage('lost', { type: 'lost', probability: 0, forecastCategory: 'omitted', reasons: [{ value: 'competitor', label: l('竞品', 'Competitor') }], ...patch.lost }),
    ],
  };
}

export function compile(pipeline: PipelineDefinition = salesPipeline(), expressions = new ExpressionCache()): CompiledPipeline {
  return compilePipeline(pipeline, {
    object: opportunity,
    expressions,
    labels: { object: (k) => (k === 'visit' ? visit : undefined), flow: (k) => (k === 'discount' ? l('折扣审批', 'Discount approval') : undefined) },
  });
}

/** A pipeline whose `qualify` stage exits through exactly these conditions. */
export const withExit = (...exit: Condition[]) => compile(salesPipeline({ qualify: { exit } }));

export const facts = (patch: Partial<GateFacts> = {}): GateFacts => ({ ...EMPTY_FACTS, ...patch });
