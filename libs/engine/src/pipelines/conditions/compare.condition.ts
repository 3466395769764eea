import type { CompareCondition } from '@tessera/metadata';
import type { ConditionKindDef } from '../condition-kind';
import { compareMessage, fieldOf } from '../condition-messages';
import { compareValue, valueOrderOf } from '../value.compare';
import { predicateCondition } from './declarative';

/** The field compared with a constant, ordered by the field's type (money exactly, dates as instants). */
export const compareCondition: ConditionKindDef<CompareCondition> = {
  kind: 'compare',
  compile(c, site, ctx) {
    const { field: key, op, value } = c;
    const order = valueOrderOf(fieldOf(ctx.object, key));
    const message = c.message ?? compareMessage(ctx.object, key, op, value);
    return predicateCondition(c, site, { field: key, message }, ({ record }) => compareValue(op, record[key], value, order));
  },
};
