import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ObjectDefinition } from '@tessera/metadata';
import { Button, Card, Empty, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import type { DraftProblem } from '../draft/draft.contract';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { expressionFields } from '../pipelines/designer-fields';
import { CommitInput } from './CommitInput';
import { KEY_PATTERN } from './field-key';
import { LabelInputs } from './LabelInputs';
import { newDuplicateRule, newRule } from './object.edit';

type Rule = NonNullable<ObjectDefinition['rules']>[number];
type DuplicateRule = NonNullable<ObjectDefinition['duplicateRules']>[number];

/**
 * The object's record rules: validation rules (JSONata that must hold; an error refuses
 * the write, a warning asks the writer to confirm — "price below cost") and duplicate
 * rules (field sets that identify a record). Each edit is one undo step.
 */
export function ObjectRules({ object, onChange, problems }: { object: ObjectDefinition; onChange(next: (o: ObjectDefinition) => ObjectDefinition): void; problems(prefix: string): DraftProblem[] }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const rules = object.rules ?? [];
  const duplicates = object.duplicateRules ?? [];
  const fields = object.fields.filter((f) => !f.retired).map((f) => ({ value: f.key, label: `${label(f.label)} (${f.key})` }));
  const setRule = (i: number, rule: Rule) => onChange((o) => ({ ...o, rules: (o.rules ?? []).map((r, j) => (j === i ? rule : r)) }));
  const setDuplicate = (i: number, rule: DuplicateRule) => onChange((o) => ({ ...o, duplicateRules: (o.duplicateRules ?? []).map((r, j) => (j === i ? rule : r)) }));
  const keyCheck = (taken: string[]) => (key: string) => (!KEY_PATTERN.test(key) ? t('designer.rules.keyPattern') : taken.includes(key) ? t('designer.rules.keyTaken') : undefined);

  return (
    <Card size="small" title={t('designer.rules.title')} data-testid="object-rules">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Space>
          <Typography.Text strong>{t('designer.rules.validation')}</Typography.Text>
          <Button size="small" icon={<PlusOutlined />} data-testid="rule-add" onClick={() => onChange((o) => ({ ...o, rules: [...(o.rules ?? []), newRule(o)] }))}>
            {t('designer.rules.add')}
          </Button>
        </Space>
        {rules.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designer.rules.none')} />}
        {rules.map((rule, i) => (
          <Card key={`${i}:${rule.key}`} size="small" data-testid={`rule-${i}`}>
            <Space wrap align="start">
              <CommitInput value={rule.key} aria-label={t('designer.rules.key')} data-testid={`rule-${i}-key`} check={keyCheck(rules.filter((_, j) => j !== i).map((r) => r.key))} onCommit={(key) => setRule(i, { ...rule, key })} />
              <Select
                style={{ width: 140 }}
                value={rule.severity}
                data-testid={`rule-${i}-severity`}
                onChange={(severity) => setRule(i, { ...rule, severity })}
                options={(['error', 'warning'] as const).map((s) => ({ value: s, label: t(`designer.rules.severity.${s}`) }))}
              />
              <Select
                style={{ width: 140 }}
                value={rule.when ?? 'always'}
                onChange={(when) => setRule(i, { ...rule, when: when === 'always' ? undefined : when })}
                options={(['always', 'create', 'update'] as const).map((w) => ({ value: w, label: t(`designer.rules.when.${w}`) }))}
              />
              <Select
                allowClear
                style={{ width: 200 }}
                placeholder={t('designer.rules.field')}
                value={rule.field}
                onChange={(field?: string) => setRule(i, { ...rule, field })}
                options={fields}
              />
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('designer.rules.remove')} onClick={() => onChange((o) => ({ ...o, rules: (o.rules ?? []).filter((_, j) => j !== i) }))} />
            </Space>
            <RuleExpression value={rule.expression} fields={expressionFields(object, label)} testId={`rule-${i}-expression`} onCommit={(expression) => setRule(i, { ...rule, expression })} />
            <Typography.Text type="secondary">{t('designer.rules.message')}</Typography.Text>
            <LabelInputs value={rule.message} testId={`rule-${i}-message`} onChange={(message) => message && setRule(i, { ...rule, message })} />
            {problems(`/rules/${i}`).map((p) => (
              <Typography.Paragraph key={p.path + p.message} type="danger" style={{ margin: 0 }}>
                {p.path}: {p.message}
              </Typography.Paragraph>
            ))}
          </Card>
        ))}

        <Space>
          <Typography.Text strong>{t('designer.rules.duplicates')}</Typography.Text>
          <Button size="small" icon={<PlusOutlined />} data-testid="duplicate-add" onClick={() => onChange((o) => ({ ...o, duplicateRules: [...(o.duplicateRules ?? []), newDuplicateRule(o)] }))}>
            {t('designer.rules.add')}
          </Button>
        </Space>
        {duplicates.map((rule, i) => (
          <Card key={`${i}:${rule.key}`} size="small" data-testid={`duplicate-${i}`}>
            <Space wrap align="start">
              <CommitInput value={rule.key} aria-label={t('designer.rules.key')} check={keyCheck(duplicates.filter((_, j) => j !== i).map((r) => r.key))} onCommit={(key) => setDuplicate(i, { ...rule, key })} />
              <Select mode="multiple" style={{ minWidth: 260 }} value={rule.fields} onChange={(next: string[]) => next.length > 0 && setDuplicate(i, { ...rule, fields: next })} options={fields} data-testid={`duplicate-${i}-fields`} />
              <Select
                style={{ width: 180 }}
                value={rule.normalize ?? 'lowercase'}
                onChange={(normalize) => setDuplicate(i, { ...rule, normalize })}
                options={(['none', 'lowercase', 'alnum'] as const).map((n) => ({ value: n, label: t(`designer.rules.normalize.${n}`) }))}
              />
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('designer.rules.remove')} onClick={() => onChange((o) => ({ ...o, duplicateRules: (o.duplicateRules ?? []).filter((_, j) => j !== i) }))} />
            </Space>
            {problems(`/duplicateRules/${i}`).map((p) => (
              <Typography.Paragraph key={p.path + p.message} type="danger" style={{ margin: 0 }}>
                {p.path}: {p.message}
              </Typography.Paragraph>
            ))}
          </Card>
        ))}
      </Space>
    </Card>
  );
}

/** The rule's JSONata, committed when the editor loses focus. */
function RuleExpression({ value, fields, onCommit, testId }: { value: string; fields: Array<{ key: string; label: string }>; onCommit(v: string): void; testId: string }) {
  const [text, setText] = useState(value);
  return <ExpressionEditor data-testid={testId} value={text} onChange={setText} onBlur={() => text !== value && text.trim() && onCommit(text)} fields={fields} rows={2} />;
}
