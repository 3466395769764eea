import { Injectable } from '@nestjs/common';
import type { Field, Label } from '@tessera/metadata';
import type { DimensionValue } from '@tessera/engine';
import { IdentityService } from '../identity/identity.service';

type Value = string | boolean | null;

const YES_NO: Record<string, Label> = { true: { 'zh-CN': '是', en: 'Yes' }, false: { 'zh-CN': '否', en: 'No' } };
const NONE: Label = { 'zh-CN': '（空）', en: '(none)' };
const USER_KEYS = new Set(['owner_id', 'created_by', 'updated_by']);

/**
 * Labels of dimension values and their order: select options in option order, users and
 * org units by name, yes/no, and the empty value last. Relations show their ids.
 */
@Injectable()
export class DimensionLabels {
  constructor(private readonly identity: IdentityService) {}

  async of(field: Field, values: readonly Value[]): Promise<DimensionValue[]> {
    const distinct = [...new Set(values)];
    const present = distinct.filter((v): v is string | boolean => v !== null);
    let labelled: DimensionValue[];
    if (field.type === 'select') {
      const order = field.options.map((o) => o.value);
      labelled = present
        .map((v) => ({ value: v, label: field.options.find((o) => o.value === v)?.label ?? String(v) }))
        .sort((a, b) => order.indexOf(String(a.value)) - order.indexOf(String(b.value)));
    } else if (field.type === 'user' || USER_KEYS.has(field.key)) {
      const users = new Map((await this.identity.usersByIds(present.map(String))).map((u) => [u.id, u.displayName]));
      labelled = present.map((v) => ({ value: v, label: users.get(String(v)) ?? String(v) })).sort(byText);
    } else if (field.key === 'org_unit_id') {
      const units = await Promise.all(present.map((v) => this.identity.unit(String(v))));
      labelled = present.map((v, i) => ({ value: v, label: units[i]?.label ?? String(v) })).sort(byText);
    } else if (field.type === 'boolean') {
      labelled = present.map((v) => ({ value: v, label: YES_NO[String(v)] })).sort((a, b) => Number(b.value === true) - Number(a.value === true));
    } else {
      labelled = present.map((v) => ({ value: v, label: String(v) })).sort(byText);
    }
    return distinct.includes(null) ? [...labelled, { value: null, label: NONE }] : labelled;
  }
}

const text = (l: DimensionValue['label']) => (l === null ? '' : typeof l === 'string' ? l : (l['zh-CN'] ?? l.en ?? ''));
const byText = (a: DimensionValue, b: DimensionValue) => text(a.label).localeCompare(text(b.label), 'zh-CN');
