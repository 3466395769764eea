import type { ApprovalCondition } from '@tessera/metadata';
import type { ConditionKindDef } from '../condition-kind';
import { plain } from '../condition-messages';
import { predicateCondition } from './declarative';

/** The latest instance of the flow on the record finished approved. */
export const approvalCondition: ConditionKindDef<ApprovalCondition> = {
  kind: 'approval',
  compile(c, site, ctx) {
    const { flow } = c;
    const name = ctx.labels.flow(flow) ?? plain(flow);
    const message = c.message ?? { 'zh-CN': `「${name['zh-CN']}」审批尚未通过`, en: `${name.en} is not approved yet` };
    return predicateCondition(c, site, { flow, message }, ({ facts }) => facts.approvals[flow] === 'approved', {
      attachments: false,
      approvals: true,
      checklist: false,
      related: [],
    });
  },
};
