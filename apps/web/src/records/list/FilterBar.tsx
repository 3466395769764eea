import { FilterOutlined } from '@ant-design/icons';
import type { Field } from '@tessera/metadata';
import { Button, Dropdown, Modal, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../i18n/label';
import { FieldFilterEditor } from './FieldFilterEditor';
import { isActive, ME, type FieldFilter, type ListState } from './list-state';
import type { OwnerOption } from './list.queries';

interface Props {
  fields: Field[];
  state: ListState;
  onChange(next: ListState): void;
  owners: OwnerOption[];
  /** The object has a pipeline with at least one timed stage. */
  canFilterOverdue: boolean;
}

/** Add-a-filter menu, the overdue switch and the active conditions as removable tags. */
export function FilterBar({ fields, state, onChange, owners, canFilterOverdue }: Props) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const [editing, setEditing] = useState<{ field: Field; draft: FieldFilter | undefined } | undefined>();
  const setFilter = (key: string, f: FieldFilter | undefined) => {
    const filters = { ...state.filters };
    if (f && isActive(f)) filters[key] = f;
    else delete filters[key];
    onChange({ ...state, filters });
  };
  const open = (field: Field) => setEditing({ field, draft: state.filters[field.key] });
  const summary = useSummary(owners);

  const active = fields.filter((f) => isActive(state.filters[f.key]));
  return (
    <>
      <Space wrap size={[8, 8]} data-testid="filter-bar">
        <Dropdown
          trigger={['click']}
          menu={{
            items: fields.map((f) => ({ key: f.key, label: label(f.label), 'data-testid': `filter-field-${f.key}` })),
            onClick: ({ key }) => open(fields.find((f) => f.key === key)!),
            style: { maxHeight: 360, overflowY: 'auto' },
          }}
        >
          <Button icon={<FilterOutlined />} data-testid="filter-add">
            {t('lists.addFilter')}
          </Button>
        </Dropdown>
        {canFilterOverdue && (
          <Space size={4}>
            <Switch size="small" data-testid="filter-overdue" checked={state.overdue} onChange={(overdue) => onChange({ ...state, overdue })} />
            <span>{t('lists.overdue')}</span>
          </Space>
        )}
        {active.map((f) => (
          <Tag
            key={f.key}
            color="blue"
            closable
            data-testid={`filter-tag-${f.key}`}
            onClose={(e) => {
              e.preventDefault();
              setFilter(f.key, undefined);
            }}
            onClick={() => open(f)}
            style={{ cursor: 'pointer' }}
          >
            {label(f.label)}: {summary(f, state.filters[f.key]!)}
          </Tag>
        ))}
        {state.overdue && (
          <Tag color="red" closable data-testid="filter-tag-overdue" onClose={(e) => (e.preventDefault(), onChange({ ...state, overdue: false }))}>
            {t('lists.overdue')}
          </Tag>
        )}
        {state.filter !== undefined && (
          <Tag color="purple" closable data-testid="filter-tag-drill" onClose={(e) => (e.preventDefault(), onChange({ ...state, filter: undefined }))}>
            {t('lists.filtered')}
          </Tag>
        )}
      </Space>
      <Modal
        open={!!editing}
        title={editing ? label(editing.field.label) : ''}
        okText={t('lists.apply')}
        okButtonProps={{ 'data-testid': 'filter-apply' }}
        onOk={() => {
          if (editing) setFilter(editing.field.key, editing.draft);
          setEditing(undefined);
        }}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
      >
        {editing && <FieldFilterEditor field={editing.field} value={editing.draft} owners={owners} onChange={(draft) => setEditing({ ...editing, draft })} />}
      </Modal>
    </>
  );
}

/** A condition in words for its tag: "≥ 100", "2026-01-01 ~ 2026-01-31", option labels, names. */
function useSummary(owners: OwnerOption[]) {
  const { t } = useTranslation();
  const { label } = useLabel();
  return (field: Field, f: FieldFilter): string => {
    if ('contains' in f) return `“${f.contains}”`;
    if ('is' in f) return f.is ? t('lists.yes') : t('lists.no');
    if ('in' in f) {
      if (field.type === 'select' || field.type === 'multiselect') return f.in.map((v) => label(field.options.find((o) => o.value === v)?.label) || v).join(', ');
      if (field.type === 'user') return f.in.map((v) => (v === ME ? t('lists.mine') : (owners.find((o) => o.id === v)?.displayName ?? v.slice(-8)))).join(', ');
      return t('lists.records', { count: f.in.length });
    }
    const r = f as { from?: string; to?: string; min?: number; max?: number };
    const [a, b] = 'from' in r || 'to' in r ? [r.from, r.to] : [r.min, r.max];
    if (a !== undefined && b !== undefined) return `${a} ~ ${b}`;
    return a !== undefined ? `≥ ${a}` : `≤ ${b}`;
  };
}
