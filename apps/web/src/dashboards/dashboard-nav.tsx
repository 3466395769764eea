import { DashboardOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { useLabel } from '../i18n/label';
import { useDashboards } from './dashboard.queries';

/** Navigation entries: one per dashboard the viewer's roles may see. */
export function useDashboardNavItems(): NonNullable<MenuProps['items']> {
  const { label } = useLabel();
  const dashboards = useDashboards();
  return (dashboards.data?.items ?? []).map((d) => ({ key: `/dashboards/${d.key}`, icon: <DashboardOutlined />, label: label(d.label) }));
}
