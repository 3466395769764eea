import type { FieldItem } from '../metadata.generated';
import type { ValueClass } from '../fields/value-class';

export type FormWidget = NonNullable<FieldItem['widget']>;

/** The value classes each widget can edit; readonly shows anything. */
export const WIDGET_VALUE_CLASSES: { readonly [W in FormWidget]: readonly ValueClass[] | 'any' } = {
  input: ['text'],
  textarea: ['text'],
  richtext: ['text'],
  number: ['number'],
  money: ['number'],
  percent: ['number'],
  date: ['date'],
  datetime: ['datetime'],
  switch: ['boolean'],
  checkbox: ['boolean'],
  select: ['choice', 'orgUnit'],
  radio: ['choice'],
  multiselect: ['choices'],
  checkboxGroup: ['choices'],
  userPicker: ['user'],
  recordPicker: ['record'],
  upload: ['file'],
  photo: ['file'],
  location: ['geo'],
  readonly: 'any',
};
