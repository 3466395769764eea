import type { ObjectDefinition } from '@tessera/metadata';
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { useMe, useWorkspace } from '../../metadata/metadata.queries';
import { displayValue, recordTitle } from '../field-display';
import { useRecordList } from '../record.queries';
import type { LayoutItem } from '../record-form.schema';

/** Records of another object pointing at this one (a form's relatedList item), first page. */
export function RelatedList({ item, recordId }: { item: LayoutItem; recordId: string }) {
  const meta = useWorkspace();
  const me = useMe();
  const object = meta.data?.objects.get(item.related!.object);
  const access = me.data?.objects[item.related!.object];
  if (!object || !access?.actions.includes('read')) return null;
  return <RelatedTable item={item} recordId={recordId} object={object} hidden={access.hidden} />;
}

function RelatedTable({ item, recordId, object, hidden }: { item: LayoutItem; recordId: string; object: ObjectDefinition; hidden: string[] }) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const related = item.related!;
  const list = useRecordList(related.object, { filter: { field: related.via, op: 'eq', value: recordId }, limit: 10 });
  const columns = related.columns.flatMap((key) => {
    const field = object.fields.find((f) => f.key === key);
    if (!field || hidden.includes(key)) return [];
    return [{ key, title: label(field.label), render: (_: unknown, r: Record<string, unknown>) => displayValue(field, r[key], language) }];
  });
  return (
    <Card size="small" title={related.label ?? label(object.label)} style={{ marginBottom: 16 }} data-testid={`related-${related.object}`}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        loading={list.isLoading}
        locale={{ emptyText: t('recordPage.noRelated') }}
        dataSource={list.data?.items ?? []}
        columns={[{ key: '_open', title: '', render: (_: unknown, r) => <Link to={`/o/${object.key}/${r.id}`}>{recordTitle(object, r)}</Link> }, ...columns]}
      />
    </Card>
  );
}
