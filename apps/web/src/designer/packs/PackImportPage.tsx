import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { MetadataDocument } from '@tessera/metadata';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { ApiError, problemLines } from '../../api/problem';
import { useLabel } from '../../i18n/label';
import { useDraft } from '../draft/draft.store';
import { DiffView } from '../publish/DiffView';
import { importQuery, readBundle, type ImportOptions, type PackImportResult, type PackPlan, type PackSummary } from './pack.types';

// Bundles can be larger than the API's JSON limit; the pack media type takes up to 20 MiB.
const BUNDLE_TYPE = 'application/vnd.tessera.pack+json';

/** Installed packs with an export download; a bundle upload shown as its plan before it is imported. */
export function PackImportPage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16} data-testid="packs-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('designer.packs.title')}
      </Typography.Title>
      <InstalledPacks />
      <PackImport />
    </Space>
  );
}

function InstalledPacks() {
  const { t } = useTranslation();
  const { label } = useLabel();
  const packs = useQuery({ queryKey: ['designer', 'packs'], queryFn: () => api<{ items: PackSummary[] }>('/api/admin/packs'), staleTime: 0 });
  const [error, setError] = useState<string>();
  const download = async (pack: PackSummary) => {
    try {
      const bundle = await api<unknown>(`/api/admin/packs/${encodeURIComponent(pack.name)}/export`);
      const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${pack.name}-${pack.version}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(problemLines(failure).join('; '));
    }
  };
  return (
    <Card size="small" title={t('designer.packs.installed')}>
      {(error || packs.error) && <Alert type="error" title={error ?? packs.error?.message} style={{ marginBottom: 8 }} />}
      <Table<PackSummary>
        size="small"
        rowKey="name"
        loading={packs.isLoading}
        pagination={false}
        dataSource={packs.data?.items}
        columns={[
          { title: t('designer.packs.name'), render: (_, p) => <Space>{label(p.label)}<Typography.Text code>{p.name}</Typography.Text></Space> },
          { title: t('designer.packs.version'), dataIndex: 'version' },
          { title: t('designer.packs.installedAt'), dataIndex: 'installedAt', render: (d: string) => new Date(d).toLocaleString() },
          { title: t('designer.packs.demo'), render: (_, p) => (p.demoLoadedAt ? <Tag color="green">{t('designer.packs.demoLoaded')}</Tag> : null) },
          {
            title: '',
            render: (_, p) => (
              <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(p)} data-testid={`export-${p.name}`}>
                {t('designer.packs.export')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function PackImport() {
  const { t } = useTranslation();
  const draft = useDraft();
  const client = useQueryClient();
  const [file, setFile] = useState<{ name: string; bundle: object }>();
  const [fileError, setFileError] = useState<string>();
  const [options, setOptions] = useState<ImportOptions>({ demoData: false, retire: false, allowDowngrade: false });
  const [plan, setPlan] = useState<PackPlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[]>();
  const [result, setResult] = useState<PackImportResult>();

  const choose = async (chosen: File) => {
    setPlan(undefined);
    setResult(undefined);
    setError(undefined);
    const read = readBundle(await chosen.text());
    if ('error' in read) {
      setFile(undefined);
      setFileError(t('designer.packs.notABundle', { reason: read.error }));
    } else {
      setFileError(undefined);
      setFile({ name: chosen.name, bundle: read.bundle });
    }
  };
  const send = async <T,>(what: 'plan' | 'import'): Promise<T | undefined> => {
    if (!file) return undefined;
    setBusy(true);
    setError(undefined);
    try {
      return await api<T>(`/api/admin/packs/${what}${importQuery(options)}`, { method: 'POST', body: file.bundle, headers: { 'Content-Type': BUNDLE_TYPE } });
    } catch (failure) {
      setError(failure instanceof ApiError && failure.problem.errors?.length ? failure.problem.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`) : problemLines(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const showPlan = async () => setPlan(await send<PackPlan>('plan'));
  const runImport = async () => {
    const done = await send<PackImportResult>('import');
    if (!done) return;
    setResult(done);
    setPlan(undefined);
    await client.invalidateQueries({ queryKey: ['designer', 'packs'] });
    await client.invalidateQueries({ queryKey: ['metadata'] });
    await client.invalidateQueries({ queryKey: ['me'] });
  };
  const loadPublished = async () => {
    const current = await api<{ version: number; documents: MetadataDocument[] }>('/api/metadata/current');
    draft.rebase(current.documents, current.version);
  };

  return (
    <Card size="small" title={t('designer.packs.import')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload.Dragger
          accept=".json,application/json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(chosen) => {
            void choose(chosen);
            return false;
          }}
          data-testid="pack-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{file ? file.name : t('designer.packs.drop')}</p>
        </Upload.Dragger>
        {fileError && <Alert type="error" title={fileError} />}
        <Space wrap>
          {(Object.keys(options) as Array<keyof ImportOptions>).map((name) => (
            <Checkbox key={name} checked={options[name]} onChange={(e) => { setOptions({ ...options, [name]: e.target.checked }); setPlan(undefined); }} data-testid={`pack-option-${name}`}>
              {t(`designer.packs.options.${name}`)}
            </Checkbox>
          ))}
        </Space>
        <Button onClick={() => void showPlan()} disabled={!file} loading={busy && !plan} data-testid="pack-plan">
          {t('designer.packs.showPlan')}
        </Button>
        {error && <Alert type="error" showIcon data-testid="pack-error" title={t('designer.packs.refused')} description={<ul style={{ margin: 0, paddingLeft: 20 }}>{error.map((line, i) => <li key={i}>{line}</li>)}</ul>} />}
        {plan && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="pack-plan-view">
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label={t('designer.packs.name')}>{`${plan.pack.name} ${plan.pack.version}`}</Descriptions.Item>
              <Descriptions.Item label={t('designer.packs.action')}>
                <Tag color={plan.action === 'downgrade' ? 'red' : 'blue'} data-testid="pack-plan-action">
                  {t(`designer.packs.actions.${plan.action}`)}
                </Tag>
                {plan.previousVersion && t('designer.packs.from', { version: plan.previousVersion })}
              </Descriptions.Item>
              {plan.orgUnits && (
                <Descriptions.Item label={t('designer.packs.orgUnits')} span={2}>
                  {t('designer.packs.orgUnitCounts', { created: plan.orgUnits.created.length, updated: plan.orgUnits.updated.length, unchanged: plan.orgUnits.unchanged.length })}
                </Descriptions.Item>
              )}
              {plan.demo && (
                <Descriptions.Item label={t('designer.packs.demo')} span={2}>
                  {t('designer.packs.demoCounts', { users: plan.demo.users, records: Object.values(plan.demo.records).reduce((a, b) => a + b, 0) })}
                </Descriptions.Item>
              )}
            </Descriptions>
            {plan.errors.length > 0 && (
              <Alert type="error" showIcon data-testid="pack-plan-errors" title={t('designer.packs.wouldRefuse')} description={<ul style={{ margin: 0, paddingLeft: 20 }}>{plan.errors.map((e, i) => <li key={i}>{`${e.path ? `${e.path}: ` : ''}${e.message}`}</li>)}</ul>} />
            )}
            <DiffView diff={plan} />
            <Space>
              <Button type="primary" danger={!plan.ok} disabled={!plan.ok} loading={busy} onClick={() => void runImport()} data-testid="pack-import">
                {t('designer.packs.confirmImport')}
              </Button>
              <Button onClick={() => setPlan(undefined)}>{t('designer.packs.cancel')}</Button>
            </Space>
          </Space>
        )}
        {result && (
          <Alert
            type="success"
            showIcon
            data-testid="pack-imported"
            title={t('designer.packs.imported', { name: result.pack.name, version: result.pack.version, metadata: result.metadata.version })}
            description={t('designer.packs.draftHint')}
            action={
              <Button size="small" onClick={() => void loadPublished()} data-testid="pack-load-draft">
                {t('designer.packs.loadPublished')}
              </Button>
            }
          />
        )}
      </Space>
    </Card>
  );
}
