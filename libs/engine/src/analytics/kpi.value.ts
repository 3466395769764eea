import type { KpiFigure } from '@tessera/metadata';
import type { FilterNode } from '../records/list-query.parse';
import type { AggregateResult } from './aggregate.figures';
import type { DwellResult } from './dwell.figures';
import type { ForecastResult } from './forecast.figures';
import type { FunnelResult } from './funnel.figures';
import type { HealthResult } from './health.figures';

/** One KPI number (a decimal string for money) and the records behind it, when it counts records. */
export interface KpiValue {
  figure: KpiFigure | 'count' | 'sum' | 'avg';
  value: number | string | null;
  filter: FilterNode | null;
}

type Source = FunnelResult | DwellResult | ForecastResult | HealthResult | AggregateResult;

const hours = (s: number | null) => (s === null ? null : s / 3600);
const days = (s: number | null) => (s === null ? null : s / 86400);

/** Takes a KPI's figure out of the result of the query that computes it (see KPI_FIGURE_QUERY). */
export function kpiValue(figure: KpiValue['figure'], result: Source): KpiValue {
  const v = (value: number | string | null, filter: FilterNode | null = null): KpiValue => ({ figure, value, filter });
  switch (result.query) {
    case 'funnel': {
      const t = result.totals;
      if (figure === 'openCount') return v(t.open.count, t.open.filter);
      if (figure === 'openAmount') return v(t.open.amount, t.open.filter);
      if (figure === 'wonCount') return v(t.won.count, t.won.filter);
      if (figure === 'wonAmount') return v(t.won.amount, t.won.filter);
      if (figure === 'lostCount') return v(t.lost.count, t.lost.filter);
      if (figure === 'conversionToWon') return v(t.conversionToWon, t.won.filter);
      break;
    }
    case 'dwell':
      if (figure === 'overdueCount') return v(result.totals.overdue.count, result.totals.overdue.filter);
      break;
    case 'forecast': {
      const t = result.totals;
      if (figure === 'weighted') return v(t.weighted.amount, t.weighted.filter);
      if (figure === 'conservative' || figure === 'neutral' || figure === 'optimistic') return v(t.scenarios[figure].amount, t.scenarios[figure].filter);
      break;
    }
    case 'health':
      if (figure === 'firstFollowUpHours') return v(hours(result.firstFollowUp.avgSeconds), result.firstFollowUp.leads.filter);
      if (figure === 'actionsOnTimeShare') return v(result.actionsOnTime.share);
      if (figure === 'salesCycleDays') return v(days(result.salesCycle.current.avgSeconds), result.salesCycle.current.filter);
      if (figure === 'salesCycleShortening') return v(result.salesCycle.shortening);
      break;
    case 'aggregate':
      if (figure === 'count') return v(result.total.count, result.total.filter);
      if (figure === 'sum') return v(result.total.sum, result.total.filter);
      if (figure === 'avg') return v(result.total.avg, result.total.filter);
      break;
  }
  throw new RangeError(`figure ${figure} is not part of a ${result.query} result`);
}
