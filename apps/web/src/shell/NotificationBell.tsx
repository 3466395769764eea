import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/http';

interface NotificationView {
  id: string;
  title: string;
  body: string | null;
  link: { object: string; recordId: string } | null;
  createdAt: string;
  readAt: string | null;
}

/** Unread count on a bell; the popover lists the latest and opens the record a notification links to. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api<{ items: NotificationView[]; unread: number }>('/api/notifications?limit=10'),
    refetchInterval: 30_000,
  });
  const read = useMutation({
    mutationFn: (id: string) => api(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });

  const content = data?.items.length ? (
    <List
      style={{ width: 320, maxHeight: 400, overflow: 'auto' }}
      dataSource={data.items}
      renderItem={(n) => (
        <List.Item
          style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
          onClick={() => {
            if (!n.readAt) read.mutate(n.id);
            if (n.link) navigate(`/o/${n.link.object}/${n.link.recordId}`);
          }}
        >
          <List.Item.Meta title={n.title} description={<Typography.Text type="secondary">{n.body}</Typography.Text>} />
        </List.Item>
      )}
    />
  ) : (
    <Empty description={t('shell.noNotifications')} />
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Badge count={data?.unread ?? 0} size="small">
        <Button type="text" aria-label={t('shell.notifications')} icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} />
      </Badge>
    </Popover>
  );
}
