import { App, Form, Input, Modal, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { problemLines } from '../api/problem';
import type { InboxItem } from './approval.types';
import { UserPicker } from './UserPicker';

/** The task actions of the API (`POST /api/approvals/tasks/:taskId/:action`). */
export type TaskAction = 'approve' | 'reject' | 'return' | 'transfer' | 'add-approver' | 'comment';

interface Values {
  comment?: string;
  to?: string;
  user?: string;
  position?: 'before' | 'after';
}

/** Which actions need a comment: a rejection and a return always, a plain comment by definition, approval when the step says so. */
const commentRequired = (action: TaskAction, step: { commentRequired?: string } | undefined) =>
  action === 'reject' || action === 'return' || action === 'comment' || (action === 'approve' && step?.commentRequired === 'always');

/**
 * One decision on a task, with what that action asks for: 退回 to the submitter or the
 * previous step, 转办 to a user, 加签 of a user before or after oneself, a comment.
 */
export function TaskActionModal({ item, action, step, onClose }: { item: InboxItem | null; action: TaskAction; step?: { commentRequired?: string }; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();

  const send = async () => {
    // A refused validation shows on the fields; the modal stays open.
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const body: Record<string, unknown> = { ...(v.comment && { comment: v.comment }) };
    if (action === 'return') body.to = v.to;
    if (action === 'transfer') body.to = v.user;
    if (action === 'add-approver') Object.assign(body, { user: v.user, position: v.position });
    try {
      await api(`/api/approvals/tasks/${item!.task.id}/${action}`, { body });
      message.success(t(`approvals.done.${action}`));
      onClose();
      await client.invalidateQueries({ queryKey: ['inbox'] });
      await client.invalidateQueries({ queryKey: ['approvals', item!.record.object, item!.record.id] });
    } catch (error) {
      message.error(problemLines(error).join('; '));
    }
  };

  return (
    <Modal
      open={item !== null}
      title={item ? t(`approvals.actionTitle.${action}`, { title: item.record.title ?? '' }) : ''}
      okText={t(`approvals.action.${action}`)}
      okButtonProps={{ danger: action === 'reject' }}
      cancelText={t('form.cancel')}
      onOk={send}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ to: 'submitter', position: 'before' }}>
        {action === 'return' && (
          <Form.Item name="to" label={t('approvals.returnTo')}>
            <Radio.Group options={[{ value: 'submitter', label: t('approvals.returnToSubmitter') }, { value: 'previous', label: t('approvals.returnToPrevious') }]} />
          </Form.Item>
        )}
        {(action === 'transfer' || action === 'add-approver') && item && (
          <Form.Item name="user" label={t(action === 'transfer' ? 'approvals.transferTo' : 'approvals.addUser')} rules={[{ required: true, message: t('approvals.userRequired') }]}>
            <UserPicker taskId={item.task.id} />
          </Form.Item>
        )}
        {action === 'add-approver' && (
          <Form.Item name="position" label={t('approvals.position')}>
            <Radio.Group options={[{ value: 'before', label: t('approvals.before') }, { value: 'after', label: t('approvals.after') }]} />
          </Form.Item>
        )}
        <Form.Item
          name="comment"
          label={t(action === 'reject' ? 'approvals.reason' : 'approvals.comment')}
          rules={commentRequired(action, step) ? [{ required: true, whitespace: true, message: t(action === 'reject' ? 'approvals.reasonRequired' : 'approvals.commentRequired') }] : []}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
