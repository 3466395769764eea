import type { ApprovalEffect } from '@tessera/engine';
import type { Label } from '@tessera/metadata';
import type { NotificationMessage } from '../notifications/notification';

export interface NoticeSubject {
  instanceId: string;
  round: number;
  flow: Label;
  /** Label of the step the notice is about, when it is about one. */
  step?: Label;
  /** The record as people name it (its title field), or a short id. */
  record: string;
  link: { object: string; recordId: string };
  outcome?: string;
}

type Notify = Extract<ApprovalEffect, { kind: 'notify' }>;

const OUTCOME: Record<string, Label> = {
  approved: { 'zh-CN': '已通过', en: 'approved' },
  rejected: { 'zh-CN': '被驳回', en: 'rejected' },
};

/**
 * The in-app message for a notify effect of the approval engine. The dedupe key ties it
 * to its cause (the task, the round), so a timer or an action that runs again never
 * notifies twice.
 */
export function approvalNotice(effect: Notify, s: NoticeSubject): NotificationMessage {
  const step = s.step ? { zh: `（${s.step['zh-CN']}）`, en: ` (${s.step.en})` } : { zh: '', en: '' };
  const base = { link: s.link, source: `approval.${effect.reason}` };
  const cause = effect.taskIds?.length ? effect.taskIds.join(',') : `${s.instanceId}:${s.round}`;
  const dedupeKey = `approval.${effect.reason}:${cause}`;
  switch (effect.reason) {
    case 'assigned':
      return { ...base, dedupeKey, title: { 'zh-CN': `待审批：「${s.flow['zh-CN']}」${s.record}${step.zh}`, en: `Approval needed: ${s.flow.en} · ${s.record}${step.en}` } };
    case 'reminder':
      return { ...base, title: { 'zh-CN': `审批提醒：「${s.flow['zh-CN']}」${s.record}${step.zh}已超时`, en: `Reminder: ${s.flow.en} · ${s.record}${step.en} is overdue` } };
    case 'escalated':
      return { ...base, dedupeKey, title: { 'zh-CN': `审批已升级给您：「${s.flow['zh-CN']}」${s.record}${step.zh}`, en: `Escalated to you: ${s.flow.en} · ${s.record}${step.en}` } };
    case 'returned':
      return { ...base, dedupeKey: `approval.returned:${s.instanceId}`, title: { 'zh-CN': `「${s.flow['zh-CN']}」已退回：${s.record}`, en: `${s.flow.en} returned: ${s.record}` } };
    case 'finished': {
      const o = OUTCOME[s.outcome ?? ''] ?? { 'zh-CN': '已结束', en: 'finished' };
      return { ...base, dedupeKey: `approval.finished:${s.instanceId}`, title: { 'zh-CN': `「${s.flow['zh-CN']}」${o['zh-CN']}：${s.record}`, en: `${s.flow.en} ${o.en}: ${s.record}` } };
    }
  }
}
