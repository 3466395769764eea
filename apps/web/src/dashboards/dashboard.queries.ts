import { useQuery } from '@tanstack/react-query';
import type { AggregateResult, AnalyticsResult } from '@tessera/engine';
import { api } from '../api/http';
import type { DashboardDocument, DashboardSummary, FilterParams, WidgetEvaluation } from './dashboard.types';

const query = (params: FilterParams) => {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
  return s.size ? `?${s}` : '';
};

export function useDashboards() {
  return useQuery({ queryKey: ['dashboards'], queryFn: () => api<{ items: DashboardSummary[] }>('/api/dashboards'), staleTime: 5 * 60_000 });
}

export function useDashboard(key: string) {
  return useQuery({ queryKey: ['dashboard', key], queryFn: () => api<DashboardDocument>(`/api/dashboards/${key}`), staleTime: 5 * 60_000 });
}

export const widgetUrl = (dashboard: string, widget: string, params: FilterParams, suffix = '') => `/api/dashboards/${dashboard}/widgets/${widget}${suffix}${query(params)}`;

/** One widget, refetched every `refreshSeconds` while the dashboard is open (numbers stay live). */
export function useWidget<R extends AnalyticsResult>(dashboard: string, widget: string, params: FilterParams, refreshSeconds: number) {
  return useQuery({
    queryKey: ['dashboard-widget', dashboard, widget, params],
    queryFn: () => api<WidgetEvaluation<R>>(widgetUrl(dashboard, widget, params)),
    refetchInterval: refreshSeconds * 1000,
    placeholderData: (previous) => previous,
  });
}

/**
 * The values of a dimension (owners, org units) among the records the caller may read,
 * with their labels: what the filter bar offers (there is no user directory for non-admins).
 */
export function useDimensionValues(object: string | undefined, field: string, enabled: boolean) {
  return useQuery({
    queryKey: ['dimension-values', object, field],
    enabled: enabled && object !== undefined,
    queryFn: () => api<AggregateResult>(`/api/analytics/${object}/aggregate?rows=${field}`),
    select: (r) => r.rows?.values.filter((v) => v.value !== null) ?? [],
    staleTime: 5 * 60_000,
  });
}
