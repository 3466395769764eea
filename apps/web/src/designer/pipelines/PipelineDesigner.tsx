import { ExperimentOutlined } from '@ant-design/icons';
import type { MetadataDocument, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { Button, Card, Col, Drawer, Empty, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { documentPath } from '../designer.paths';
import { putDocument } from '../draft/draft.documents';
import { useDraft } from '../draft/draft.store';
import { documentsOf } from './designer-fields';
import { GateTestPanel } from './GateTestPanel';
import { LabelInput } from './LabelInput';
import { NewDocumentButton } from '../approvals/NewDocumentButton';
import { addStage, newPipeline, removeStage, reorderStages, updateStage } from './pipeline.edit';
import { StageList, WithDnd } from './StageList';
import { StagePanel } from './StagePanel';

/** /admin/pipelines/:key — the stages of one pipeline: reorder by dragging, edit the selected one, test the gates on a real record. */
export function PipelineDesigner() {
  const { key } = useParams();
  const draft = useDraft();
  const { t } = useTranslation();
  const { label } = useLabel();
  const pipeline = key ? draft.find('pipeline', key) : undefined;
  if (!pipeline) {
    const all = documentsOf(draft.documents, 'pipeline');
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.pipeline.title')}</Typography.Title>
          <NewDocumentButton
            kind="pipeline"
            offer={(o) => !all.some((p) => p.object === o.key)}
            create={(k, objectKey) => {
              const made = newPipeline(k, draft.find('object', objectKey)!);
              return [...putDocument(draft.documents, 'object', objectKey, made.object), made.pipeline];
            }}
          />
        </Space>
        {all.length === 0 && <Empty />}
        {all.map((p) => (
          <Card key={p.key} size="small">
            <Link to={documentPath('pipeline', p.key)}>{label(p.label)}</Link> <Typography.Text type="secondary">{p.object} · {p.stages.length}</Typography.Text>
          </Card>
        ))}
      </Space>
    );
  }
  return <PipelineEditor key={pipeline.key} pipeline={pipeline} object={draft.find('object', pipeline.object)} />;
}

function PipelineEditor({ pipeline, object }: { pipeline: PipelineDefinition; object: ObjectDefinition | undefined }) {
  const draft = useDraft();
  const { t } = useTranslation();
  const [selected, setSelected] = useState(0);
  const [testing, setTesting] = useState(false);
  const index = Math.min(selected, pipeline.stages.length - 1);
  const stage = pipeline.stages[index];
  const problems = draft.problemsAt('pipeline', pipeline.key);

  /** The pipeline and its object's stage field change together: one undo step. */
  const commit = (next: { pipeline: PipelineDefinition; object: ObjectDefinition }) => {
    let docs: MetadataDocument[] = putDocument(draft.documents, 'pipeline', pipeline.key, next.pipeline);
    if (object && next.object !== object) docs = putDocument(docs, 'object', object.key, next.object);
    draft.replaceAll(docs);
  };
  const withObject = (fn: (o: ObjectDefinition) => { pipeline: PipelineDefinition; object: ObjectDefinition }) =>
    object ? commit(fn(object)) : undefined;

  return (
    <WithDnd>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.pipeline.title')}</Typography.Title>
          <LabelInput value={pipeline.label} onChange={(l) => l && draft.update('pipeline', pipeline.key, { ...pipeline, label: l })} />
        </Space>
        <Button icon={<ExperimentOutlined />} onClick={() => setTesting(true)} disabled={!object} data-testid="gate-test-open">
          {t('designerFlows.gateTest.button')}
        </Button>
      </Space>
      {!object && <Typography.Text type="danger">{t('designerFlows.pipeline.noObject', { object: pipeline.object })}</Typography.Text>}
      {problems.filter((p) => !p.path.startsWith('/stages/')).map((p) => (
        <Typography.Paragraph key={p.path + p.message} type="danger" data-testid="pipeline-problem">{`${p.path}: ${p.message}`}</Typography.Paragraph>
      ))}
      <Row gutter={16}>
        <Col xs={24} md={9}>
          <StageList
            stages={pipeline.stages}
            selected={index}
            onSelect={setSelected}
            problemCount={(i) => draft.problemsAt('pipeline', pipeline.key, `/stages/${i}/`).length}
            onMove={(from, to) => {
              withObject((o) => reorderStages(pipeline, o, from, to));
              setSelected(to);
            }}
            onAdd={() =>
              withObject((o) => {
                const r = addStage(pipeline, o);
                setSelected(r.index);
                return r;
              })
            }
          />
        </Col>
        <Col xs={24} md={15}>
          {stage && (
            <StagePanel
              key={`${index}`}
              stage={stage}
              pipeline={pipeline}
              object={object}
              documents={draft.documents}
              problems={draft.problemsAt('pipeline', pipeline.key, `/stages/${index}/`)}
              onChange={(next) => withObject((o) => updateStage(pipeline, o, index, next))}
              onRemove={() => {
                withObject((o) => removeStage(pipeline, o, index));
                setSelected(Math.max(0, index - 1));
              }}
            />
          )}
        </Col>
      </Row>
      <Drawer open={testing} onClose={() => setTesting(false)} title={t('designerFlows.gateTest.button')} size="large" destroyOnHidden>
        {object && <GateTestPanel pipeline={pipeline} object={object} documents={draft.documents} />}
      </Drawer>
    </WithDnd>
  );
}
