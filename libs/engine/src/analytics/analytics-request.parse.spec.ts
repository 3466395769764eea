import { parseAnalyticsRequest } from './analytics-request.parse';

const now = new Date('2026-03-18T10:00:00Z'); // a Wednesday

describe('parseAnalyticsRequest', () => {
  it('builds the base filter in parts, each with the parameter it came from', () => {
    const { request } = parseAnalyticsRequest('funnel', {
      filter: '{"field":"amount","op":"gte","value":100}',
      owner: '0190a0b0-0000-7000-8000-000000000001,0190a0b0-0000-7000-8000-000000000002',
      'f.region': 'east',
      f: { product_line: 'ball,gate' },
      unit: '0190A0B0-0000-7000-8000-00000000000A',
    }, now);
    expect(request!.filters).toEqual([
      { path: '/filter', filter: { field: 'amount', op: 'gte', value: 100 } },
      { path: '/owner', filter: { field: 'owner_id', op: 'in', value: ['0190a0b0-0000-7000-8000-000000000001', '0190a0b0-0000-7000-8000-000000000002'] } },
      { path: '/f.region', filter: { field: 'region', op: 'eq', value: 'east' } },
      { path: '/f.product_line', filter: { field: 'product_line', op: 'in', value: ['ball', 'gate'] } },
    ]);
    expect(request!.unit).toBe('0190a0b0-0000-7000-8000-00000000000a');
    expect(request!.period).toBeUndefined();
    expect(request!.dateField).toBe('created_at');
  });

  it.each([
    ['a period preset', { period: 'thisMonth', tz: 'Asia/Shanghai' }, '2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z'],
    ['days at local midnight', { from: '2026-03-01', to: '2026-03-08', tz: 'Asia/Shanghai' }, '2026-02-28T16:00:00.000Z', '2026-03-07T16:00:00.000Z'],
    ['instants as given', { from: '2026-03-01T12:00:00+08:00' }, '2026-03-01T04:00:00.000Z', undefined],
  ])('reads %s', (_what, raw, from, to) => {
    const { request } = parseAnalyticsRequest('dwell', raw, now);
    expect(request!.period?.from?.toISOString()).toBe(from);
    expect(request!.period?.to?.toISOString()).toBe(to);
  });

  it('ends trend periods with the current one and starts forecast periods with it', () => {
    expect(parseAnalyticsRequest('trend', { interval: 'week', periods: '3' }, now).request!.buckets.map((b) => b.key)).toEqual(['2026-W10', '2026-W11', '2026-W12']);
    expect(parseAnalyticsRequest('forecast', {}, now).request!.buckets.map((b) => b.key)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(parseAnalyticsRequest('trend', { from: '2026-01-01', to: '2026-03-01' }, now).request!.buckets.map((b) => b.key)).toEqual(['2026-01', '2026-02']);
  });

  it('reports the last complete week against the one before for health by default', () => {
    const r = parseAnalyticsRequest('health', {}, now).request!;
    expect([r.period!.from!.toISOString(), r.period!.to!.toISOString(), r.baseline!.from.toISOString(), r.baseline!.to.toISOString()]).toEqual([
      '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z',
    ]);
    const custom = parseAnalyticsRequest('health', { from: '2026-02-01', to: '2026-03-01', followUp: 'activity.opportunity' }, now).request!;
    expect(custom.baseline!.from.toISOString()).toBe('2026-01-04T00:00:00.000Z');
    expect(custom.followUp).toEqual({ object: 'activity', via: 'opportunity' });
  });

  it.each([
    ['an unknown parameter', 'funnel', { dimension: 'owner_id' }, '/dimension', 'param.unknown'],
    ['a bad time zone', 'funnel', { tz: 'Moon/Base' }, '/tz', 'param.invalid'],
    ['a date that does not exist', 'funnel', { from: '2026-02-30' }, '/from', 'param.invalid'],
    ['to before from', 'funnel', { from: '2026-03-02', to: '2026-03-01' }, '/to', 'param.invalid'],
    ['a period and from/to', 'funnel', { period: 'thisWeek', from: '2026-03-01' }, '/period', 'param.invalid'],
    ['an unknown preset', 'funnel', { period: 'fortnight' }, '/period', 'param.invalid'],
    ['a filter that is not JSON', 'funnel', { filter: '{oops' }, '/filter', 'param.invalid'],
    ['an owner that is not an id', 'funnel', { owner: 'bob' }, '/owner', 'param.invalid'],
    ['a heatmap without a dimension', 'heatmap', {}, '/dimension', 'param.invalid'],
    ['a dimension that is not a key', 'heatmap', { dimension: 'Robert); drop' }, '/dimension', 'param.invalid'],
    ['an interval that is not one', 'trend', { interval: 'fortnight' }, '/interval', 'param.invalid'],
    ['a trend with only one end', 'trend', { from: '2026-01-01' }, '/to', 'param.invalid'],
    ['too many periods', 'forecast', { periods: '500' }, '/periods', 'param.invalid'],
    ['a sum without its field', 'aggregate', { measure: 'sum' }, '/field', 'param.invalid'],
    ['a follow-up that is not object.field', 'health', { followUp: 'activity' }, '/followUp', 'param.invalid'],
    ['a limit over 200', 'overdue', { limit: '1000' }, '/limit', 'param.invalid'],
  ] as const)('refuses %s with a pointer to the parameter', (_what, query, raw, path, code) => {
    const { errors } = parseAnalyticsRequest(query, raw as Record<string, unknown>, now);
    expect(errors).toContainEqual(expect.objectContaining({ path, code }));
  });
});
