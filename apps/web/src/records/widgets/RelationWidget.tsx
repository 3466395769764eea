import type { WidgetProps } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/http';
import { useWorkspace } from '../../metadata/metadata.queries';
import { recordTitle, type RecordData } from '../field-display';
import { listUrl, type RecordPage } from '../record.queries';

/** Picks a record of the target object, searching its searchable fields as the user types. */
export function RelationWidget({ id, value, onChange, disabled, readonly, options }: WidgetProps) {
  const target = String(options.target);
  const meta = useWorkspace();
  const object = meta.data?.objects.get(target);
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['relation-search', target, q], queryFn: () => api<RecordPage>(listUrl(target, { q: q || undefined, limit: 20 })) });
  const listed = found.data?.items ?? [];
  const current = useQuery({
    queryKey: ['record', target, value],
    enabled: typeof value === 'string' && found.isSuccess && !listed.some((r) => r.id === value),
    queryFn: () => api<RecordData>(`/api/objects/${target}/records/${value}`),
  });
  const records = [...listed, ...(current.data && !listed.some((r) => r.id === current.data.id) ? [current.data] : [])];
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      disabled={disabled || readonly}
      loading={found.isFetching}
      onChange={(v) => onChange(v ?? undefined)}
      options={records.map((r) => ({ value: r.id, label: recordTitle(object, r) }))}
    />
  );
}
