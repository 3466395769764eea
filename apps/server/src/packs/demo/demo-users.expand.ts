import type { DemoData, Label } from '@tessera/metadata';
import { fillTemplate } from './demo-template.fill';

/** A demo user to create, as the demo data describes it (units and roles by key). */
export interface DemoUserPlan {
  login: string;
  name: string;
  orgUnit?: string;
  roles: string[];
  manages: boolean;
  locale: 'zh-CN' | 'en';
}

/**
 * Every demo user of a pack, listed ones first, then generated ones, in document order.
 * A login seen twice (any case) keeps its first definition. Generated logins and names
 * fill {unit}, {unitName} (the unit's Chinese name) and {n}: numbered per unit with
 * perUnit, over all users with count (spread over the units in turn).
 */
export function expandDemoUsers(docs: readonly DemoData[], unitLabels: ReadonlyMap<string, Label>): DemoUserPlan[] {
  const out: DemoUserPlan[] = [];
  const seen = new Set<string>();
  const add = (u: DemoUserPlan) => {
    if (seen.has(u.login.toLowerCase())) return;
    seen.add(u.login.toLowerCase());
    out.push(u);
  };
  const noRandom = () => 0;
  for (const doc of docs) {
    for (const u of doc.users ?? []) add({ login: u.login, name: u.name, orgUnit: u.orgUnit, roles: [...u.roles], manages: u.manages ?? false, locale: u.locale ?? 'zh-CN' });
    for (const g of doc.generateUsers ?? []) {
      const place = (unit: string, n: number) => {
        const vars = { unit, unitName: unitLabels.get(unit)?.['zh-CN'] ?? unit };
        add({ login: fillTemplate(g.login, n, noRandom, { vars }), name: fillTemplate(g.name, n, noRandom, { vars }), orgUnit: unit, roles: [...g.roles], manages: g.manages ?? false, locale: 'zh-CN' });
      };
      if (g.perUnit !== undefined) for (const unit of g.units) for (let n = 1; n <= g.perUnit; n++) place(unit, n);
      else for (let i = 0; i < (g.count ?? 0); i++) place(g.units[i % g.units.length], i + 1);
    }
  }
  return out;
}
