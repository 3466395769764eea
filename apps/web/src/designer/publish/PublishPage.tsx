import type { MetadataDocument } from '@tessera/metadata';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Input, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/http';
import { ApiError, type ProblemItem } from '../../api/problem';
import { useDraft } from '../draft/draft.store';
import { problemsOf } from '../draft/draft.problems';
import { documentPath } from '../designer.paths';
import type { MetadataDiffView } from './diff.types';
import { DiffView } from './DiffView';

interface Outcome {
  version: number;
  unchanged: boolean;
}

/**
 * What publishing the draft would change (`POST /api/metadata/diff`), data risks flagged,
 * then `POST /api/metadata/publish`; a change refused for the data it would lose (409)
 * is offered again on the non-destructive path (`retire: true`).
 */
export function PublishPage() {
  const { t } = useTranslation();
  const draft = useDraft();
  const client = useQueryClient();
  const [diff, setDiff] = useState<MetadataDiffView>();
  const [invalid, setInvalid] = useState<ProblemItem[]>();
  const [loadError, setLoadError] = useState<string>();
  const [retire, setRetire] = useState(false);
  const [note, setNote] = useState('');
  const [publishing, setPublishing] = useState(false);
  const [refused, setRefused] = useState<{ status: number; stale: boolean; title: string; errors: ProblemItem[] }>();
  const [outcome, setOutcome] = useState<Outcome>();
  const documents = draft.documents;

  useEffect(() => {
    let cancelled = false;
    setDiff(undefined);
    setInvalid(undefined);
    api<MetadataDiffView>('/api/metadata/diff', { method: 'POST', body: { documents } }).then(
      (d) => !cancelled && setDiff(d),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 422) setInvalid(error.problem.errors ?? []);
        else setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [documents]);

  const publish = useCallback(
    async (withRetire: boolean, overwrite = false) => {
      setPublishing(true);
      setRefused(undefined);
      try {
        await draft.flush();
        const result = await api<Outcome>('/api/metadata/publish', {
          method: 'POST',
          body: { documents, retire: withRetire, baseVersion: draft.baseVersion, ...(overwrite && { overwrite: true }), ...(note.trim() && { note: note.trim() }) },
        });
        // The draft continues from what is now published (removed things kept retired).
        const current = await api<{ version: number; documents: MetadataDocument[] }>('/api/metadata/current');
        draft.rebase(current.documents, current.version);
        await client.invalidateQueries({ queryKey: ['metadata'] });
        await client.invalidateQueries({ queryKey: ['me'] });
        setOutcome(result);
      } catch (error) {
        if (error instanceof ApiError) setRefused({ status: error.status, stale: error.problem.type?.endsWith('/draft-stale') ?? false, title: error.problem.detail ?? error.message, errors: error.problem.errors ?? [] });
        else setRefused({ status: 0, stale: false, title: error instanceof Error ? error.message : String(error), errors: [] });
      } finally {
        setPublishing(false);
      }
    },
    [client, documents, draft, note],
  );

  /** Drops the draft's edits for what is published now (the stale draft's way out that keeps others' changes). */
  const loadPublished = async () => {
    const current = await api<{ version: number; documents: MetadataDocument[] }>('/api/metadata/current');
    draft.rebase(current.documents, current.version);
    setRefused(undefined);
  };

  const retirable = diff?.risks.some((r) => r.alternative === 'retire') ?? false;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="publish-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('designer.publish.title')}
      </Typography.Title>
      {outcome && (
        <Alert
          type="success"
          showIcon
          data-testid="publish-done"
          title={outcome.unchanged ? t('designer.publish.unchanged') : t('designer.publish.done', { version: outcome.version })}
          action={!outcome.unchanged && <Link to={`/admin/versions/${outcome.version}`}>{t('designer.versions.open')}</Link>}
        />
      )}
      {loadError && <Alert type="error" title={loadError} />}
      {invalid && (
        <Alert
          type="error"
          showIcon
          data-testid="publish-invalid"
          title={t('designer.publish.invalid')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problemsOf(invalid, documents).map((p, i) => (
                <li key={i}>
                  {p.document ? <Link to={documentPath(p.document.kind, p.document.key)}>{`${p.document.kind}:${p.document.key}`}</Link> : null} <Typography.Text code>{p.path || '/'}</Typography.Text> {p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {!diff && !invalid && !loadError && <Spin />}
      {diff && (
        <Card size="small" title={t('designer.publish.changes')}>
          <DiffView diff={diff} />
        </Card>
      )}
      {refused && (
        <Alert
          type="error"
          showIcon
          data-testid="publish-refused"
          title={refused.stale ? t('designer.publish.stale') : refused.status === 409 ? t('designer.publish.refusedData') : refused.title}
          description={
            <Space orientation="vertical">
              {refused.errors.length > 0 && (
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {refused.errors.map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              )}
              {refused.stale && (
                <Space wrap>
                  <Typography.Text>{refused.title}</Typography.Text>
                  <Button onClick={() => void loadPublished()} data-testid="publish-stale-reload">
                    {t('designer.publish.staleReload')}
                  </Button>
                  <Button danger onClick={() => void publish(retire, true)} loading={publishing} data-testid="publish-stale-overwrite">
                    {t('designer.publish.staleOverwrite')}
                  </Button>
                </Space>
              )}
              {refused.status === 409 && !refused.stale && (
                <Button type="primary" onClick={() => void publish(true)} loading={publishing} data-testid="publish-retire">
                  {t('designer.publish.publishRetiring')}
                </Button>
              )}
            </Space>
          }
        />
      )}
      {diff && (
        <Card size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input placeholder={t('designer.publish.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="publish-note" />
            {retirable && (
              <Checkbox checked={retire} onChange={(e) => setRetire(e.target.checked)} data-testid="publish-retire-choice">
                {t('designer.publish.retireChoice')}
              </Checkbox>
            )}
            <Button type="primary" disabled={diff.documents.length === 0 || publishing} loading={publishing} onClick={() => void publish(retire)} data-testid="publish-submit">
              {t('designer.publish.submit')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
