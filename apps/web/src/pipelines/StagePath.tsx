import type { ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Checkbox, Form, Input, Modal, Select, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import { BlockedMoveAlert, type FixTarget } from './BlockedMoveAlert';
import type { BlockedMove, RecordPipelineView, StageMoveView } from './pipeline.types';
import { moveStage } from './stage-move';

/**
 * The path bar: the pipeline's stages (done, current, overdue in red), a click asks to
 * move there; a refusal lists every unmet condition with its fix. Below it, the current
 * stage's checklist.
 */
export function StagePath({ object, pipeline, recordId, onFix }: { object: ObjectDefinition; pipeline: PipelineDefinition; recordId: string; onFix(fix: FixTarget): void }) {
  const { t } = useTranslation();
  const { label, language } = useLabel();
  const { message } = App.useApp();
  const client = useQueryClient();
  const key = ['pipeline', object.key, recordId];
  const view = useQuery({ queryKey: key, queryFn: () => api<RecordPipelineView>(`/api/objects/${object.key}/records/${recordId}/pipeline`) });
  const [blocked, setBlocked] = useState<BlockedMove | null>(null);
  const [asking, setAsking] = useState<StageMoveView | null>(null);
  const [form] = Form.useForm<{ reason?: string; comment?: string }>();

  if (!view.data) return null;
  const current = view.data.stage?.key;
  const stages = pipeline.stages.filter((s) => (s.type ?? 'open') === 'open' || s.key === current || view.data.moves.some((m) => m.to === s.key));
  const currentIndex = stages.findIndex((s) => s.key === current);

  const send = async (move: StageMoveView, extra: { reason?: string; comment?: string } = {}) => {
    setBlocked(null);
    try {
      const result = await moveStage(object.key, recordId, { stage: move.to, ...extra }, language);
      if (!result.ok) return setBlocked(result.blocked);
      client.setQueryData(key, result.view);
      await client.invalidateQueries({ queryKey: ['record', object.key, recordId] });
      message.success(t('stage.moved', { stage: label(move.label) }));
    } catch (error) {
      message.error(problemLines(error).join('; '));
    }
  };
  const ask = (stageKey: string) => {
    const move = view.data.moves.find((m) => m.to === stageKey);
    if (!move || stageKey === current || !view.data.canMove) return;
    if (move.requires.reason || move.requires.comment) {
      form.resetFields();
      setAsking(move);
    } else void send(move);
  };
  const toggle = async (item: string, done: boolean) => {
    try {
      await api(`/api/objects/${object.key}/records/${recordId}/checklist/${item}`, { method: done ? 'POST' : 'DELETE', ...(done && { body: {} }) });
      await client.invalidateQueries({ queryKey: key });
    } catch (error) {
      message.error(problemLines(error).join('; '));
    }
  };
  const targetLabel = blocked ? label(pipeline.stages.find((s) => s.key === blocked.to)?.label) : '';

  return (
    <Card size="small" data-testid="stage-path" title={<Space>{label(pipeline.label)}{view.data.overdue && <Tag color="red">{t('stage.overdue')}</Tag>}</Space>}>
      <Steps
        size="small"
        current={currentIndex}
        status={view.data.overdue ? 'error' : 'process'}
        onChange={(index) => ask(stages[index].key)}
        items={stages.map((s, i) => ({
          title: label(s.label),
          disabled: !view.data.moves.some((m) => m.to === s.key) || !view.data.canMove,
          status: i < currentIndex ? 'finish' : i === currentIndex ? (view.data.overdue ? 'error' : 'process') : 'wait',
          ...(s.key === current && s.type === 'lost' && { status: 'error' as const }),
        }))}
      />
      {blocked && <div style={{ marginTop: 12 }}><BlockedMoveAlert blocked={blocked} object={object} targetLabel={targetLabel} onFix={onFix} onClose={() => setBlocked(null)} /></div>}
      {view.data.checklist.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('stage.checklist')}</Typography.Text>
          <div>
            {view.data.checklist.map((c) => (
              <div key={c.key}>
                <Checkbox checked={c.done} disabled={!view.data.canMove} onChange={(e) => void toggle(c.key, e.target.checked)}>
                  {label(c.label)}
                </Checkbox>
              </div>
            ))}
          </div>
        </div>
      )}
      <Modal
        open={asking !== null}
        title={asking ? t('stage.moveTo', { stage: label(asking.label) }) : ''}
        okText={t('stage.move')}
        cancelText={t('form.cancel')}
        onCancel={() => setAsking(null)}
        onOk={async () => {
          // A refused validation shows on the fields; the dialog stays open.
          const values = await form.validateFields().catch(() => undefined);
          if (!values) return;
          const move = asking!;
          setAsking(null);
          await send(move, values);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {asking?.requires.reason && (
            <Form.Item name="reason" label={t('stage.reason')} rules={[{ required: true, message: t('stage.reasonRequired') }]}>
              <Select options={asking.requires.reasons.map((r) => ({ value: r.value, label: label(r.label) }))} />
            </Form.Item>
          )}
          <Form.Item name="comment" label={t('stage.comment')} rules={asking?.requires.comment ? [{ required: true, message: t('stage.commentRequired') }] : []}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
