import type { MetadataDocument } from '@tessera/metadata';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Popconfirm, Space, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/http';
import { useDraft } from '../draft/draft.store';
import type { MetadataDiffView } from './diff.types';
import { DiffView } from './DiffView';

interface VersionSummary {
  id: string;
  version: number;
  checksum: string;
  publishedAt: string;
  publishedBy: string | null;
  note: string | null;
}

interface VersionDetail extends VersionSummary {
  documents: MetadataDocument[];
  diff: MetadataDiffView;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** `/admin/versions`: every published version; `/admin/versions/:n`: one of them with its documents and its diff against the one before. */
export function VersionHistory() {
  const { version } = useParams();
  return version ? <VersionView version={Number(version)} /> : <VersionList />;
}

function VersionList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const versions = useQuery({ queryKey: ['designer', 'versions'], queryFn: () => api<{ items: VersionSummary[] }>('/api/metadata/versions'), staleTime: 0 });
  if (versions.error) return <Alert type="error" title={versions.error.message} />;
  return (
    <Table<VersionSummary>
      size="small"
      rowKey="version"
      loading={versions.isLoading}
      data-testid="version-list"
      dataSource={versions.data?.items}
      onRow={(v) => ({ onClick: () => navigate(`/admin/versions/${v.version}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('designer.versions.version'), dataIndex: 'version', width: 100, render: (v: number) => <Link to={`/admin/versions/${v}`}>v{v}</Link> },
        { title: t('designer.versions.publishedAt'), dataIndex: 'publishedAt', render: when },
        { title: t('designer.versions.note'), dataIndex: 'note' },
        { title: t('designer.versions.checksum'), dataIndex: 'checksum', render: (c: string) => <Typography.Text code>{c.slice(0, 12)}</Typography.Text> },
      ]}
    />
  );
}

function VersionView({ version }: { version: number }) {
  const { t } = useTranslation();
  const draft = useDraft();
  const detail = useQuery({ queryKey: ['designer', 'version', version], queryFn: () => api<VersionDetail>(`/api/metadata/versions/${version}`) });
  if (detail.error) return <Alert type="error" title={detail.error.message} />;
  if (!detail.data) return <Spin />;
  const v = detail.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid={`version-${version}`}>
      <Space>
        <Link to="/admin/versions">{t('designer.versions.back')}</Link>
      </Space>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={t('designer.versions.version')}>v{v.version}</Descriptions.Item>
        <Descriptions.Item label={t('designer.versions.publishedAt')}>{when(v.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('designer.versions.note')}>{v.note}</Descriptions.Item>
        <Descriptions.Item label={t('designer.versions.checksum')}>
          <Typography.Text code>{v.checksum.slice(0, 12)}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('designer.versions.diff', { version: v.version - 1 })}>
        <DiffView diff={v.diff} />
      </Card>
      <Card
        size="small"
        title={t('designer.versions.documents', { count: v.documents.length })}
        extra={
          <Popconfirm title={t('designer.versions.restoreConfirm')} onConfirm={() => draft.replaceAll(v.documents)}>
            <Button size="small" data-testid="version-restore">
              {t('designer.versions.restore')}
            </Button>
          </Popconfirm>
        }
      >
        <Collapse
          size="small"
          items={v.documents.map((doc) => {
            const name = doc.kind === 'pack' ? `pack:${doc.name}` : `${doc.kind}:${doc.key}`;
            return { key: name, label: name, children: <pre style={{ maxHeight: 400, overflow: 'auto', margin: 0 }}>{JSON.stringify(doc, null, 2)}</pre> };
          })}
        />
      </Card>
    </Space>
  );
}
