import { PlusOutlined } from '@ant-design/icons';
import type { Field } from '@tessera/metadata';
import { SYSTEM_FIELDS } from '@tessera/engine';
import { Alert, Button, Card, Input, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import { useMe, useWorkspace } from '../metadata/metadata.queries';
import { displayValue, listColumns, type RecordData } from './field-display';
import { BulkActions } from './list/BulkActions';
import { ColumnChooser } from './list/ColumnChooser';
import { FilterBar } from './list/FilterBar';
import { compileFilter, filterableFields, readListState, writeListState, type ListState } from './list/list-state';
import { useOwners } from './list/list.queries';
import { SavedViewsMenu } from './list/SavedViewsMenu';
import { useRecordList } from './record.queries';

const SORTABLE = new Set(['text', 'number', 'currency', 'percent', 'date', 'datetime', 'select', 'autonumber', 'email', 'phone', 'formula', 'rollup']);
const PAGE_SIZES = [20, 50, 100];
const OWNER: Field = { ...SYSTEM_FIELDS.find((f) => f.key === 'owner_id')!, label: { 'zh-CN': '负责人', en: 'Owner' } };

/**
 * One object's records: columns, filters per field type, the overdue flag, search and
 * sort, all in the URL (linkable, and what a saved view stores); keyset pages; bulk
 * transfer and CSV export when the user has those rights.
 */
export function RecordListPage() {
  const { object = '' } = useParams();
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const navigate = useNavigate();
  const meta = useWorkspace();
  const me = useMe();
  const owners = useOwners(object);
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => readListState(search), [search]);
  const setState = (next: ListState) => setSearch(writeListState(next), { replace: true });
  const [limit, setLimit] = useState(PAGE_SIZES[0]);
  // "Now" of the overdue flag: fixed while the list stays as it is, so its query stays one query.
  const now = useMemo(() => new Date(), [search, object]);

  const definition = meta.data?.objects.get(object);
  const pipeline = meta.data?.pipelines.get(object);
  const access = me.data?.objects[object];
  const hidden = access?.hidden ?? [];
  const available = definition ? [...listColumns(definition, hidden, 1000), OWNER] : [];
  const defaults = definition ? listColumns(definition, hidden).map((f) => f.key) : [];
  const chosen = (state.columns ?? defaults).filter((k) => available.some((f) => f.key === k));
  const columns = chosen.map((k) => available.find((f) => f.key === k)!);
  const filterFields = definition ? filterableFields(definition, hidden, pipeline) : [];
  const filter = compileFilter(state, filterFields, me.data?.user.id ?? '', pipeline, now);

  // Keyset pages: the cursors of the pages before this one, for this query only.
  const queryKey = JSON.stringify([object, state.q, state.sort, filter, limit]);
  const [pages, setPages] = useState<{ key: string; cursors: Array<string | undefined> }>({ key: '', cursors: [undefined] });
  const cursors = pages.key === queryKey ? pages.cursors : [undefined];
  const [selection, setSelection] = useState<{ key: string; rows: Map<string, RecordData> }>({ key: '', rows: new Map() });
  const selected = selection.key === queryKey ? selection.rows : new Map<string, RecordData>();

  const list = useRecordList(object, {
    q: state.q || undefined,
    sort: state.sort,
    filter,
    cursor: cursors[cursors.length - 1],
    limit,
    expand: columns.filter((f) => f.type === 'relation').map((f) => f.key),
  });

  if (!definition || !access) return null;

  const exportParams = new URLSearchParams();
  if (filter) exportParams.set('filter', JSON.stringify(filter));
  if (state.sort) exportParams.set('sort', state.sort);
  if (state.q) exportParams.set('q', state.q);
  exportParams.set('fields', chosen.join(','));

  const ownerName = (id: unknown) => owners.data?.find((o) => o.id === id)?.displayName ?? (typeof id === 'string' ? id.slice(-8) : '');
  const tableColumns: TableProps<RecordData>['columns'] = columns.map((f: Field) => ({
    key: f.key,
    dataIndex: f.key,
    title: label(f.label),
    sorter: SORTABLE.has(f.type),
    sortOrder: state.sort === f.key ? 'ascend' : state.sort === `-${f.key}` ? 'descend' : null,
    render: (value: unknown, record: RecordData) => (f === OWNER ? ownerName(value) : displayValue(f, value, language, record, meta.data?.objects)),
  }));

  const onChange: TableProps<RecordData>['onChange'] = (_p, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    setState({ ...state, sort: one?.order ? `${one.order === 'descend' ? '-' : ''}${String(one.columnKey)}` : undefined });
  };
  const items = list.data?.items ?? [];
  const page = cursors.length;

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
        <Space wrap size={[8, 8]}>
          <Input.Search
            key={state.q}
            data-testid="list-search"
            placeholder={t('list.search')}
            allowClear
            defaultValue={state.q}
            onSearch={(value) => setState({ ...state, q: value.trim() })}
            style={{ width: 240, maxWidth: '100%' }}
          />
          <SavedViewsMenu object={object} state={state} onChange={setState} />
          <ColumnChooser available={available} chosen={chosen} onChange={(cols) => setState({ ...state, columns: cols })} />
          <BulkActions object={object} actions={access.actions} selected={[...selected.values()]} onDone={() => setSelection({ key: '', rows: new Map() })} owners={owners.data ?? []} exportUrl={`/api/objects/${object}/records/export.csv?${exportParams}`} />
        </Space>
        <FilterBar fields={filterFields} state={state} onChange={setState} owners={owners.data ?? []} canFilterOverdue={!!pipeline?.stages.some((s) => s.timeout && (s.type ?? 'open') === 'open')} />
        {list.error && <Alert type="error" title={problemLines(list.error).join('; ')} />}
        <Table<RecordData>
          data-testid="record-list"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={tableColumns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onChange={onChange}
          rowSelection={
            access.actions.includes('reassign')
              ? {
                  selectedRowKeys: [...selected.keys()],
                  preserveSelectedRowKeys: true,
                  onChange: (_keys, rows) => {
                    // Rows chosen on other pages stay chosen.
                    const next = new Map([...selected].filter(([id]) => !items.some((r) => r.id === id)));
                    for (const r of rows) if (r) next.set(r.id, r);
                    setSelection({ key: queryKey, rows: next });
                  },
                }
              : undefined
          }
          onRow={(record) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
              navigate(`/o/${object}/${record.id}`);
            },
            style: { cursor: 'pointer' },
          })}
        />
        <Space wrap>
          <Button data-testid="list-previous" disabled={page <= 1} onClick={() => setPages({ key: queryKey, cursors: cursors.slice(0, -1) })}>
            {t('list.previous')}
          </Button>
          <Button data-testid="list-next" disabled={!list.data?.nextCursor} onClick={() => setPages({ key: queryKey, cursors: [...cursors, list.data!.nextCursor!] })}>
            {t('list.next')}
          </Button>
          <Typography.Text type="secondary" data-testid="list-count">
            {t('lists.pageInfo', { page, count: items.length })}
            {list.data?.nextCursor ? ` · ${t('lists.more')}` : ''}
          </Typography.Text>
          <Select data-testid="list-page-size" size="small" value={limit} onChange={setLimit} options={PAGE_SIZES.map((n) => ({ value: n, label: t('lists.perPage', { count: n }) }))} />
        </Space>
      </Space>
    </Card>
  );
}
