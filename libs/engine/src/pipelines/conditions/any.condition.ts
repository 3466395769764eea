import type { AnyCondition } from '@tessera/metadata';
import type { CompiledCondition, ConditionKindDef, UnmetCondition } from '../condition-kind';
import { mergeNeeds } from '../gate-facts';

/**
 * At least one nested condition holds; reported as one entry whose default message
 * lists the alternatives. Synchronous parts are tried first, so an expression runs
 * only when no declarative alternative already holds.
 */
export const anyCondition: ConditionKindDef<AnyCondition> = {
  kind: 'any',
  compile(c, site, ctx): CompiledCondition {
    const parts = c.conditions.map((n, i) => ctx.compile(n, { stage: site.stage, path: `${site.path}/conditions/${i}` }));
    const report = (alternatives: readonly UnmetCondition[]): readonly UnmetCondition[] => [
      {
        kind: 'any',
        stage: site.stage,
        path: site.path,
        message: c.message ?? {
          'zh-CN': `须满足其一：${alternatives.map((a) => a.message['zh-CN']).join('；')}`,
          en: `One of: ${alternatives.map((a) => a.message.en).join('; ')}`,
        },
      },
    ];
    return {
      kind: 'any',
      path: site.path,
      needs: mergeNeeds(parts.map((p) => p.needs)),
      check(input) {
        const failed: UnmetCondition[] = [];
        const pending: Array<Promise<readonly UnmetCondition[] | undefined>> = [];
        for (const p of parts) {
          const o = p.check(input);
          if (o instanceof Promise) pending.push(o);
          else if (o === undefined) return undefined;
          else failed.push(...o);
        }
        if (pending.length === 0) return report(failed);
        return Promise.all(pending).then((outcomes) => {
          if (outcomes.some((o) => o === undefined)) return undefined;
          return report([...failed, ...outcomes.flatMap((o) => o ?? [])]);
        });
      },
    };
  },
};
