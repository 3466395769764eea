import { useQuery } from '@tanstack/react-query';
import { Descriptions } from 'antd';
import { api } from '../api/http';
import { useLabel } from '../i18n/label';
import { useMe, useWorkspace } from '../metadata/metadata.queries';
import { displayValue, listColumns, type RecordData } from '../records/field-display';

/**
 * A few fields of the record an approval is about (the object's first list columns
 * after the title), for approvers who may read it; the others see the title only.
 */
export function RecordSummary({ object: objectKey, id }: { object: string; id: string }) {
  const { label, language } = useLabel();
  const meta = useWorkspace();
  const me = useMe();
  const object = meta.data?.objects.get(objectKey);
  const access = me.data?.objects[objectKey];
  const readable = access?.actions.includes('read') ?? false;
  const columns = object && access ? listColumns(object, access.hidden, 5).filter((f) => f.key !== object.titleField) : [];
  const expand = columns.filter((f) => f.type === 'relation').map((f) => f.key);
  const record = useQuery({
    queryKey: ['record', objectKey, id, 'summary'],
    enabled: readable,
    queryFn: () => api<RecordData>(`/api/objects/${objectKey}/records/${id}${expand.length ? `?expand=${expand.join(',')}` : ''}`),
  });
  if (!object || !access || !record.data) return null;
  const fields = columns.filter((f) => record.data[f.key] !== null && record.data[f.key] !== undefined).slice(0, 4);
  if (fields.length === 0) return null;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 4 }}
      style={{ marginTop: 4 }}
      data-testid="inbox-summary"
      items={fields.map((f) => ({ key: f.key, label: label(f.label), children: displayValue(f, record.data[f.key], language, record.data, meta.data!.objects) }))}
    />
  );
}
