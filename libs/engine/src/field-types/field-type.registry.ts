import type { Field } from '@tessera/metadata';
import type { FieldTypeDef } from './field-type';
import { attachmentFieldType } from './attachment.field-type';
import { autonumberFieldType } from './autonumber.field-type';
import { booleanFieldType } from './boolean.field-type';
import { currencyFieldType } from './currency.field-type';
import { dateFieldType } from './date.field-type';
import { datetimeFieldType } from './datetime.field-type';
import { emailFieldType } from './email.field-type';
import { formulaFieldType } from './formula.field-type';
import { geopointFieldType } from './geopoint.field-type';
import { longtextFieldType } from './longtext.field-type';
import { multiselectFieldType } from './multiselect.field-type';
import { numberFieldType } from './number.field-type';
import { percentFieldType } from './percent.field-type';
import { phoneFieldType } from './phone.field-type';
import { relationFieldType } from './relation.field-type';
import { rollupFieldType } from './rollup.field-type';
import { selectFieldType } from './select.field-type';
import { textFieldType } from './text.field-type';
import { userFieldType } from './user.field-type';

type Registry = { [T in Field['type']]: FieldTypeDef<Extract<Field, { type: T }>> };

/** Every field type the engine knows, keyed by type. Adding a type = one file + one line here. */
export const FIELD_TYPES: Registry = {
  text: textFieldType,
  longtext: longtextFieldType,
  number: numberFieldType,
  currency: currencyFieldType,
  percent: percentFieldType,
  date: dateFieldType,
  datetime: datetimeFieldType,
  boolean: booleanFieldType,
  select: selectFieldType,
  multiselect: multiselectFieldType,
  user: userFieldType,
  relation: relationFieldType,
  attachment: attachmentFieldType,
  autonumber: autonumberFieldType,
  formula: formulaFieldType,
  rollup: rollupFieldType,
  email: emailFieldType,
  phone: phoneFieldType,
  geopoint: geopointFieldType,
};

/** The type definition of a field, typed loosely for generic callers. */
export function fieldType(field: Field): FieldTypeDef<Field> {
  return FIELD_TYPES[field.type] as unknown as FieldTypeDef<Field>;
}
