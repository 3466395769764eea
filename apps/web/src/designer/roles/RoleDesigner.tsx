import { DeleteOutlined } from '@ant-design/icons';
import type { ObjectPermission, RoleDefinition } from '@tessera/metadata';
import { Button, Card, Checkbox, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useLabel } from '../../i18n/label';
import { NewDocumentButton } from '../approvals/NewDocumentButton';
import { documentPath } from '../designer.paths';
import { useDraft } from '../draft/draft.store';
import { documentsOf, tidy } from '../pipelines/designer-fields';
import { LabelInput } from '../pipelines/LabelInput';

const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import', 'moveStage', 'reassign'] as const;
const SCOPES = ['own', 'orgUnit', 'orgUnitAndBelow', 'all'] as const;
const CAPABILITIES = ['design', 'publish', 'packImport', 'packExport', 'userAdmin', 'approvalAdmin'] as const;
/** Row scopes from narrowest to widest: the write scope may not be wider than the read scope. */
const WIDTH: Record<(typeof SCOPES)[number], number> = { own: 0, orgUnit: 1, orgUnitAndBelow: 2, all: 3 };

/** /admin/roles/:key — capabilities, and per object the actions, row scopes and field access. */
export function RoleDesigner() {
  const { key } = useParams();
  const draft = useDraft();
  const { t } = useTranslation();
  const { label } = useLabel();
  const role = key ? draft.find('role', key) : undefined;
  if (!role) {
    const all = documentsOf(draft.documents, 'role');
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.role.title')}</Typography.Title>
          <NewDocumentButton kind="role" needsObject={false} create={(k) => ({ kind: 'role', key: k, label: { 'zh-CN': k, en: k }, permissions: [] })} />
        </Space>
        {all.length === 0 && <Empty />}
        {all.map((r) => (
          <Card key={r.key} size="small">
            <Link to={documentPath('role', r.key)}>{label(r.label)}</Link> <Typography.Text type="secondary">{r.permissions.length}</Typography.Text>
          </Card>
        ))}
      </Space>
    );
  }
  return <RoleEditor key={role.key} role={role} />;
}

function RoleEditor({ role }: { role: RoleDefinition }) {
  const draft = useDraft();
  const { t } = useTranslation();
  const { label } = useLabel();
  const objects = documentsOf(draft.documents, 'object').filter((o) => !o.retired);
  const set = (patch: Partial<RoleDefinition>) => draft.update('role', role.key, tidy({ ...role, ...patch }));
  const setPermission = (i: number, p: ObjectPermission) => set({ permissions: role.permissions.map((x, j) => (j === i ? tidy(p) : x)) });
  const unlisted = objects.filter((o) => !role.permissions.some((p) => p.object === o.key));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="role-editor">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('designerFlows.role.title')}</Typography.Title>
        <LabelInput value={role.label} onChange={(l) => l && set({ label: l })} />
      </Space>
      {draft.problemsAt('role', role.key).map((p) => (
        <Typography.Text key={p.path + p.message} type="danger">{`${p.path}: ${p.message}`}</Typography.Text>
      ))}
      <Card size="small" title={t('designerFlows.role.capabilities')}>
        <Checkbox.Group value={role.capabilities ?? []} onChange={(v) => set({ capabilities: v.length ? (v as RoleDefinition['capabilities']) : undefined })} options={CAPABILITIES.map((c) => ({ value: c, label: t(`designerFlows.role.caps.${c}`) }))} />
      </Card>
      <Card size="small" title={t('designerFlows.role.permissions')} extra={
        <Select style={{ minWidth: 200 }} placeholder={t('designerFlows.role.addObject')} value={null} data-testid="role-add-object" onChange={(o: string) => set({ permissions: [...role.permissions, { object: o, actions: ['read'], readScope: 'own' }] })} options={unlisted.map((o) => ({ value: o.key, label: label(o.label) }))} />
      }>
        <Table<ObjectPermission>
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowKey="object"
          dataSource={role.permissions}
          expandable={{
            expandedRowRender: (p) => {
              const object = objects.find((o) => o.key === p.object);
              const i = role.permissions.indexOf(p);
              return (
                <Space wrap style={{ maxWidth: 900 }}>
                  {(object?.fields ?? []).filter((f) => !f.retired).map((f) => (
                    <Space key={f.key} size={4}>
                      <Typography.Text>{label(f.label)}</Typography.Text>
                      <Select size="small" style={{ width: 110 }} value={p.fields?.[f.key] ?? 'edit'} data-testid={`role-field-${p.object}-${f.key}`} onChange={(access) => {
                        const fields = { ...(p.fields ?? {}) };
                        if (access === 'edit') delete fields[f.key];
                        else fields[f.key] = access;
                        setPermission(i, { ...p, fields: Object.keys(fields).length ? fields : undefined });
                      }} options={(['edit', 'read', 'hidden'] as const).map((a) => ({ value: a, label: t(`designerFlows.role.access.${a}`) }))} />
                    </Space>
                  ))}
                </Space>
              );
            },
          }}
          columns={[
            { title: t('designerFlows.object'), dataIndex: 'object', width: 120, render: (o: string) => label(objects.find((x) => x.key === o)?.label) || o },
            {
              title: t('designerFlows.role.actions'),
              width: 420,
              render: (_: unknown, p, i) => <Checkbox.Group style={{ display: 'flex', flexWrap: 'wrap', rowGap: 4, minWidth: 400 }} value={p.actions} onChange={(v) => v.length && setPermission(i, { ...p, actions: v as ObjectPermission['actions'] })} options={ACTIONS.map((a) => ({ value: a, label: t(`designerFlows.role.actionNames.${a}`) }))} />,
            },
            {
              title: t('designerFlows.role.readScope'),
              render: (_: unknown, p, i) => <Select size="small" style={{ width: 150 }} value={p.readScope} onChange={(readScope) => setPermission(i, { ...p, readScope, writeScope: p.writeScope && WIDTH[p.writeScope] > WIDTH[readScope] ? readScope : p.writeScope })} options={SCOPES.map((s) => ({ value: s, label: t(`designerFlows.role.scopes.${s}`) }))} />,
            },
            {
              title: t('designerFlows.role.writeScope'),
              render: (_: unknown, p, i) => <Select size="small" allowClear style={{ width: 150 }} placeholder={t('designerFlows.role.sameAsRead')} value={p.writeScope} onChange={(writeScope) => setPermission(i, { ...p, writeScope: writeScope ?? undefined })} options={SCOPES.filter((s) => WIDTH[s] <= WIDTH[p.readScope]).map((s) => ({ value: s, label: t(`designerFlows.role.scopes.${s}`) }))} />,
            },
            {
              title: t('designerFlows.role.hiddenFields'),
              render: (_: unknown, p) => Object.entries(p.fields ?? {}).map(([f, a]) => <Tag key={f} color={a === 'hidden' ? 'red' : 'orange'}>{f}: {t(`designerFlows.role.access.${a}`)}</Tag>),
            },
            { title: '', render: (_: unknown, p, i) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designerFlows.remove')} onClick={() => set({ permissions: role.permissions.filter((_, j) => j !== i) })} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
