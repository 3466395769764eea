import type { ApprovalFlowDefinition, ApprovalStep, MetadataDocument, ObjectDefinition } from '@tessera/metadata';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { createOrgMatrix, matrixRoleDocuments, type MatrixFieldRules, type MatrixUser, type OrgMatrix } from '../support/org-matrix';
import { ADMIN_PASSWORD, startTesseraServer, type TesseraServer } from '../support/tessera-server';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A quote: what the seed story approves. Not a shipped pack. */
export const quoteObject: ObjectDefinition = {
  kind: 'object',
  key: 'quote',
  label: l('报价单', 'Quote'),
  titleField: 'title',
  fields: [
    { key: 'title', type: 'text', label: l('标题', 'Title'), required: true },
    { key: 'amount', type: 'currency', label: l('金额', 'Amount'), required: true },
    { key: 'remark', type: 'text', label: l('备注', 'Remark') },
    {
      key: 'status',
      type: 'select',
      label: l('审批状态', 'Approval status'),
      options: [
        { value: 'draft', label: l('草稿', 'Draft') },
        { value: 'approved', label: l('已批准', 'Approved') },
        { value: 'rejected', label: l('已驳回', 'Rejected') },
      ],
    },
  ],
};

const regional = (extra: Partial<ApprovalStep> = {}): ApprovalStep => ({
  key: 'regional',
  label: l('区域经理', 'Regional manager'),
  approvers: [{ kind: 'role', role: 'sales_manager', scope: 'ownerChain' }],
  ...extra,
});

/**
 * The tiers of the seed story: the owner's regional manager (区域经理, nearest up the
 * owner's unit chain) always; the sales director from ¥50k; the GM above ¥200k.
 */
export function tieredFlow(patch: Partial<ApprovalFlowDefinition> = {}): ApprovalFlowDefinition {
  return {
    kind: 'approvalFlow',
    key: 'quote_approval',
    object: 'quote',
    label: l('报价审批', 'Quote approval'),
    start: { manual: true },
    editableFields: ['remark'],
    steps: [
      regional({ allowDelegate: true, allowAddApprover: true }),
      { key: 'director', label: l('销售总监', 'Sales director'), when: { kind: 'compare', field: 'amount', op: 'gte', value: '50000' }, approvers: [{ kind: 'role', role: 'sales_director', scope: 'anywhere' }] },
      { key: 'gm', label: l('总经理', 'General manager'), when: { kind: 'compare', field: 'amount', op: 'gt', value: '200000' }, approvers: [{ kind: 'role', role: 'gm', scope: 'anywhere' }] },
    ],
    onApproved: [{ kind: 'setField', values: { status: { value: 'approved' } } }],
    onRejected: [{ kind: 'setField', values: { status: { value: 'rejected' } } }],
    ...patch,
  };
}

/** One step decided by the regional manager, the sales director and finance together, in `mode`. */
export function panelFlow(key: string, mode: ApprovalStep['mode'], extra: Partial<ApprovalStep> = {}): ApprovalFlowDefinition {
  return {
    kind: 'approvalFlow',
    key,
    object: 'quote',
    label: l(`评审 ${key}`, `Panel ${key}`),
    steps: [
      {
        key: 'panel',
        label: l('评审', 'Panel'),
        mode,
        approvers: [
          { kind: 'role', role: 'sales_manager', scope: 'ownerChain' },
          { kind: 'role', role: 'sales_director', scope: 'anywhere' },
          { kind: 'role', role: 'finance', scope: 'anywhere' },
        ],
        ...extra,
      },
    ],
    onApproved: [{ kind: 'setField', values: { status: { value: 'approved' } } }],
  };
}

/** The regional manager has two seconds; then the task goes to their manager. */
export const fastFlow: ApprovalFlowDefinition = {
  kind: 'approvalFlow',
  key: 'quote_fast',
  object: 'quote',
  label: l('加急报价审批', 'Rush quote approval'),
  steps: [regional({ sla: 'PT2S', escalations: [{ action: 'escalate' }] })],
  onApproved: [{ kind: 'setField', values: { status: { value: 'approved' } } }],
};

export function approvalMetadata(flows: ApprovalFlowDefinition[] = [tieredFlow()], fields: MatrixFieldRules = {}): MetadataDocument[] {
  return [quoteObject, ...matrixRoleDocuments(['quote'], fields), ...flows];
}

export interface ApprovalWorld {
  server: TesseraServer;
  matrix: OrgMatrix;
  api(user: MatrixUser): ApiClient;
  id(user: MatrixUser): string;
}

/** A server with the quote metadata published and the org matrix (公司 → 华东区 → 上海办事处, ...) created. */
export async function startApprovalWorld(flows?: ApprovalFlowDefinition[], env: Record<string, string> = {}, fields: MatrixFieldRules = {}): Promise<ApprovalWorld> {
  const server = await startTesseraServer(approvalMetadata(flows, fields), { TIMER_POLL_INTERVAL: 'PT0.2S', ...env });
  const matrix = await createOrgMatrix(server, ADMIN_PASSWORD);
  return { server, matrix, api: (u) => matrix.users[u].api, id: (u) => matrix.users[u].id };
}

export function expectStatus<T>(res: ApiResponse<T>, status: number): T {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createQuote(api: ApiClient, amount: number | string, title = `Quote ${amount}`): Promise<string> {
  return expectStatus(await api.post('/api/objects/quote/records', { title, amount: Number(amount), status: 'draft' }), 201).id;
}

export const submit = (api: ApiClient, recordId: string, flow = 'quote_approval') => api.post(`/api/objects/quote/records/${recordId}/approvals`, { flow });

/** The caller's pending inbox rows for one record. */
export async function pendingTasks(api: ApiClient, recordId: string): Promise<Array<{ task: { id: string; step: string }; instance: { id: string } }>> {
  const body = expectStatus(await api.get('/api/approvals/tasks?state=pending'), 200);
  return body.items.filter((i: { record: { id: string } }) => i.record.id === recordId);
}

/** The caller's one pending task on the record (fails when there is not exactly one). */
export async function taskOn(api: ApiClient, recordId: string): Promise<string> {
  const tasks = await pendingTasks(api, recordId);
  if (tasks.length !== 1) throw new Error(`expected one pending task, found ${tasks.length}`);
  return tasks[0].task.id;
}

export const act = (api: ApiClient, taskId: string, action: string, body: Record<string, unknown> = {}) => api.post(`/api/approvals/tasks/${taskId}/${action}`, body);

/** Polls until `probe` yields something truthy. */
export async function eventually<T>(probe: () => Promise<T>, ms = 20_000, what = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
