import type { Language } from '../i18n/languages';

/**
 * Money arrives as an exact decimal string ("51195000.00"): grouped for display by string
 * handling, never through a float.
 */
export function formatMoney(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '–';
  const text = String(amount);
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (frac + '00').slice(0, 2);
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}

/** A share 0..1 as a percentage with one decimal; null (nothing to divide) as a dash. */
export const formatRate = (rate: number | null | undefined) => (rate === null || rate === undefined ? '–' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

export const formatCount = (n: number | null | undefined, language: Language) => (n === null || n === undefined ? '–' : new Intl.NumberFormat(language).format(n));

/** A number of the API (possibly a decimal string) rounded for display. */
export function formatNumber(value: string | number | null | undefined, language: Language, digits = 2): string {
  if (value === null || value === undefined || value === '') return '–';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(Number(value));
}

/** Seconds as days (one decimal) or hours below a day. */
export function formatDuration(seconds: number | null | undefined, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds >= 86_400) return t('dashboards.units.days', { n: (seconds / 86_400).toFixed(1) });
  return t('dashboards.units.hours', { n: (seconds / 3_600).toFixed(1) });
}

/** A chart needs numbers: the decimal string as a float for the bar's length only (labels use formatMoney). */
export const toChartNumber = (amount: string | null | undefined) => (amount === null || amount === undefined ? 0 : Number(amount));
