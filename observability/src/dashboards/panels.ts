import * as common from '@grafana/grafana-foundation-sdk/common';
import { DataqueryBuilder as LokiQuery } from '@grafana/grafana-foundation-sdk/loki';
import { PanelBuilder as LogsPanel } from '@grafana/grafana-foundation-sdk/logs';
import { DataqueryBuilder as PromQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { DataqueryBuilder as TempoQuery } from '@grafana/grafana-foundation-sdk/tempo';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { LOKI, PROMETHEUS, TEMPO } from '../datasources';

export interface Series {
  readonly expr: string;
  readonly legend: string;
}

const WIDTH = 12;
const HEIGHT = 8;

function promTargets<T extends { withTarget(target: PromQuery): T }>(panel: T, series: readonly Series[]): T {
  const refIds = 'ABCDEFGHIJ';
  series.forEach((entry, index) =>
    panel.withTarget(
      new PromQuery()
        .expr(entry.expr)
        .legendFormat(entry.legend)
        .refId(refIds[index] ?? `Q${index}`),
    ),
  );
  return panel;
}

/** A time series of PromQL queries. */
export function graph(title: string, description: string, unit: string, series: readonly Series[]): TimeseriesPanel {
  return promTargets(
    new TimeseriesPanel()
      .title(title)
      .description(description)
      .datasource(PROMETHEUS)
      .unit(unit)
      .span(WIDTH)
      .height(HEIGHT)
      .legend(new common.VizLegendOptionsBuilder().displayMode(common.LegendDisplayMode.Table).showLegend(true)),
    series,
  );
}

/** One number (the last value) of a PromQL query. */
export function stat(title: string, description: string, unit: string, series: readonly Series[]): StatPanel {
  return promTargets(
    new StatPanel().title(title).description(description).datasource(PROMETHEUS).unit(unit).span(6).height(4),
    series,
  );
}

/** A Loki logs panel; `trace_id` links to Tempo through the Loki datasource's derived field. */
export function logs(title: string, description: string, expr: string): LogsPanel {
  return new LogsPanel()
    .title(title)
    .description(description)
    .datasource(LOKI)
    .span(24)
    .height(10)
    .showTime(true)
    .enableLogDetails(true)
    .withTarget(new LokiQuery().expr(expr).refId('A'));
}

/** A table of traces from Tempo (TraceQL); each row opens the trace. */
export function traces(title: string, description: string, traceql: string): TablePanel {
  return new TablePanel()
    .title(title)
    .description(description)
    .datasource(TEMPO)
    .span(24)
    .height(8)
    .withTarget(new TempoQuery().queryType('traceql').query(traceql).limit(20).refId('A'));
}
