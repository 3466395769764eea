import type { FilledCondition } from '@tessera/metadata';
import type { ConditionKindDef } from '../condition-kind';
import { fieldLabel } from '../condition-messages';
import { isEmptyValue } from '../value.compare';
import { predicateCondition } from './declarative';

/** The field has a value: not null, not '', not []. */
export const filledCondition: ConditionKindDef<FilledCondition> = {
  kind: 'filled',
  compile(c, site, ctx) {
    const name = fieldLabel(ctx.object, c.field);
    const message = c.message ?? { 'zh-CN': `请填写「${name['zh-CN']}」`, en: `Fill in ${name.en}` };
    const key = c.field;
    return predicateCondition(c, site, { field: key, message }, ({ record }) => !isEmptyValue(record[key]));
  },
};
