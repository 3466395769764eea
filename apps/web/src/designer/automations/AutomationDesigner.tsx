import type { AutomationDefinition } from '@tessera/metadata';
import { Card, Checkbox, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { NewDocumentButton } from '../approvals/NewDocumentButton';
import { documentPath } from '../designer.paths';
import { useDraft } from '../draft/draft.store';
import { OptionalConditionEditor } from '../pipelines/conditions/ConditionEditor';
import { documentsOf, tidy } from '../pipelines/designer-fields';
import { LabelInput } from '../pipelines/LabelInput';
import { ActionListEditor } from './actions/ActionListEditor';
import { TriggerEditor } from './TriggerEditor';

/** /admin/automations/:key — when (trigger), whether (condition) and what (ordered actions). */
export function AutomationDesigner() {
  const { key } = useParams();
  const draft = useDraft();
  const { t } = useTranslation();
  const { label } = useLabel();
  const automation = key ? draft.find('automation', key) : undefined;
  if (!automation) {
    const all = documentsOf(draft.documents, 'automation');
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.automation.title')}</Typography.Title>
          <NewDocumentButton kind="automation" create={(k, object) => ({ kind: 'automation', key: k, object, label: { 'zh-CN': k, en: k }, trigger: { on: 'created' }, actions: [{ kind: 'notify', to: [{ kind: 'field', field: 'owner_id' }], title: { 'zh-CN': '新记录', en: 'New record' } }] })} />
        </Space>
        {all.length === 0 && <Empty />}
        {all.map((a) => (
          <Card key={a.key} size="small">
            <Link to={documentPath('automation', a.key)}>{label(a.label)}</Link> <Tag>{t(`designerFlows.automation.triggers.${a.trigger.on}`)}</Tag>
            {a.enabled === false && <Tag>{t('designerFlows.automation.disabled')}</Tag>}
          </Card>
        ))}
      </Space>
    );
  }
  return <AutomationEditor key={automation.key} automation={automation} />;
}

function AutomationEditor({ automation }: { automation: AutomationDefinition }) {
  const draft = useDraft();
  const { t } = useTranslation();
  const { label } = useLabel();
  const object = draft.find('object', automation.object);
  const set = (patch: Partial<AutomationDefinition>) => draft.update('automation', automation.key, tidy({ ...automation, ...patch }));
  const scope = { object, documents: draft.documents };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="automation-editor">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.automation.title')}</Typography.Title>
        <LabelInput value={automation.label} onChange={(l) => l && set({ label: l })} />
        <Tag>{label(object?.label) || automation.object}</Tag>
        <Checkbox checked={automation.enabled ?? true} onChange={(e) => set({ enabled: e.target.checked ? undefined : false })}>{t('designerFlows.automation.enabled')}</Checkbox>
      </Space>
      {draft.problemsAt('automation', automation.key).map((p) => (
        <Typography.Text key={p.path + p.message} type="danger">{`${p.path}: ${p.message}`}</Typography.Text>
      ))}
      <Card size="small" title={t('designerFlows.automation.trigger')}>
        <TriggerEditor value={automation.trigger} onChange={(trigger) => set({ trigger })} object={object} documents={draft.documents} />
      </Card>
      <Card size="small" title={t('designerFlows.automation.when')}>
        <OptionalConditionEditor value={automation.when} onChange={(when) => set({ when })} scope={scope} testId="automation-when" />
      </Card>
      <Card size="small" title={t('designerFlows.automation.actions')}>
        <ActionListEditor min={1} value={automation.actions} onChange={(actions) => actions && set({ actions })} scope={scope} testId="automation-actions" />
      </Card>
    </Space>
  );
}
