import type { MetadataIssue } from '../issues/metadata-issue';
import { pointer } from '../issues/json-pointer';
import type { DemoData } from '../metadata.generated';
import { compareProblem } from './compare-value.check';
import { duplicateKeys, error, recordScope, requireField, requireObject, requireStage, show } from './lint.context';
import type { MetadataIndex } from './metadata.index';

/**
 * Demo records use real fields with values of the right shape, point at demo
 * records that exist (relations by ref), and name real stages and org units. The
 * stage is given by stage, never in values (it is written to the pipeline's stageField).
 */
export function lintDemoData(demo: DemoData, index: MetadataIndex): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const object = requireObject(index, demo.object, '/object', issues);
  if (!object) return issues;
  const scope = recordScope(index, object);
  issues.push(...duplicateKeys(demo.records, '/records', (r) => r.ref, 'ref', 'demo.duplicate-ref', 'ref'));
  demo.records.forEach((record, i) => {
    const at = `/records/${i}`;
    if (record.stage !== undefined) requireStage(scope, record.stage, at + '/stage', issues);
    if (record.orgUnit !== undefined && !index.orgUnits.has(record.orgUnit)) issues.push(error(at + '/orgUnit', 'ref.unknown-unit', `org unit ${show(record.orgUnit)} does not exist`));
    for (const [key, value] of Object.entries(record.values)) {
      const here = `${at}/values${pointer(key)}`;
      const field = requireField(scope, object.key, key, here, issues);
      if (!field || value === null) continue;
      if (field.stageOf !== undefined) {
        issues.push(error(here, 'demo.stage-field', `field ${show(key)} holds the stage of pipeline ${show(field.stageOf)}; place the record with stage instead`));
      } else if (!field.writable) {
        issues.push(error(here, 'demo.field-not-writable', `field ${show(key)} is computed or retired`));
      } else if (field.field?.type === 'relation') {
        const target = field.field.target;
        if (typeof value !== 'string' || !index.demoRefs.get(target)?.has(value)) issues.push(error(here, 'demo.unknown-ref', `${show(value)} is not the ref of a demo ${show(target)} record`));
      } else if (field.valueClass === 'choices') {
        const problem = Array.isArray(value) ? value.map((v) => compareProblem(field, 'contains', v)).find(Boolean) : 'a list of options';
        if (problem) issues.push(error(here, 'demo.value', `${show(value)}: ${problem}`));
      } else if (['number', 'boolean', 'date', 'datetime', 'choice', 'text'].includes(field.valueClass)) {
        const problem = compareProblem(field, 'eq', value);
        if (problem) issues.push(error(here, 'demo.value', `${show(value)}: ${problem}`));
      }
    }
  });
  return issues;
}
