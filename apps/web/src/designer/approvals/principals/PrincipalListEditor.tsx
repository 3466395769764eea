import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { MetadataDocument, ObjectDefinition, Principal } from '@tessera/metadata';
import { Button, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../i18n/label';
import { documentsOf, fieldOptions, tidy } from '../../pipelines/designer-fields';

type Kind = Principal['kind'];

/** A fresh principal of each resolver kind (schemas: rolePrincipal, managerPrincipal, fieldPrincipal, userPrincipal). */
const PRINCIPAL_DEFAULTS: { [K in Kind]: (roles: string[]) => Extract<Principal, { kind: K }> } = {
  role: (roles) => ({ kind: 'role', role: roles[0] ?? 'role', scope: 'ownerChain' }),
  manager: () => ({ kind: 'manager' }),
  field: () => ({ kind: 'field', field: 'owner_id' }),
  user: () => ({ kind: 'user', login: 'admin' }),
};

/** Approvers, recipients or escalation targets: the union of every principal, each of any resolver kind. */
export function PrincipalListEditor({ value, onChange, object, documents, testId }: { value: Principal[] | undefined; onChange(next: Principal[]): void; object: ObjectDefinition | undefined; documents: readonly MetadataDocument[]; testId?: string }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const list = value ?? [];
  const roles = documentsOf(documents, 'role');
  const userFields = fieldOptions(object, label, ['user']);
  const set = (i: number, next: Principal) => onChange(list.map((p, j) => (j === i ? next : p)));
  const kinds = Object.keys(PRINCIPAL_DEFAULTS) as Kind[];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      {list.map((p, i) => (
        <Space key={i} wrap>
          <Select style={{ width: 150 }} value={p.kind} onChange={(kind) => set(i, PRINCIPAL_DEFAULTS[kind](roles.map((r) => r.key)))} options={kinds.map((k) => ({ value: k, label: t(`designerFlows.principal.kinds.${k}`) }))} />
          {p.kind === 'role' && (
            <>
              <Select showSearch style={{ minWidth: 160 }} value={p.role} onChange={(role) => set(i, { ...p, role })} options={roles.map((r) => ({ value: r.key, label: label(r.label) }))} data-testid={testId && `${testId}-${i}-role`} />
              <Select style={{ width: 170 }} value={p.scope ?? 'ownerChain'} onChange={(scope) => set(i, { ...p, scope })} options={(['ownerChain', 'ownerUnit', 'anywhere'] as const).map((s) => ({ value: s, label: t(`designerFlows.principal.scopes.${s}`) }))} />
            </>
          )}
          {p.kind === 'manager' && (
            <>
              <Select style={{ minWidth: 160 }} value={p.of ?? 'owner_id'} onChange={(of) => set(i, tidy({ ...p, of: of === 'owner_id' ? undefined : of }))} options={userFields} />
              <InputNumber min={1} max={5} addonAfter={t('designerFlows.principal.levels')} value={p.levels ?? 1} onChange={(levels) => set(i, tidy({ ...p, levels: levels && levels > 1 ? levels : undefined }))} />
            </>
          )}
          {p.kind === 'field' && <Select style={{ minWidth: 160 }} value={p.field} onChange={(field) => set(i, { ...p, field })} options={userFields} />}
          {p.kind === 'user' && <Input style={{ width: 180 }} placeholder={t('designerFlows.principal.login')} value={p.login} onChange={(e) => set(i, { ...p, login: e.target.value })} />}
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => onChange(list.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...list, PRINCIPAL_DEFAULTS.role(roles.map((r) => r.key))])} data-testid={testId && `${testId}-add`}>
        {t('designerFlows.principal.add')}
      </Button>
    </Space>
  );
}
