import { PERIOD_PRESETS } from '@tessera/engine';
import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useLabel } from '../i18n/label';
import type { Workspace } from '../metadata/metadata.queries';
import { selectFilters, widgetObject } from './dashboard-filters';
import { useDimensionValues } from './dashboard.queries';
import type { DashboardDocument, FilterParams } from './dashboard.types';
import { dimensionText } from './widgets/widget.props';

/**
 * The dashboard's filter bar: the period, and the fields its `filters` name — owners and
 * org units (offered from the records the viewer may read) and select fields. The choice
 * lives in the address and goes with every widget request.
 */
export function DashboardFilterBar({ doc, meta, params }: { doc: DashboardDocument; meta: Workspace; params: FilterParams }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [search, setSearch] = useSearchParams();
  const filters = doc.filters ?? [];
  const primary = doc.widgets.map((w) => widgetObject(w, meta)).find((o) => o !== undefined && meta.pipelines.has(o)) ?? widgetObject(doc.widgets[0], meta);
  const owners = useDimensionValues(primary, 'owner_id', filters.includes('owner_id'));
  const units = useDimensionValues(primary, 'org_unit_id', filters.includes('org_unit_id'));

  const set = (name: string, value: string | string[] | undefined) => {
    const next = new URLSearchParams(search);
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    if (text === '') next.delete(name);
    else next.set(name, text);
    setSearch(next, { replace: true });
  };
  const many = (name: string) => (params[name] ? params[name].split(',') : []);

  return (
    <Space wrap data-testid="dashboard-filters">
      <Select
        aria-label={t('dashboards.filters.period')}
        style={{ minWidth: 140 }}
        value={params.period}
        onChange={(v) => set('period', v)}
        options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`dashboards.period.${p}`) }))}
      />
      {filters.includes('owner_id') && (
        <Select
          mode="multiple"
          allowClear
          aria-label={t('dashboards.filters.owner')}
          placeholder={t('dashboards.filters.owner')}
          style={{ minWidth: 180 }}
          value={many('owner')}
          onChange={(v) => set('owner', v)}
          optionFilterProp="label"
          options={(owners.data ?? []).map((o) => ({ value: String(o.value), label: dimensionText(o, label) }))}
        />
      )}
      {filters.includes('org_unit_id') && (
        <Select
          allowClear
          aria-label={t('dashboards.filters.unit')}
          placeholder={t('dashboards.filters.unit')}
          style={{ minWidth: 160 }}
          value={params.unit}
          onChange={(v) => set('unit', v)}
          options={(units.data ?? []).map((u) => ({ value: String(u.value), label: dimensionText(u, label) }))}
        />
      )}
      {selectFilters(doc, meta).map(({ key, field }) => (
        <Select
          key={key}
          mode="multiple"
          allowClear
          aria-label={label(field.label)}
          placeholder={label(field.label)}
          style={{ minWidth: 160 }}
          value={many(`f.${key}`)}
          onChange={(v) => set(`f.${key}`, v)}
          options={field.options.map((o) => ({ value: o.value, label: label(o.label) }))}
        />
      ))}
    </Space>
  );
}
