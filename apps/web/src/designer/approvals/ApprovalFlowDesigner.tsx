import { ArrowDownOutlined, ArrowUpOutlined, BranchesOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ApprovalFlowDefinition, ApprovalStep, ObjectDefinition } from '@tessera/metadata';
import { Button, Card, Checkbox, Col, Empty, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { ActionListEditor } from '../automations/actions/ActionListEditor';
import { documentPath } from '../designer.paths';
import { useDraft } from '../draft/draft.store';
import { OptionalConditionEditor } from '../pipelines/conditions/ConditionEditor';
import { moveItem } from '../list.move';
import { documentsOf, fieldOptions, tidy } from '../pipelines/designer-fields';
import { LabelInput } from '../pipelines/LabelInput';
import { conditionSummary } from './condition-summary';
import { NewDocumentButton } from './NewDocumentButton';
import { SimulatorPanel } from './SimulatorPanel';
import { StepEditor } from './StepEditor';

/** /admin/approvals/:key — an approval flow drawn top to bottom, its steps edited one at a time, and the simulator. */
export function ApprovalFlowDesigner() {
  const { key } = useParams();
  const draft = useDraft();
  const { t } = useTranslation();
  const { label } = useLabel();
  const flow = key ? draft.find('approvalFlow', key) : undefined;
  if (!flow) {
    const all = documentsOf(draft.documents, 'approvalFlow');
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.approval.title')}</Typography.Title>
          <NewDocumentButton
            kind="approvalFlow"
            create={(k, object) => ({ kind: 'approvalFlow', key: k, object, label: { 'zh-CN': k, en: k }, steps: [{ key: 'manager', label: { 'zh-CN': '上级审批', en: 'Manager' }, approvers: [{ kind: 'manager' }] }] })}
          />
        </Space>
        {all.length === 0 && <Empty />}
        {all.map((f) => (
          <Card key={f.key} size="small">
            <Link to={documentPath('approvalFlow', f.key)}>{label(f.label)}</Link> <Typography.Text type="secondary">{f.object} · {f.steps.length}</Typography.Text>
          </Card>
        ))}
      </Space>
    );
  }
  return <FlowEditor key={flow.key} flow={flow} object={draft.find('object', flow.object)} />;
}

