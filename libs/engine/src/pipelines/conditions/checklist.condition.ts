import type { ChecklistCondition } from '@tessera/metadata';
import type { ConditionKindDef } from '../condition-kind';
import { plain } from '../condition-messages';
import { predicateCondition } from './declarative';

/** A checklist item of the pipeline is done for the record. */
export const checklistCondition: ConditionKindDef<ChecklistCondition> = {
  kind: 'checklist',
  compile(c, site, ctx) {
    const { item } = c;
    const declared = ctx.pipeline.stages.flatMap((s) => s.checklist ?? []).find((i) => i.key === item);
    const name = declared?.label ?? plain(item);
    const message = c.message ?? { 'zh-CN': `请完成「${name['zh-CN']}」`, en: `Complete: ${name.en}` };
    return predicateCondition(c, site, { item, message }, ({ facts }) => facts.checklist[item]?.done === true, {
      attachments: false,
      approvals: false,
      checklist: true,
      related: [],
    });
  },
};
