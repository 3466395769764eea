import type { AttachmentCondition } from '@tessera/metadata';
import type { ConditionKindDef } from '../condition-kind';
import { plain } from '../condition-messages';
import type { GateFacts } from '../gate-facts';
import { predicateCondition } from './declarative';

/** Files of one category on one attachment field, or on every attachment field when none is named. */
function countOf(attachments: GateFacts['attachments'], field: string | undefined, category: string): number {
  if (field !== undefined) return attachments[field]?.[category] ?? 0;
  let n = 0;
  for (const k in attachments) n += attachments[k][category] ?? 0;
  return n;
}

/** At least `min` attachments of a category are on the record. */
export const attachmentCondition: ConditionKindDef<AttachmentCondition> = {
  kind: 'attachment',
  compile(c, site, ctx) {
    const { field, category } = c;
    const min = c.min ?? 1;
    const declared = ctx.object.fields.flatMap((f) => (f.type === 'attachment' && (field === undefined || f.key === field) ? (f.categories ?? []) : []));
    const name = declared.find((d) => d.key === category)?.label ?? plain(category);
    const message = c.message ?? {
      'zh-CN': min > 1 ? `请上传「${name['zh-CN']}」（至少 ${min} 个）` : `请上传「${name['zh-CN']}」`,
      en: min > 1 ? `Upload ${name.en} (at least ${min})` : `Upload ${name.en}`,
    };
    return predicateCondition(
      c,
      site,
      { ...(field !== undefined && { field }), category, message },
      ({ facts }) => countOf(facts.attachments, field, category) >= min,
      { attachments: true, approvals: false, checklist: false, related: [] },
    );
  },
};
