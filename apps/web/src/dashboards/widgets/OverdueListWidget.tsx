import { useQuery } from '@tanstack/react-query';
import type { AggregateResult, OverdueResult, OverdueRow } from '@tessera/engine';
import type { Field } from '@tessera/metadata';
import { Button, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/http';
import { useLabel } from '../../i18n/label';
import { useWorkspace } from '../../metadata/metadata.queries';
import { displayValue, type RecordData } from '../../records/field-display';
import type { RecordPage } from '../../records/record.queries';
import { formatCount } from '../figure.format';
import { dimensionText, type WidgetProps } from './widget.props';

const DAY = 86_400_000;

/**
 * The listed records as the record list shows them (relations by the related record's
 * title) and the owners' names: the overdue query returns raw values.
 */
function useRowDetails(object: string, rows: OverdueRow[], fields: Field[]) {
  const ids = rows.map((r) => r.id);
  const filter = JSON.stringify({ field: 'id', op: 'in', value: ids });
  const expand = fields.filter((f) => f.type === 'relation').map((f) => f.key);
  const records = useQuery({
    queryKey: ['overdue-records', object, ids],
    enabled: ids.length > 0,
    queryFn: () => api<RecordPage>(`/api/objects/${object}/records?limit=${ids.length}&filter=${encodeURIComponent(filter)}${expand.length ? `&expand=${expand.join(',')}` : ''}`),
  });
  const owners = useQuery({
    queryKey: ['overdue-owners', object, ids],
    enabled: ids.length > 0,
    queryFn: () => api<AggregateResult>(`/api/analytics/${object}/aggregate?rows=owner_id&filter=${encodeURIComponent(filter)}`),
  });
  return { records: new Map((records.data?.items ?? []).map((r) => [r.id, r])), owners: owners.data?.rows?.values ?? [] };
}

/** Records over their stage's timeout, most overdue first, each linking to its page; the total opens them all in the record list. */
export function OverdueListWidget({ widget, data, drill }: WidgetProps<'overdueList', OverdueResult>) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const meta = useWorkspace();
  const r = data.result;
  const definition = meta.data?.objects.get(r.object);
  const stages = meta.data?.pipelines.get(r.object)?.stages ?? [];
  const fields = r.fields.map((key) => definition?.fields.find((f) => f.key === key)).filter((f): f is Field => f !== undefined);
  const details = useRowDetails(r.object, r.rows, fields);
  const titleKey = definition?.titleField ?? r.fields[0];
  const now = Date.parse(r.asOf);

  const columns: TableProps<OverdueRow>['columns'] = [
    ...r.fields.map((key) => {
      const field = fields.find((f) => f.key === key);
      return {
        key,
        title: field ? label(field.label) : t(`dashboards.overdue.${key === 'owner_id' ? 'owner' : 'field'}`, { field: key }),
        render: (_: unknown, row: OverdueRow) => {
          const record: RecordData = details.records.get(row.id) ?? { id: row.id, ...row.record };
          let text: string;
          if (key === 'owner_id') {
            const owner = details.owners.find((o) => o.value === row.record.owner_id);
            text = owner ? dimensionText(owner, label) : '';
          } else text = field ? displayValue(field, record[key], language, record, meta.data?.objects) : String(row.record[key] ?? '');
          return key === titleKey ? <Link to={`/o/${r.object}/${row.id}`}>{text || row.id.slice(-8)}</Link> : text;
        },
      };
    }),
    { key: 'stage', title: t('dashboards.funnel.stage'), render: (_: unknown, row: OverdueRow) => label(stages.find((s) => s.key === row.stage)?.label) || row.stage },
    {
      key: 'overdue',
      title: t('dashboards.overdue.by'),
      align: 'right' as const,
      render: (_: unknown, row: OverdueRow) => <Tag color="red">{t('dashboards.units.days', { n: Math.max(0, (now - Date.parse(row.dueAt)) / DAY).toFixed(1) })}</Tag>,
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        {t('dashboards.overdue.total')}{' '}
        <Button type="link" size="small" style={{ padding: 0 }} data-testid={`drill-${widget.key}`} onClick={() => drill(r.total.filter)}>
          {formatCount(r.total.count, language)}
        </Button>
      </Typography.Text>
      <Table<OverdueRow> size="small" rowKey="id" pagination={false} dataSource={r.rows} columns={columns} scroll={{ x: 'max-content' }} data-testid={`table-${widget.key}`} />
    </Space>
  );
}
