import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { APPS } from '../datasources';
import { dataDashboard } from './data';
import { llmDashboard } from './llm';
import { serviceOverview } from './service-overview';

export interface DashboardEntry {
  readonly dashboard: Dashboard;
  /**
   * Whether the real-Prometheus test requires every panel to return a series.
   * False only while the metrics the dashboard reads do not exist yet.
   */
  readonly everyPanelHasData: boolean;
  readonly pending?: string;
}

/** Every dashboard the build emits, to observability/generated/dashboards/<uid>.json. */
export function dashboards(): DashboardEntry[] {
  return [
    ...APPS.map((app) => ({ dashboard: serviceOverview(app).build(), everyPanelHasData: true })),
    { dashboard: dataDashboard().build(), everyPanelHasData: true },
    { dashboard: llmDashboard().build(), everyPanelHasData: true },
  ];
}

export interface PanelQuery {
  readonly dashboard: string;
  readonly panel: string;
  readonly expr: string;
}

/** Every PromQL query of a dashboard's panels (Loki and Tempo panels have none). */
export function prometheusQueries(dashboard: Dashboard): PanelQuery[] {
  return (dashboard.panels ?? []).flatMap((panel) => {
    if (!('targets' in panel) || panel.datasource?.type !== 'prometheus') return [];
    return (panel.targets ?? []).map((target) => ({
      dashboard: dashboard.uid ?? '',
      panel: panel.title ?? '',
      expr: (target as { expr?: string }).expr ?? '',
    }));
  });
}
