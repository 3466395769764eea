import type { AutomationDefinition } from '@tessera/metadata';
import { AUTOMATION_SCHEDULE, nextOccurrenceTimer } from './automation-schedule.timer';

const nightly = (cron: string, timezone?: string, enabled?: boolean): AutomationDefinition => ({
  kind: 'automation',
  key: 'nightly_grade',
  object: 'customer',
  label: { 'zh-CN': '夜间分级', en: 'Nightly grading' },
  ...(enabled === false && { enabled }),
  trigger: { on: 'schedule', cron, ...(timezone && { timezone }) },
  actions: [{ kind: 'setField', values: { grade: { value: 'risk' } } }],
});

describe('nextOccurrenceTimer', () => {
  it('keys the timer by automation and occurrence, read in the schedule\'s time zone', () => {
    const after = new Date('2026-03-01T10:00:00Z');
    const timer = nextOccurrenceTimer(nightly('0 2 * * *'), after)!;
    // 02:00 in Shanghai (the default zone) is 18:00 UTC the day before.
    expect(timer).toMatchObject({ kind: AUTOMATION_SCHEDULE, key: 'schedule:nightly_grade:2026-03-01T18:00:00.000Z', object: 'customer', due: { from: new Date('2026-03-01T18:00:00Z'), after: 'PT0S' } });
    expect(nextOccurrenceTimer(nightly('0 2 * * *', 'UTC'), after)!.key).toBe('schedule:nightly_grade:2026-03-02T02:00:00.000Z');
  });

  it('gives every instance that asks at the same time the same key (one row, one firing)', () => {
    const a = nextOccurrenceTimer(nightly('*/5 * * * * *'), new Date('2026-03-01T10:00:01.200Z'))!;
    const b = nextOccurrenceTimer(nightly('*/5 * * * * *'), new Date('2026-03-01T10:00:03.900Z'))!;
    expect(a.key).toBe(b.key);
    expect(a.key).toBe('schedule:nightly_grade:2026-03-01T10:00:05.000Z');
  });

  it('has nothing to schedule for a disabled automation', () => {
    expect(nextOccurrenceTimer(nightly('0 2 * * *', undefined, false), new Date())).toBeUndefined();
  });
});
