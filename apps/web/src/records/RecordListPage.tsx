import { PlusOutlined } from '@ant-design/icons';
import type { Field } from '@tessera/metadata';
import { Alert, Button, Card, Input, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import { useMe, useWorkspace } from '../metadata/metadata.queries';
import { displayValue, listColumns, type RecordData } from './field-display';
import { useRecordList } from './record.queries';

const SORTABLE = new Set(['text', 'number', 'currency', 'percent', 'date', 'datetime', 'select', 'autonumber', 'email', 'phone', 'formula', 'rollup']);
const PAGE = 20;

/** One object's records: columns from metadata, sort, option filters, text search, keyset pages. */
export function RecordListPage() {
  const { object = '' } = useParams();
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const navigate = useNavigate();
  const meta = useWorkspace();
  const me = useMe();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<string | undefined>();
  const [filters, setFilters] = useState<Record<string, string[]>>({});
  // Keyset pagination: the cursors of the pages before this one.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);

  const definition = meta.data?.objects.get(object);
  const access = me.data?.objects[object];
  const columns = definition && access ? listColumns(definition, access.hidden) : [];
  const leaves = Object.entries(filters)
    .filter(([, values]) => values.length > 0)
    .map(([field, values]) => ({ field, op: 'in', value: values }));
  const params = {
    q: q || undefined,
    sort,
    filter: leaves.length === 0 ? undefined : leaves.length === 1 ? leaves[0] : { and: leaves },
    cursor: cursors[cursors.length - 1],
    limit: PAGE,
    expand: columns.filter((f) => f.type === 'relation').map((f) => f.key),
  };
  const list = useRecordList(object, params);
  const reset = () => setCursors([undefined]);

  if (!definition || !access) return null;

  const tableColumns: TableProps<RecordData>['columns'] = columns.map((f: Field) => ({
    key: f.key,
    dataIndex: f.key,
    title: label(f.label),
    sorter: SORTABLE.has(f.type),
    sortOrder: sort === f.key ? 'ascend' : sort === `-${f.key}` ? 'descend' : null,
    ...(f.type === 'select' && {
      filters: f.options.map((o) => ({ text: label(o.label), value: o.value })),
      filteredValue: filters[f.key] ?? null,
    }),
    render: (value: unknown, record: RecordData) => displayValue(f, value, language, record, meta.data?.objects),
  }));

  const onChange: TableProps<RecordData>['onChange'] = (_p, tableFilters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setSort(one?.order ? `${one.order === 'descend' ? '-' : ''}${String(one.columnKey)}` : undefined);
    setFilters(Object.fromEntries(Object.entries(tableFilters).map(([k, v]) => [k, (v ?? []).map(String)])));
    reset();
  };

  return (
    <Card
      title={label(definition.pluralLabel ?? definition.label)}
      extra={
        access.actions.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/o/${object}/new`)}>
            {t('list.new')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.Search
          placeholder={t('list.search')}
          allowClear
          onSearch={(value) => {
            setQ(value.trim());
            reset();
          }}
          style={{ maxWidth: 360 }}
        />
        {list.error && <Alert type="error" title={problemLines(list.error).join('; ')} />}
        <Table<RecordData>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={tableColumns}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onChange={onChange}
          onRow={(record) => ({ onClick: () => navigate(`/o/${object}/${record.id}`), style: { cursor: 'pointer' } })}
        />
        <Space>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('list.previous')}
          </Button>
          <Button disabled={!list.data?.nextCursor} onClick={() => setCursors([...cursors, list.data!.nextCursor!])}>
            {t('list.next')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
