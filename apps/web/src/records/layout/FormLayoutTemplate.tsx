import { Templates } from '@rjsf/antd';
import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import type { FormState } from '@tessera/engine';
import { Alert, Col, Collapse, Row, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FormLayout, LayoutItem, LayoutSection } from '../record-form.schema';

/** What the record form hands its layout template through rjsf's formContext. */
export interface LayoutContext {
  layout?: FormLayout;
  /** The form's conditions evaluated on the data being edited. */
  state?: FormState;
  /** The active tab (kept by the form so that a re-render does not reset it). */
  activeTab?: string;
  onTab?(key: string): void;
  /** An attachment field placed on the form (uploads need a saved record). */
  attachment?(field: string, photo: boolean): ReactNode;
  /** A related list placed on the form. */
  related?(item: LayoutItem): ReactNode;
}

const DefaultObjectTemplate = Templates.ObjectFieldTemplate!;

/**
 * The root object of the record form laid out as its form document says: tabs (no bar
 * for one), titled sections in columns (one column on a phone), notes and related
 * lists; tabs, sections and items whose visibleWhen does not hold are left out. Every
 * tab is rendered (hidden when inactive) so validation can focus any field.
 */
export function FormLayoutTemplate(props: ObjectFieldTemplateProps) {
  const ctx = (props.registry.formContext ?? {}) as LayoutContext;
  if (props.fieldPathId.$id !== 'root' || !ctx.layout) return <DefaultObjectTemplate {...props} />;
  const hidden = ctx.state?.hidden ?? new Set<string>();
  const content = new Map(props.properties.map((p) => [p.name, p.content]));

  const item = (i: LayoutItem, columns: number) => {
    if (hidden.has(i.path)) return null;
    let node: ReactNode = null;
    if (i.kind === 'note') node = <Alert type={i.tone === 'warning' ? 'warning' : 'info'} title={i.text} style={{ marginBottom: 16 }} />;
    else if (i.kind === 'relatedList') node = ctx.related?.(i) ?? null;
    else if (i.attachment) node = ctx.attachment?.(i.field!, i.photo ?? false) ?? null;
    else node = content.get(i.field!) ?? null;
    if (!node) return null;
    return (
      <Col key={i.path} xs={24} md={Math.round((24 / columns) * Math.min(i.span, columns))}>
        {node}
      </Col>
    );
  };
  const section = (s: LayoutSection) => {
    if (hidden.has(s.path)) return null;
    const body = <Row gutter={16}>{s.items.map((i) => item(i, s.columns))}</Row>;
    if (s.collapsed) return <Collapse key={s.path} size="small" style={{ marginBottom: 16 }} items={[{ key: s.key, label: s.label, children: body, forceRender: true }]} />;
    return (
      <section key={s.path} data-testid={`form-section-${s.key}`}>
        {s.label && <Typography.Title level={5}>{s.label}</Typography.Title>}
        {body}
      </section>
    );
  };
  const tabs = ctx.layout.tabs.filter((t) => !hidden.has(t.path));
  if (tabs.length === 1) return <div id="root">{tabs[0].sections.map(section)}</div>;
  const active = tabs.some((t) => t.key === ctx.activeTab) ? ctx.activeTab : tabs[0]?.key;
  return (
    <div id="root">
      <Tabs activeKey={active} onChange={ctx.onTab} items={tabs.map((t) => ({ key: t.key, label: t.label, forceRender: true, children: t.sections.map(section) }))} />
    </div>
  );
}
