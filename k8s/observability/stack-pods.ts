import { PINNED_CHARTS } from './pinned-charts';

const KPS = PINNED_CHARTS.kubePrometheusStack.release;

/**
 * Labels of the pods each pinned chart runs (the charts' and the prometheus-operator's own
 * conventions for the release names in pinned-charts.ts), for NetworkPolicy selectors. A chart
 * bump that changes them shows up in the vendor output; the flow test reads them from here.
 */
export const STACK_PODS = {
  prometheus: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': `${KPS}-prometheus` },
  alertmanager: { 'app.kubernetes.io/name': 'alertmanager', 'app.kubernetes.io/instance': `${KPS}-alertmanager` },
  grafana: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': KPS },
  operator: { app: `${KPS}-operator`, release: KPS },
  kubeStateMetrics: { 'app.kubernetes.io/name': 'kube-state-metrics', 'app.kubernetes.io/instance': KPS },
  loki: { 'app.kubernetes.io/name': 'loki', 'app.kubernetes.io/instance': PINNED_CHARTS.loki.release },
  alloy: { 'app.kubernetes.io/name': 'alloy', 'app.kubernetes.io/instance': PINNED_CHARTS.alloy.release },
  tempo: { 'app.kubernetes.io/name': 'tempo', 'app.kubernetes.io/instance': PINNED_CHARTS.tempo.release },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

export type StackComponent = keyof typeof STACK_PODS;

/** Ports the stack's pods listen on (container ports). */
export const STACK_PORTS = {
  prometheus: 9090,
  alertmanager: 9093,
  grafana: 3000,
  /** The operator's metrics (plain HTTP: no admission webhook, no TLS; values/kube-prometheus-stack.ts). */
  operator: 8080,
  kubeStateMetrics: 8080,
  loki: 3100,
  alloy: 12345,
  tempoQuery: 3200,
  tempoOtlpGrpc: 4317,
  tempoOtlpHttp: 4318,
  configReloader: 8080,
  nodeExporter: 9100,
  kubelet: 10250,
} as const;
