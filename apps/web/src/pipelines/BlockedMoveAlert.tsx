import type { ObjectDefinition } from '@tessera/metadata';
import { Alert, Button, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../i18n/label';
import type { BlockedMove } from './pipeline.types';

export interface FixTarget {
  field?: string;
  category?: string;
  item?: string;
}

/** Every reason a move was refused, each with the way to fix it when the UI has one. */
export function BlockedMoveAlert({ blocked, object, targetLabel, onFix, onClose }: { blocked: BlockedMove; object: ObjectDefinition; targetLabel: string; onFix?: (fix: FixTarget) => void; onClose?: () => void }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const rows = [
    ...blocked.unmet.map((u) => ({ key: u.path, message: label(u.message), fix: { field: u.field, category: u.category, item: u.item } as FixTarget })),
    ...blocked.problems.map((p) => ({ key: p.path || p.message, message: p.message, fix: undefined })),
  ];
  const fixText = (fix: FixTarget) => {
    const field = object.fields.find((f) => f.key === fix.field);
    if (fix.category || field?.type === 'attachment') return t('stage.fixUpload');
    if (fix.item) return t('stage.fixChecklist');
    if (field) return t('stage.fixField', { field: label(field.label) });
    return null;
  };
  return (
    <Alert
      type="error"
      role="alert"
      data-testid="blocked-move"
      closable={onClose ? { onClose } : false}
      title={t('stage.blocked', { stage: targetLabel })}
      description={
        <List
          size="small"
          dataSource={rows}
          renderItem={(row) => {
            const text = row.fix && onFix ? fixText(row.fix) : null;
            return (
              <List.Item actions={text ? [<Button key="fix" size="small" onClick={() => onFix!(row.fix!)}>{text}</Button>] : []}>
                {row.message}
              </List.Item>
            );
          }}
        />
      }
    />
  );
}
