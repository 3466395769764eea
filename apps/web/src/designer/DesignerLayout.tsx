import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  FormOutlined,
  HistoryOutlined,
  InboxOutlined,
  RedoOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UndoOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, Layout, List, Menu, Space, Spin, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useLabel } from '../i18n/label';
import { documentPath, KIND_ROUTES, type DesignedKind } from './designer.paths';
import { useDraft } from './draft/draft.store';

const KIND_ICONS: Record<DesignedKind, ReactNode> = {
  object: <DatabaseOutlined />,
  form: <FormOutlined />,
  pipeline: <ApartmentOutlined />,
  approvalFlow: <AuditOutlined />,
  automation: <ThunderboltOutlined />,
  role: <TeamOutlined />,
};

/** The designer's frame: the draft's documents by kind on the left, undo/redo, save state and problems on top. */
export function DesignerLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const draft = useDraft();
  const navigate = useNavigate();
  const location = useLocation();
  const [problemsOpen, setProblemsOpen] = useState(false);
  const [openGroups, setOpenGroups] = useState<string[]>([]);
  // The group of the screen shown is always open (problems and links can lead anywhere).
  const currentGroup = (Object.keys(KIND_ROUTES) as DesignedKind[]).find((k) => location.pathname.startsWith(`/admin/${KIND_ROUTES[k]}`));
  useEffect(() => {
    if (currentGroup) setOpenGroups((open) => (open.includes(`group:${currentGroup}`) ? open : [...open, `group:${currentGroup}`]));
  }, [currentGroup]);

  const kinds = Object.keys(KIND_ROUTES) as DesignedKind[];
  const items: MenuProps['items'] = [
    ...kinds.map((kind) => ({
      key: `group:${kind}`,
      icon: KIND_ICONS[kind],
      label: t(`designer.kinds.${kind}`),
      children: [
        { key: `/admin/${KIND_ROUTES[kind]}`, label: <Typography.Text type="secondary">{t('designer.overview')}</Typography.Text> },
        ...draft.documents
          .filter((d) => d.kind === kind)
          .map((d) => {
            const key = (d as { key: string }).key;
            const retired = (d as { retired?: boolean }).retired;
            const name = label((d as { label?: Parameters<typeof label>[0] }).label) || key;
            const count = draft.problemsAt(kind, key).length;
            return {
              key: documentPath(kind, key),
              label: (
                <span data-testid={`designer-doc-${kind}-${key}`} style={retired ? { textDecoration: 'line-through', opacity: 0.6 } : undefined}>
                  {name} {count > 0 && <Badge count={count} size="small" />}
                </span>
              ),
            };
          }),
      ],
    })),
    { type: 'divider' },
    { key: '/admin/publish', icon: <CloudUploadOutlined />, label: t('designer.publish.menu') },
    { key: '/admin/versions', icon: <HistoryOutlined />, label: t('designer.versions.menu') },
    { key: '/admin/packs', icon: <InboxOutlined />, label: t('designer.packs.menu') },
  ];
  const selected = decodeURIComponent(location.pathname);

  return (
    <Layout style={{ background: 'transparent', minHeight: '100%' }}>
      <Layout.Sider theme="light" width={240} style={{ borderRight: '1px solid #f0f0f0' }}>
        <Menu
          mode="inline"
          aria-label={t('designer.navigation')}
          selectedKeys={[selected]}
          openKeys={openGroups}
          onOpenChange={setOpenGroups}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout.Content style={{ padding: '0 16px', minWidth: 0 }}>
        <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
          <Space>
            <Tooltip title={t('designer.undo')}>
              <Button aria-label={t('designer.undo')} icon={<UndoOutlined />} disabled={!draft.canUndo} onClick={draft.undo} data-testid="designer-undo" />
            </Tooltip>
            <Tooltip title={t('designer.redo')}>
              <Button aria-label={t('designer.redo')} icon={<RedoOutlined />} disabled={!draft.canRedo} onClick={draft.redo} data-testid="designer-redo" />
            </Tooltip>
            <Typography.Text type="secondary" data-testid="designer-save-state">
              {draft.loading ? t('designer.loading') : draft.saving ? t('designer.saving') : t('designer.saved')}
            </Typography.Text>
          </Space>
          <Badge count={draft.problems.length} overflowCount={999}>
            <Button icon={<WarningOutlined />} onClick={() => setProblemsOpen(true)} data-testid="designer-problems" danger={draft.problems.length > 0}>
              {t('designer.problems.title')}
            </Button>
          </Badge>
        </Space>
        {draft.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('designer.saveFailed')} description={draft.error} />}
        {draft.loading ? <Spin /> : children}
      </Layout.Content>
      <Drawer open={problemsOpen} onClose={() => setProblemsOpen(false)} title={t('designer.problems.title')} width={480}>
        <List
          dataSource={draft.problems}
          locale={{ emptyText: t('designer.problems.none') }}
          renderItem={(p) => (
            <List.Item
              style={{ cursor: p.document ? 'pointer' : undefined }}
              onClick={() => {
                if (!p.document) return;
                setProblemsOpen(false);
                navigate(documentPath(p.document.kind, p.document.key));
              }}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {p.document && <Tag>{`${p.document.kind}:${p.document.key}`}</Tag>}
                    <Typography.Text code>{p.path || '/'}</Typography.Text>
                  </Space>
                }
                description={p.message}
              />
            </List.Item>
          )}
        />
      </Drawer>
    </Layout>
  );
}
