import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { allowedTargets, compilePipeline, evaluateGate, ExpressionCache, stageMoveKind, type GateFacts, type UnmetCondition } from '@tessera/engine';
import type { MetadataDocument, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { Alert, Button, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { problemLines } from '../../api/problem';
import { useLabel } from '../../i18n/label';
import { recordTitle, type RecordData } from '../../records/field-display';
import { listUrl, type RecordPage } from '../../records/record.queries';
import { documentsOf } from './designer-fields';

interface MoveResult {
  to: string;
  kind: string;
  unmet: UnmetCondition[];
}

interface TestResult {
  record: RecordData;
  current: string | null;
  facts: GateFacts;
  moves: MoveResult[];
}

/**
 * "Test against a record": the draft pipeline compiled and evaluated in the browser by the
 * engine's own gate code, on a real record and the facts the server gathers for a move
 * (attachments, approvals, checklist, related counts of the draft's related conditions).
 */
export function GateTestPanel({ pipeline, object, documents }: { pipeline: PipelineDefinition; object: ObjectDefinition; documents: readonly MetadataDocument[] }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [q, setQ] = useState('');
  const [recordId, setRecordId] = useState<string>();
  const [result, setResult] = useState<TestResult>();
  const [error, setError] = useState<string[]>();
  const [running, setRunning] = useState(false);
  // The last answer stays while the next search runs, so the options do not blink away under the pointer.
  const found = useQuery({ queryKey: ['gate-test-search', object.key, q], queryFn: () => api<RecordPage>(listUrl(object.key, { q: q || undefined, limit: 20 })), placeholderData: keepPreviousData });

  const run = async () => {
    if (!recordId) return;
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    try {
      const compiled = compilePipeline(pipeline, {
        object,
        expressions: new ExpressionCache(),
        labels: { object: (k) => documentsOf(documents, 'object').find((o) => o.key === k), flow: (k) => documentsOf(documents, 'approvalFlow').find((f) => f.key === k)?.label },
      });
      const related = compiled.needs.related.map(({ object: o, via, where }) => ({ object: o, via, ...(where.length && { where }) }));
      const base = `/api/objects/${object.key}/records/${recordId}`;
      const [record, facts] = await Promise.all([
        api<RecordData>(base),
        api<GateFacts>(`${base}/gate-facts?related=${encodeURIComponent(JSON.stringify(related))}`),
      ]);
      const current = (record[pipeline.stageField] as string | null | undefined) ?? null;
      const moves = await Promise.all(
        allowedTargets(compiled, current).map(async (to): Promise<MoveResult> => {
          const gate = await evaluateGate(compiled, current, to, { record, facts });
          return { to, kind: stageMoveKind(compiled, current, to) ?? '', unmet: gate.allowed ? [] : gate.unmet };
        }),
      );
      setResult({ record, current, facts, moves });
    } catch (failure) {
      setError(problemLines(failure));
    } finally {
      setRunning(false);
    }
  };

  const stageName = (key: string | null) => (key ? label(pipeline.stages.find((s) => s.key === key)?.label) || key : '—');
  const attachments = result ? Object.entries(result.facts.attachments).flatMap(([field, byCategory]) => Object.entries(byCategory).map(([c, n]) => `${field}/${c}: ${n}`)) : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="gate-test">
      <Typography.Paragraph type="secondary">{t('designerFlows.gateTest.intro')}</Typography.Paragraph>
      <Space wrap>
        <Select
          style={{ minWidth: 320 }}
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder={t('designerFlows.gateTest.pick')}
          value={recordId}
          onChange={setRecordId}
          loading={found.isFetching}
          options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${recordTitle(object, r)} · ${stageName((r[pipeline.stageField] as string) ?? null)}` }))}
          data-testid="gate-test-record"
        />
        <Button type="primary" disabled={!recordId} loading={running} onClick={() => void run()} data-testid="gate-test-run">
          {t('designerFlows.gateTest.run')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error.join('\n')} data-testid="gate-test-error" />}
      {result && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('designerFlows.gateTest.current')}>{stageName(result.current)}</Descriptions.Item>
            <Descriptions.Item label={t('designerFlows.gateTest.attachments')}>{attachments.join(', ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('designerFlows.gateTest.approvals')}>{Object.entries(result.facts.approvals).map(([f, o]) => `${f}: ${o}`).join(', ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('designerFlows.gateTest.checklist')}>{Object.keys(result.facts.checklist).join(', ') || '—'}</Descriptions.Item>
          </Descriptions>
          <Table<MoveResult>
            size="small"
            pagination={false}
            rowKey="to"
            data-testid="gate-test-result"
            dataSource={result.moves}
            columns={[
              { title: t('designerFlows.gateTest.target'), dataIndex: 'to', render: (to: string) => stageName(to) },
              { title: t('designerFlows.gateTest.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`designerFlows.gateTest.kinds.${k}`, { defaultValue: k })}</Tag> },
              {
                title: t('designerFlows.gateTest.gate'),
                render: (_: unknown, m: MoveResult) =>
                  m.unmet.length === 0 ? (
                    <Tag color="green" data-testid={`gate-test-open-${m.to}`}>{t('designerFlows.gateTest.open')}</Tag>
                  ) : (
                    <Space orientation="vertical" size={0} data-testid={`gate-test-unmet-${m.to}`}>
                      {m.unmet.map((u) => (
                        <Typography.Text key={u.path} type="danger">
                          {label(u.message)} <Typography.Text type="secondary" code>{u.path}</Typography.Text>
                          {u.error && <Typography.Text type="secondary"> ({u.error.message})</Typography.Text>}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
