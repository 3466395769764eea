import { AppstoreOutlined, AuditOutlined, BuildOutlined, LogoutOutlined, ProjectOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Grid, Layout, Menu, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/http';
import { readSession, writeSession } from '../auth/session';
import { useDashboardNavItems } from '../dashboards/dashboard-nav';
import { canDesign } from '../designer/DesignerRoutes';
import { useLabel } from '../i18n/label';
import { useMe, useWorkspace } from '../metadata/metadata.queries';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

/** Header (user, unit, roles, bell, language, sign-out), navigation built from what the user may read, then the page. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const me = useMe();
  const meta = useWorkspace();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const dashboards = useDashboardNavItems();

  if (!me.data || !meta.data) return <Spin fullscreen />;

  const readable = [...meta.data.objects.values()].filter((o) => me.data.objects[o.key]?.actions.includes('read'));
  const items: MenuProps['items'] = [
    ...dashboards,
    ...readable.map((o) => ({ key: `/o/${o.key}`, icon: <UnorderedListOutlined />, label: label(o.pluralLabel ?? o.label) })),
    ...readable
      .filter((o) => meta.data.pipelines.has(o.key))
      .map((o) => ({ key: `/board/${o.key}`, icon: <ProjectOutlined />, label: t('shell.board', { name: label(meta.data.pipelines.get(o.key)!.label) }) })),
    { key: '/approvals', icon: <AuditOutlined />, label: t('shell.approvals') },
    ...(canDesign(me.data) ? [{ key: '/admin', icon: <BuildOutlined />, label: t('designer.menu') }] : []),
  ];
  const selected = (items as Array<{ key: string }>).map((i) => i.key).filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`));

  const signOut = async () => {
    const session = readSession();
    await api('/api/auth/logout', { method: 'POST', body: { refreshToken: session?.refreshToken } }).catch(() => undefined);
    writeSession(null);
    client.clear();
    navigate('/');
  };

  const narrow = !screens.md;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="md"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        theme="light"
        width={220}
        style={narrow && !collapsed ? { position: 'fixed', zIndex: 20, height: '100vh' } : undefined}
      >
        <div style={{ padding: 16, fontWeight: 600 }}>
          <AppstoreOutlined /> {!collapsed && 'Tessera'}
        </div>
        <Menu
          mode="inline"
          aria-label={t('shell.navigation')}
          selectedKeys={selected}
          items={items}
          onClick={({ key }) => {
            navigate(key);
            if (narrow) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 12, padding: '0 16px', flexWrap: 'nowrap', overflow: 'hidden' }}>
          <Space size={4} style={{ color: '#fff', minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap' }} data-testid="current-user">
            <Typography.Text strong style={{ color: '#fff' }}>
              {me.data.user.displayName}
            </Typography.Text>
            {!narrow && me.data.orgUnit && <Typography.Text style={{ color: '#ddd' }}>{label(me.data.orgUnit.label)}</Typography.Text>}
            {!narrow && me.data.roles.map((r) => <Tag key={r.key}>{label(r.label)}</Tag>)}
          </Space>
          <NotificationBell />
          <LanguageSwitch />
          <Button type="text" aria-label={t('shell.signOut')} icon={<LogoutOutlined style={{ color: '#fff' }} />} onClick={signOut} />
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 8 : 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
