import type { DashboardDefinition, Widget } from '@tessera/metadata';
import { toCsv } from './csv.format';
import { healthFigures } from './health.figures';
import { kpiValue } from './kpi.value';
import { widgetQuery, type WidgetQueryContext } from './widget-query.map';
import { widgetTable } from './widget-table';
import { pipeline } from '../../test/analytics.fixture';

const l = (s: string) => ({ 'zh-CN': s, en: s });
const now = new Date('2026-03-18T10:00:00Z');
const dashboard = (widgets: Widget[], extra: Partial<DashboardDefinition> = {}): DashboardDefinition => ({ kind: 'dashboard', key: 'd', label: l('D'), widgets, ...extra });
const ctx: WidgetQueryContext = {
  pipelineObject: (k) => (k === 'deals' ? 'deal' : undefined),
  hasField: (o, f) => o === 'deal' ? ['owner_id', 'org_unit_id', 'region', 'stage', 'amount'].includes(f) : ['owner_id', 'status'].includes(f),
  now,
};

describe('widgetQuery', () => {
  it.each<[string, Widget, object]>([
    ['a funnel', { type: 'funnel', key: 'f', title: l('F'), pipeline: 'deals' }, { query: 'funnel', object: 'deal', params: { tz: 'Asia/Shanghai', period: 'thisQuarter' } }],
    ['a trend keeps its own periods', { type: 'conversionTrend', key: 't', title: l('T'), pipeline: 'deals', interval: 'week', periods: 8, from: 'qualify' }, { query: 'trend', params: { tz: 'Asia/Shanghai', interval: 'week', periods: '8', fromStage: 'qualify' } }],
    ['a forecast split by owner', { type: 'weightedForecast', key: 'w', title: l('W'), pipeline: 'deals', interval: 'quarter', groupBy: 'owner_id' }, { query: 'forecast', params: { tz: 'Asia/Shanghai', interval: 'quarter', periods: '4', groupBy: 'owner_id' } }],
    ['a loss-rate heatmap', { type: 'heatmap', key: 'h', title: l('H'), object: 'deal', rows: 'stage', columns: 'region', measure: 'lossRate' }, { query: 'heatmap', params: { dimension: 'region' } }],
    ['a sum heatmap', { type: 'heatmap', key: 'h', title: l('H'), object: 'deal', rows: 'region', columns: 'owner_id', measure: 'sum', field: 'amount' }, { query: 'aggregate', params: { measure: 'sum', field: 'amount', rows: 'region', columns: 'owner_id' } }],
    ['an overdue list', { type: 'overdueList', key: 'o', title: l('O'), pipeline: 'deals', columns: ['amount', 'owner_id'], limit: 5 }, { query: 'overdue', params: { fields: 'amount,owner_id', limit: '5' } }],
    ['a health report', { type: 'health', key: 'x', title: l('X'), pipeline: 'deals', followUp: { object: 'visit', via: 'deal' } }, { query: 'health', params: { tz: 'Asia/Shanghai', interval: 'week', followUp: 'visit.deal' } }],
    ['a KPI of this month', { type: 'kpi', key: 'k', title: l('K'), object: 'deal', measure: 'sum', field: 'amount', period: 'month' }, { query: 'aggregate', figure: 'sum', params: { measure: 'sum', field: 'amount', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' } }],
    ['a forecast KPI', { type: 'kpi', key: 'k', title: l('K'), object: 'deal', figure: 'optimistic', period: 'quarter' }, { query: 'forecast', figure: 'optimistic', params: { interval: 'quarter', periods: '1' } }],
  ])('maps %s', (_what, widget, expected) => {
    const q = widgetQuery(dashboard([widget], { timeZone: 'Asia/Shanghai', period: 'thisQuarter' }), widget, {}, ctx)!;
    expect(q).toMatchObject(expected);
    if (q.query === 'trend' || q.query === 'forecast' || q.query === 'health') expect(q.params.period).toBeUndefined();
  });

  it('passes the filter bar on to widgets whose object has the field, with the widget where first', () => {
    const w: Widget = { type: 'kpi', key: 'k', title: l('K'), object: 'task', where: [{ kind: 'compare', field: 'status', op: 'eq', value: 'open' }, { kind: 'compare', field: 'status', op: 'notEmpty' }] };
    const q = widgetQuery(dashboard([w]), w, { owner: 'u1', 'f.region': 'east', from: '2026-03-01', filter: '{"field":"owner_id","op":"isEmpty","value":false}' }, ctx)!;
    expect(q.params).toEqual({
      tz: 'UTC',
      owner: 'u1',
      from: '2026-03-01',
      measure: 'count',
      filter: JSON.stringify({ and: [{ field: 'status', op: 'eq', value: 'open' }, { field: 'status', op: 'isEmpty', value: false }, { field: 'owner_id', op: 'isEmpty', value: false }] }),
    });
    expect(widgetQuery(dashboard([w]), { ...w, object: 'deal', where: [] }, { 'f.region': 'east' }, ctx)!.params['f.region']).toBe('east');
  });

  it('hands a filter that is not JSON on as it is, for the query to report', () => {
    const w: Widget = { type: 'funnel', key: 'f', title: l('F'), pipeline: 'deals', where: [{ kind: 'compare', field: 'region', op: 'eq', value: 'east' }] };
    expect(widgetQuery(dashboard([w]), w, { filter: '{oops' }, ctx)!.params.filter).toBe('{oops');
  });

  it('knows no query for a widget on a pipeline that does not exist', () => {
    const w: Widget = { type: 'funnel', key: 'f', title: l('F'), pipeline: 'nope' };
    expect(widgetQuery(dashboard([w]), w, {}, ctx)).toBeUndefined();
  });
});

describe('kpiValue, widget tables and CSV', () => {
  const health = healthFigures(
    pipeline,
    {
      period: { from: new Date('2026-03-09T00:00:00Z'), to: new Date('2026-03-16T00:00:00Z') },
      baseline: { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-09T00:00:00Z') },
      followUpBy: 'stage',
      followUp: { leads: 4, followedUp: 3, avgSeconds: 7200, medianSeconds: 3600 },
      leadsFilter: { field: 'created_at', op: 'gte', value: '2026-03-09T00:00:00.000Z' },
      actions: [{ stage: 'lead', due: 4, onTime: 3 }, { stage: 'quote', due: 0, onTime: 0 }],
      approvals: [{ flow: 'discount', step: 'manager', responses: 2, avgSeconds: 1800, medianSeconds: 1800 }],
      labels: { flow: () => l('Discount'), step: () => l('Manager') },
      cycle: { currentWon: 2, currentAvgSeconds: 63 * 86400, baselineWon: 3, baselineAvgSeconds: 87 * 86400 },
    },
    undefined,
  );

  it('computes the health report: shares, per stage, shortening', () => {
    expect(health.actionsOnTime).toMatchObject({ due: 4, onTime: 3, share: 0.75, stages: [{ stage: 'lead', share: 0.75 }, { stage: 'quote', due: 0, share: null }] });
    expect(health.salesCycle.shortening).toBeCloseTo((87 - 63) / 87, 10);
    expect(health.salesCycle.current.filter).toEqual({ and: [{ field: 'stage', op: 'eq', value: 'won' }, { field: 'stage.entered_at', op: 'gte', value: '2026-03-09T00:00:00.000Z' }, { field: 'stage.entered_at', op: 'lt', value: '2026-03-16T00:00:00.000Z' }] });
  });

  it.each([
    ['firstFollowUpHours', 2],
    ['actionsOnTimeShare', 0.75],
    ['salesCycleDays', 63],
    ['salesCycleShortening', (87 - 63) / 87],
  ] as const)('takes %s out of a health result', (figure, value) => expect(kpiValue(figure, health).value).toBeCloseTo(value, 10));

  it('refuses a figure the result does not have', () => expect(() => kpiValue('weighted', health)).toThrow(RangeError));

  it('writes CSV with a BOM, CRLF, quoting and no formulas', () => {
    const csv = toCsv({ columns: ['name', 'amount', 'note'], rows: [['华东, "A"', '-12.50', '=HYPERLINK("x")'], [null, 3, 'line\nbreak']] });
    expect(csv).toBe('\uFEFFname,amount,note\r\n"华东, ""A""",-12.50,"\'=HYPERLINK(""x"")"\r\n,3,"line\nbreak"\r\n');
  });

  it('tabulates a health report with one line per metric and approval step', () => {
    const t = widgetTable(health, 'en');
    expect(t.rows.map((r) => r[0])).toEqual(['first_follow_up_hours', 'actions_on_time_share', 'approval_response_hours', 'sales_cycle_days', 'sales_cycle_shortening']);
    expect(t.rows[2]).toEqual(['approval_response_hours', 'discount.manager', 2, 0.5, null]);
    expect(t.rows[3]).toEqual(['sales_cycle_days', null, 2, 63, 87]);
  });
});
