import type { AnalyticsResult } from '@tessera/engine';
import { Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import type { WidgetEvaluation } from '../dashboard.types';
import { formatMoney, formatNumber, formatRate } from '../figure.format';
import type { WidgetProps } from './widget.props';

/** Figures that are shares 0..1 (a percent field's average is already 0..100). */
const RATES = new Set(['conversionToWon', 'actionsOnTimeShare', 'salesCycleShortening']);

export function kpiText(kpi: NonNullable<WidgetEvaluation['kpi']>, language: 'zh-CN' | 'en', value = kpi.value): string {
  if (value === null) return '–';
  if (kpi.format === 'currency') return formatMoney(value);
  if (RATES.has(kpi.figure)) return formatRate(Number(value));
  if (kpi.format === 'percent') return `${formatNumber(value, language, 1)}%`;
  return formatNumber(value, language, kpi.figure === 'count' || kpi.figure.endsWith('Count') ? 0 : 2);
}

/** One number (money exact, rates as percentages), its target when set; a click opens the records it counts. */
export function KpiWidget({ widget, data, drill }: WidgetProps<'kpi', AnalyticsResult>) {
  const { t } = useTranslation();
  const { language } = useLabel();
  const kpi = data.kpi;
  if (!kpi) return null;
  const text = kpiText(kpi, language);
  const value = <Statistic value={text} formatter={() => <span data-testid={`kpi-${widget.key}`}>{text}</span>} />;
  return (
    <>
      {kpi.filter ? (
        <a role="button" onClick={() => drill(kpi.filter)} aria-label={t('dashboards.drill')} data-testid={`drill-${widget.key}`}>
          {value}
        </a>
      ) : (
        value
      )}
      {kpi.target !== null && (
        <Typography.Text type="secondary">
          {t('dashboards.kpi.target', { target: kpiText(kpi, language, kpi.target) })}
        </Typography.Text>
      )}
    </>
  );
}