function FlowEditor({ flow, object }: { flow: ApprovalFlowDefinition; object: ObjectDefinition | undefined }) {
  const draft = useDraft();
  const { t } = useTranslation();
  const { label } = useLabel();
  const [selected, setSelected] = useState(0);
  const index = Math.min(selected, flow.steps.length - 1);
  const set = (patch: Partial<ApprovalFlowDefinition>) => draft.update('approvalFlow', flow.key, tidy({ ...flow, ...patch }));
  const setSteps = (steps: ApprovalStep[]) => set({ steps });
  const start = flow.start ?? {};
  const setStart = (patch: Partial<NonNullable<ApprovalFlowDefinition['start']>>) => {
    const next = tidy({ ...start, ...patch });
    set({ start: Object.keys(next).length ? next : undefined });
  };
  const pipeline = documentsOf(draft.documents, 'pipeline').find((p) => p.object === flow.object);
  const roles = documentsOf(draft.documents, 'role');
  const scope = { object, documents: draft.documents };
  const kindName = (k: string) => t(`designerFlows.condition.kinds.${k}`, { defaultValue: t(`designerFlows.condition.ops.${k}`, { defaultValue: k }) });
  const problems = draft.problemsAt('approvalFlow', flow.key);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.approval.title')}</Typography.Title>
        <LabelInput value={flow.label} onChange={(l) => l && set({ label: l })} />
        <Tag>{label(object?.label) || flow.object}</Tag>
      </Space>
      {problems.map((p) => (
        <Typography.Text key={p.path + p.message} type="danger" data-testid="flow-problem">{`${p.path}: ${p.message}`}</Typography.Text>
      ))}
      <Card size="small" title={t('designerFlows.approval.start')}>
        <Space wrap align="start">
          <Checkbox checked={start.manual ?? true} onChange={(e) => setStart({ manual: e.target.checked ? undefined : false })}>{t('designerFlows.approval.manual')}</Checkbox>
          <Checkbox checked={flow.lockRecord ?? true} onChange={(e) => set({ lockRecord: e.target.checked ? undefined : false })}>{t('designerFlows.approval.lockRecord')}</Checkbox>
          <Select mode="multiple" allowClear style={{ minWidth: 200 }} placeholder={t('designerFlows.approval.submitters')} value={start.submitters ?? []} onChange={(v) => setStart({ submitters: v.length ? v : undefined })} options={roles.map((r) => ({ value: r.key, label: label(r.label) }))} />
          <Select mode="multiple" allowClear style={{ minWidth: 200 }} placeholder={t('designerFlows.approval.onStageEnter')} value={start.onStageEnter ?? []} onChange={(v) => setStart({ onStageEnter: v.length ? v : undefined })} options={(pipeline?.stages ?? []).map((s) => ({ value: s.key, label: label(s.label) }))} />
          <Select mode="multiple" allowClear style={{ minWidth: 200 }} placeholder={t('designerFlows.approval.editableFields')} value={flow.editableFields ?? []} onChange={(v) => set({ editableFields: v.length ? v : undefined })} options={fieldOptions(object, label)} />
        </Space>
        <Row gutter={16} style={{ marginTop: 8 }}>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('designerFlows.approval.entryWhen')}</Typography.Text>
            <OptionalConditionEditor value={start.when} onChange={(when) => setStart({ when })} scope={scope} />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text type="secondary">{t('designerFlows.approval.onSave')}</Typography.Text>
            <OptionalConditionEditor value={start.onSave} onChange={(onSave) => setStart({ onSave })} scope={scope} />
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <div data-testid="flow-steps">
            <Tag color="blue" style={{ marginBottom: 8 }}>{t('designerFlows.approval.submit')}</Tag>
            {flow.steps.map((s, i) => (
              <div key={s.key + i} style={{ marginLeft: s.when ? 24 : 0 }}>
                <div style={{ borderLeft: '2px solid #d9d9d9', height: 16, marginLeft: 12 }} />
                <Card
                  size="small"
                  data-testid={`flow-step-${s.key}`}
                  onClick={() => setSelected(i)}
                  style={{ cursor: 'pointer', borderColor: i === index ? '#1677ff' : undefined, background: i === index ? '#e6f4ff' : undefined }}
                  title={<Space>{s.when && <BranchesOutlined />}{label(s.label) || s.key}</Space>}
                  extra={
                    <Space size={0} onClick={(e) => e.stopPropagation()}>
                      <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('designerFlows.moveUp')} disabled={i === 0} onClick={() => { setSteps(moveItem(flow.steps, i, i - 1)); setSelected(i - 1); }} />
                      <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('designerFlows.moveDown')} disabled={i === flow.steps.length - 1} onClick={() => { setSteps(moveItem(flow.steps, i, i + 1)); setSelected(i + 1); }} />
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} disabled={flow.steps.length <= 1} onClick={() => setSteps(flow.steps.filter((_, j) => j !== i))} />
                    </Space>
                  }
                >
                  <Space orientation="vertical" size={2}>
                    <Typography.Text type={s.when ? 'warning' : 'secondary'} data-testid={`flow-step-${s.key}-when`}>
                      {s.when ? `${t('designerFlows.approval.if')} ${conditionSummary(s.when, object, label, kindName)}` : t('designerFlows.approval.always')}
                    </Typography.Text>
                    <Space wrap size={4}>
                      <Tag>{t(`designerFlows.approval.modes.${s.mode ?? 'any'}`)}</Tag>
                      {s.sla && <Tag color="orange">SLA {s.sla}</Tag>}
                      {s.approvers.map((p, j) => <Tag key={j}>{p.kind === 'role' ? p.role : p.kind === 'user' ? p.login : p.kind === 'field' ? p.field : t('designerFlows.principal.kinds.manager')}</Tag>)}
                    </Space>
                  </Space>
                </Card>
              </div>
            ))}
            <div style={{ borderLeft: '2px solid #d9d9d9', height: 16, marginLeft: 12 }} />
            <Space>
              <Tag color="green">{t('designerFlows.approval.approved')}</Tag>
              <Button size="small" icon={<PlusOutlined />} data-testid="flow-add-step" onClick={() => {
                const used = new Set(flow.steps.map((s) => s.key));
                let n = flow.steps.length + 1;
                while (used.has(`step_${n}`)) n++;
                setSteps([...flow.steps, { key: `step_${n}`, label: { 'zh-CN': `第 ${n} 步`, en: `Step ${n}` }, approvers: [{ kind: 'manager' }] }]);
                setSelected(flow.steps.length);
              }}>{t('designerFlows.approval.addStep')}</Button>
            </Space>
          </div>
        </Col>
        <Col xs={24} lg={15}>
          {flow.steps[index] && (
            <Card size="small" title={label(flow.steps[index].label)}>
              <StepEditor key={index} step={flow.steps[index]} object={object} documents={draft.documents} onChange={(next) => setSteps(flow.steps.map((s, j) => (j === index ? next : s)))} />
            </Card>
          )}
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('designerFlows.approval.onApproved')}>
            <ActionListEditor value={flow.onApproved} onChange={(onApproved) => set({ onApproved })} scope={scope} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('designerFlows.approval.onRejected')}>
            <ActionListEditor value={flow.onRejected} onChange={(onRejected) => set({ onRejected })} scope={scope} />
          </Card>
        </Col>
      </Row>
      <SimulatorPanel flow={flow} object={object} />
    </Space>
  );
}
