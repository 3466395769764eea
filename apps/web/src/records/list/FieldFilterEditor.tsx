import type { Field } from '@tessera/metadata';
import { useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { useLabel } from '../../i18n/label';
import { useWorkspace } from '../../metadata/metadata.queries';
import { recordTitle } from '../field-display';
import { listUrl, type RecordPage } from '../record.queries';
import { filterKind, ME, type FieldFilter } from './list-state';
import type { OwnerOption } from './list.queries';

interface Props {
  field: Field;
  value: FieldFilter | undefined;
  onChange(value: FieldFilter): void;
  owners: OwnerOption[];
}

/** The editor of one field's condition, chosen by the field's type. */
export function FieldFilterEditor({ field, value, onChange, owners }: Props) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const v = (value ?? {}) as Record<string, unknown>;
  switch (filterKind(field)) {
    case 'text':
      return <Input data-testid="filter-text" autoFocus allowClear placeholder={t('lists.contains')} value={String(v.contains ?? '')} onChange={(e) => onChange({ contains: e.target.value })} />;
    case 'range':
      return (
        <Space wrap>
          <InputNumber data-testid="filter-min" placeholder={t('lists.min')} value={v.min as number | undefined} onChange={(min) => onChange({ min: min ?? undefined, max: v.max as number | undefined })} />
          <span>–</span>
          <InputNumber data-testid="filter-max" placeholder={t('lists.max')} value={v.max as number | undefined} onChange={(max) => onChange({ min: v.min as number | undefined, max: max ?? undefined })} />
        </Space>
      );
    case 'dates':
      return (
        <DatePicker.RangePicker
          data-testid="filter-dates"
          allowEmpty={[true, true]}
          value={[v.from ? dayjs(String(v.from)) : null, v.to ? dayjs(String(v.to)) : null]}
          onChange={(range) => onChange({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      );
    case 'options':
      if (field.type !== 'select' && field.type !== 'multiselect') return null;
      return (
        <Checkbox.Group
          data-testid="filter-options"
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          value={(v.in as string[] | undefined) ?? []}
          onChange={(values) => onChange({ in: values.map(String) })}
          options={field.options.map((o) => ({ value: o.value, label: label(o.label) }))}
        />
      );
    case 'boolean':
      return (
        <Radio.Group data-testid="filter-boolean" value={v.is} onChange={(e) => onChange({ is: e.target.value as boolean })}>
          <Radio value={true}>{t('lists.yes')}</Radio>
          <Radio value={false}>{t('lists.no')}</Radio>
        </Radio.Group>
      );
    case 'users':
      return (
        <Select
          data-testid="filter-users"
          mode="multiple"
          style={{ minWidth: 260 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={(v.in as string[] | undefined) ?? []}
          onChange={(values) => onChange({ in: values })}
          options={[{ value: ME, label: t('lists.mine') }, ...owners.map((o) => ({ value: o.id, label: o.displayName }))]}
        />
      );
    case 'records':
      return field.type === 'relation' ? <RecordsPicker target={field.target} value={(v.in as string[] | undefined) ?? []} onChange={(ids) => onChange({ in: ids })} /> : null;
    default:
      return null;
  }
}

/** Several records of `target`, searched as the user types (the list API's `q`). */
function RecordsPicker({ target, value, onChange }: { target: string; value: string[]; onChange(ids: string[]): void }) {
  const meta = useWorkspace();
  const object = meta.data?.objects.get(target);
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['relation-search', target, q], queryFn: () => api<RecordPage>(listUrl(target, { q: q || undefined, limit: 20 })) });
  const chosen = useQuery({
    queryKey: ['records-by-id', target, value],
    enabled: value.length > 0,
    queryFn: () => api<RecordPage>(listUrl(target, { filter: { field: 'id', op: 'in', value }, limit: value.length })),
  });
  const records = [...(chosen.data?.items ?? []), ...(found.data?.items ?? []).filter((r) => !value.includes(r.id))];
  return (
    <Select
      data-testid="filter-records"
      mode="multiple"
      style={{ minWidth: 260 }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      value={value}
      onChange={onChange}
      options={records.map((r) => ({ value: r.id, label: recordTitle(object, r) }))}
    />
  );
}
