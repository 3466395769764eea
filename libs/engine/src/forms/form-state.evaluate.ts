import type { Condition, FormDefinition, ObjectDefinition, PipelineDefinition } from '@tessera/metadata';
import type { ExpressionCache } from '../expressions/expression.compile';
import type { CompiledCondition, ConditionOutcome, GateInput } from '../pipelines/condition-kind';
import { conditionContext } from '../pipelines/condition-kind.registry';
import { EMPTY_FACTS, type GateFacts } from '../pipelines/gate-facts';

/**
 * What a form's conditions say about one record right now. Paths are JSON Pointers into
 * the form document (`/tabs/0`, `/tabs/0/sections/1`, `/tabs/0/sections/1/items/3`).
 */
export interface FormState {
  /** Tabs, sections and items whose `visibleWhen` does not hold (their content is hidden too). */
  hidden: ReadonlySet<string>;
  /** Field keys whose item, section or tab is hidden. */
  hiddenFields: ReadonlySet<string>;
  /** Field keys whose `readOnlyWhen` holds. */
  readOnly: ReadonlySet<string>;
  /** Field keys whose `requiredWhen` holds (and that are shown). */
  required: ReadonlySet<string>;
}

/** A form's conditions compiled once; evaluated on every change of the record being edited. */
export interface CompiledFormState {
  form: FormDefinition;
  /** Synchronous when every condition is declarative; a promise when an expression must run. */
  evaluate(record: Readonly<Record<string, unknown>>, facts?: GateFacts): FormState | Promise<FormState>;
}

type Rule = { path: string; kind: 'visible' | 'readOnly' | 'required'; field?: string; condition: CompiledCondition };

export interface FormCompileOptions {
  object: ObjectDefinition;
  expressions: ExpressionCache;
  /** The object's pipeline, for checklist conditions. */
  pipeline?: PipelineDefinition;
}

/**
 * Compiles the visibility, read-only and requiredness conditions of a form with the
 * same condition kinds as stage gates (declarative kinds are plain predicates, `expression`
 * runs JSONata with its limits). A condition that fails to evaluate counts as not holding,
 * so a broken `visibleWhen` hides and a broken `requiredWhen` does not demand.
 */
export function compileFormState(form: FormDefinition, options: FormCompileOptions): CompiledFormState {
  const ctx = conditionContext({ document: `form:${form.key}`, object: options.object, pipeline: options.pipeline, expressions: options.expressions });
  const rules: Rule[] = [];
  const add = (path: string, kind: Rule['kind'], condition: Condition | undefined, field?: string) => {
    if (condition) rules.push({ path, kind, field, condition: ctx.compile(condition, { stage: '', path: `${path}/${kind === 'visible' ? 'visibleWhen' : `${kind}When`}` }) });
  };
  form.tabs.forEach((tab, t) => {
    add(`/tabs/${t}`, 'visible', tab.visibleWhen);
    tab.sections.forEach((section, s) => {
      add(`/tabs/${t}/sections/${s}`, 'visible', section.visibleWhen);
      section.items.forEach((item, i) => {
        const at = `/tabs/${t}/sections/${s}/items/${i}`;
        add(at, 'visible', item.visibleWhen);
        if (item.kind === 'field') {
          add(at, 'readOnly', item.readOnlyWhen, item.field);
          add(at, 'required', item.requiredWhen, item.field);
        }
      });
    });
  });

  const settle = (outcomes: ConditionOutcome[]): FormState => {
    const hidden = new Set<string>();
    const readOnly = new Set<string>();
    const required = new Set<string>();
    rules.forEach((rule, n) => {
      const holds = outcomes[n] === undefined;
      if (rule.kind === 'visible' && !holds) hidden.add(rule.path);
      if (rule.kind === 'readOnly' && holds) readOnly.add(rule.field!);
      if (rule.kind === 'required' && holds) required.add(rule.field!);
    });
    const hiddenFields = new Set<string>();
    form.tabs.forEach((tab, t) =>
      tab.sections.forEach((section, s) =>
        section.items.forEach((item, i) => {
          const at = `/tabs/${t}/sections/${s}/items/${i}`;
          if (item.kind === 'field' && (hidden.has(`/tabs/${t}`) || hidden.has(`/tabs/${t}/sections/${s}`) || hidden.has(at))) hiddenFields.add(item.field);
        }),
      ),
    );
    for (const f of hiddenFields) required.delete(f);
    return { hidden, hiddenFields, readOnly, required };
  };

  return {
    form,
    evaluate(record, facts = EMPTY_FACTS) {
      const input: GateInput = { record, facts };
      const outcomes = rules.map((r) => r.condition.check(input));
      // A failed expression reports itself unmet; anything else it throws must not break the form either.
      const failed: ConditionOutcome = [];
      return outcomes.some((o) => o instanceof Promise) ? Promise.all(outcomes.map((o) => Promise.resolve(o).catch(() => failed))).then(settle) : settle(outcomes as ConditionOutcome[]);
    },
  };
}
