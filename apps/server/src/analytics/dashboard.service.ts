import { Injectable } from '@nestjs/common';
import { DEFAULT_REFRESH_SECONDS, kpiValue, SYSTEM_FIELDS, toCsv, widgetQuery, widgetTable, type DashboardSummary, type RawAnalyticsParams, type WidgetEvaluation } from '@tessera/engine';
import type { DashboardDefinition } from '@tessera/metadata';
import { AuditService } from '../audit/audit.service';
import { UserError } from '../common/errors/user.error';
import type { Actor } from '../identity/actor';
import { MetadataRuntime } from '../metadata/metadata-runtime.service';
import { AnalyticsService } from './analytics.service';

const notFound = (key: string) => new UserError({ status: 404, code: 'dashboard-not-found', title: 'Dashboard not found', detail: `No dashboard "${key}" that you can see` });

/**
 * Dashboards of the published metadata: the ones the caller's roles may see, each widget
 * computed through the analytics queries (so inside the caller's scope), and a widget's
 * table as CSV — an export: it needs the export right, reads the export scope and is
 * written to the audit log.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly runtime: MetadataRuntime,
    private readonly analytics: AnalyticsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<{ items: DashboardSummary[] }> {
    const meta = await this.runtime.get();
    return {
      items: meta
        .ofKind('dashboard')
        .filter((d) => visibleTo(d, actor))
        .map((d) => ({ key: d.key, label: d.label, description: d.description ?? null, refreshSeconds: d.refreshSeconds ?? DEFAULT_REFRESH_SECONDS, widgets: d.widgets.length })),
    };
  }

  async get(actor: Actor, key: string): Promise<DashboardDefinition & { refreshSeconds: number }> {
    const d = await this.dashboard(actor, key);
    return { ...d, refreshSeconds: d.refreshSeconds ?? DEFAULT_REFRESH_SECONDS };
  }

  async widget(actor: Actor, key: string, widgetKey: string, runtime: RawAnalyticsParams, action: 'read' | 'export' = 'read'): Promise<WidgetEvaluation> {
    const meta = await this.runtime.get();
    const dashboard = await this.dashboard(actor, key);
    const widget = dashboard.widgets.find((w) => w.key === widgetKey);
    if (!widget) throw new UserError({ status: 404, code: 'widget-not-found', title: 'Widget not found', detail: `Dashboard "${key}" has no widget "${widgetKey}"` });
    const system = new Set(SYSTEM_FIELDS.map((f) => f.key));
    const q = widgetQuery(dashboard, widget, runtime, {
      now: new Date(),
      pipelineObject: (p) => meta.document('pipeline', p)?.object,
      hasField: (o, f) => !!meta.object(o) && (system.has(f) || !!meta.object(o)?.fields.some((x) => x.key === f)),
    });
    if (!q) throw new UserError({ status: 422, code: 'widget-unresolved', title: 'The widget refers to something not published', detail: `Widget "${widgetKey}" names a pipeline or object that is not published` });
    const result = await this.analytics.run(actor, q.object, q.query, q.params, { action, timeZone: dashboard.timeZone });
    const evaluation: WidgetEvaluation = { dashboard: key, widget: widgetKey, type: widget.type, object: q.object, query: q.query, params: q.params, result };
    if (q.figure && widget.type === 'kpi') {
      evaluation.kpi = { ...kpiValue(q.figure, result as Parameters<typeof kpiValue>[1]), target: widget.target ?? null, format: widget.format ?? 'number' };
    }
    return evaluation;
  }

  /** The widget's table as CSV (UTF-8 with BOM), audited as an export of its object. */
  async csv(actor: Actor, key: string, widgetKey: string, runtime: RawAnalyticsParams): Promise<{ filename: string; body: string }> {
    const e = await this.widget(actor, key, widgetKey, runtime, 'export');
    const table = widgetTable(e.kpi ?? e.result, actor.locale);
    await this.audit.record({
      action: 'records.exported',
      target: { type: e.object },
      details: { source: 'dashboard', dashboard: key, widget: widgetKey, query: e.query, params: e.params, rows: table.rows.length },
    });
    return { filename: `${key}-${widgetKey}-${new Date().toISOString().slice(0, 10)}.csv`, body: toCsv(table) };
  }

  private async dashboard(actor: Actor, key: string): Promise<DashboardDefinition> {
    const d = (await this.runtime.get()).document('dashboard', key);
    if (!d || !visibleTo(d, actor)) throw notFound(key);
    return d;
  }
}

/** Everyone sees a dashboard without roles; otherwise holders of one of them (and administrators). */
function visibleTo(d: DashboardDefinition, actor: Actor): boolean {
  return !d.roles || actor.isAdmin || d.roles.some((r) => actor.roles.includes(r));
}
