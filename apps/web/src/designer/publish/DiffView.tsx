import type { JsonChange } from '@tessera/metadata';
import { Alert, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { brief, type MetadataDiffView } from './diff.types';

const STATUS_COLORS = { added: 'green', removed: 'red', changed: 'blue' } as const;

/** The documents a version adds, removes and changes (each change at its pointer), and the data risks first. */
export function DiffView({ diff }: { diff: MetadataDiffView }) {
  const { t } = useTranslation();
  if (diff.documents.length === 0 && diff.risks.length === 0) return <Empty description={t('designer.publish.noChanges')} data-testid="diff-empty" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="diff-view">
      {diff.risks.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="diff-risks"
          title={t('designer.publish.risksTitle', { count: diff.risks.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {diff.risks.map((risk) => (
                <li key={`${risk.object}:${risk.path}:${risk.change}`} data-testid={`risk-${risk.object}-${risk.field ?? ''}`}>
                  {risk.message}{' '}
                  {risk.destructive === true && <Tag color="red">{t('designer.publish.destructive')}</Tag>}
                  {risk.alternative === 'retire' && <Tag color="gold">{t('designer.publish.canRetire')}</Tag>}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Collapse
        size="small"
        items={diff.documents.map((doc) => ({
          key: doc.name,
          label: (
            <Space data-testid={`diff-doc-${doc.name}`}>
              <Tag color={STATUS_COLORS[doc.status]}>{t(`designer.publish.status.${doc.status}`)}</Tag>
              <Typography.Text strong>{doc.name}</Typography.Text>
              {doc.changes.length > 0 && <Typography.Text type="secondary">{t('designer.publish.changeCount', { count: doc.changes.length })}</Typography.Text>}
              {doc.safe === false && <Tag color="red">{t('designer.publish.destructive')}</Tag>}
            </Space>
          ),
          children: doc.changes.length > 0 ? <ChangeTable changes={doc.changes} /> : <Typography.Text type="secondary">{t(`designer.publish.status.${doc.status}`)}</Typography.Text>,
        }))}
      />
    </Space>
  );
}

function ChangeTable({ changes }: { changes: JsonChange[] }) {
  const { t } = useTranslation();
  return (
    <Table<JsonChange>
      size="small"
      pagination={false}
      rowKey={(c, i) => `${c.op}:${c.path}:${i}`}
      dataSource={changes}
      columns={[
        { title: t('designer.publish.op'), dataIndex: 'op', width: 90, render: (op: string) => <Tag>{op}</Tag> },
        { title: t('designer.publish.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code>{p || '/'}</Typography.Text> },
        { title: t('designer.publish.before'), render: (_, c) => <Typography.Text type="secondary">{brief('before' in c ? c.before : undefined)}</Typography.Text> },
        { title: t('designer.publish.after'), render: (_, c) => brief('after' in c ? c.after : undefined) },
      ]}
    />
  );
}
