import type { Condition } from '@tessera/metadata';
import { Alert, Button, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { conditionText, expressionCondition } from './form-condition';

interface Props {
  condition: Condition | undefined;
  /** undefined removes the condition. */
  onChange(condition: Condition | undefined): void;
  fields: Array<{ key: string; label: string }>;
  sample?: Record<string, unknown>;
  placeholder?: string;
  testId: string;
}

/**
 * A form condition edited as JSONata. The text is written to the draft when the editor
 * loses focus (one undo step per edit, not per key). A condition over facts (attachments,
 * approvals) that has no JSONata form is shown as it is and can be replaced.
 */
export function ConditionField({ condition, onChange, fields, sample, placeholder, testId }: Props) {
  const { t } = useTranslation();
  const stored = condition ? conditionText(condition) : '';
  const [text, setText] = useState(stored ?? '');
  const [replacing, setReplacing] = useState(false);
  // Undo, redo or another item selected: show what the draft holds.
  useEffect(() => {
    setText(stored ?? '');
    setReplacing(false);
  }, [stored, condition]);

  if (stored === undefined && !replacing) {
    return (
      <Alert
        type="info"
        data-testid={testId}
        title={<Typography.Text code>{JSON.stringify(condition)}</Typography.Text>}
        action={
          <Button size="small" onClick={() => setReplacing(true)}>
            {t('designerForms.replaceCondition')}
          </Button>
        }
      />
    );
  }
  const commit = () => {
    if (text === stored) return;
    if (!text.trim() && !condition) return;
    onChange(expressionCondition(text, condition));
  };
  return <ExpressionEditor data-testid={testId} value={text} onChange={setText} onBlur={commit} fields={fields} sample={sample} placeholder={placeholder} />;
}
