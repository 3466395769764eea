import type { Field, Label } from '@tessera/metadata';
import type { AnalyticsPipeline } from './analytics-pipeline';

/**
 * Filterable facts about a record's stays in its stages, kept in the stage history rather
 * than in the record's table. The list API accepts them like fields (filters only) for
 * objects with a pipeline, so a drill-down can say "lost from the quote stage" or "in its
 * stage since before Monday". Their keys contain a dot, which no field key can.
 */
export interface StageDerivedKeys {
  /** datetime: when the record entered its current stage. */
  enteredAt: string;
  /** select of stage keys: the stage the record came from into its current one (for a lost record, where it was lost). */
  from: string;
  /** multiselect of stage keys: the stages the record has left at least once (completed stays). */
  left: string;
}

export const stageDerivedKeys = (stageField: string): StageDerivedKeys => ({
  enteredAt: `${stageField}.entered_at`,
  from: `${stageField}.from`,
  left: `${stageField}.left`,
});

const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

/** The derived fields as field definitions, so the list query parser checks operators and values. */
export function stageDerivedFields(p: Pick<AnalyticsPipeline, 'stageField' | 'stages'>): Field[] {
  const keys = stageDerivedKeys(p.stageField);
  const options = p.stages.map((s) => ({ value: s.key, label: s.label }));
  return [
    { key: keys.enteredAt, type: 'datetime', label: l('进入当前阶段时间', 'Entered current stage') },
    { key: keys.from, type: 'select', label: l('来自阶段', 'Came from stage'), options },
    { key: keys.left, type: 'multiselect', label: l('离开过的阶段', 'Stages left'), options },
  ];
}
