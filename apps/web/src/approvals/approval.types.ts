import type { Label } from '@tessera/metadata';

export interface TaskView {
  id: string;
  step: string;
  assignee: { id: string; name: string | null };
  state: string;
  action: string | null;
  comment: string | null;
}

export interface InstanceSummary {
  id: string;
  flow: string;
  flowLabel: Label;
  object: string;
  recordId: string;
  state: 'pending' | 'approved' | 'rejected' | 'recalled' | string;
  outcome: string | null;
  currentStepLabel: Label | null;
  submittedBy: { id: string; name: string | null };
  submittedAt: string;
}

export interface RecordSummary {
  object: string;
  objectLabel: Label;
  id: string;
  title: string | null;
}

export interface InboxItem {
  task: TaskView;
  instance: InstanceSummary;
  record: RecordSummary;
}

export interface TimelineEvent {
  type: string;
  at: string;
  actor: { id: string; name: string | null } | null;
  stepLabel: Label | null;
  comment: string | null;
  instanceId: string;
}

export interface RecordApprovals {
  instances: Array<InstanceSummary & { canRecall: boolean; tasks?: Array<TaskView & { stepLabel?: Label }> }>;
  timeline: TimelineEvent[];
}
