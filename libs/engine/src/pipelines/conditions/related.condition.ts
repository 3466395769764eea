import type { RelatedCondition } from '@tessera/metadata';
import type { ConditionKindDef } from '../condition-kind';
import { plain } from '../condition-messages';
import { relatedFactKey } from '../gate-facts';
import { predicateCondition } from './declarative';

/**
 * At least `min` live records of another object point here through `via` (and match
 * `where`). The count itself is a fact the server computes in SQL.
 */
export const relatedCondition: ConditionKindDef<RelatedCondition> = {
  kind: 'related',
  compile(c, site, ctx) {
    const key = relatedFactKey(c);
    const min = c.min ?? 1;
    const name = ctx.labels.object(c.object)?.label ?? plain(c.object);
    const message = c.message ?? { 'zh-CN': `至少需要 ${min} 条「${name['zh-CN']}」`, en: `At least ${min} ${name.en} needed` };
    return predicateCondition(c, site, { object: c.object, message }, ({ facts }) => (facts.related[key] ?? 0) >= min, {
      attachments: false,
      approvals: false,
      checklist: false,
      related: [{ key, object: c.object, via: c.via, where: c.where ?? [] }],
    });
  },
};
