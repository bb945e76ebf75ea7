/** Prometheus rule-file shapes (https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/). */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: { readonly severity: 'critical' | 'warning' | 'info'; readonly [key: string]: string };
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
}

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly (AlertRule | RecordingRule)[];
}

export interface RuleFile {
  /** observability/generated/rules/<name>.rules.yaml */
  readonly name: string;
  readonly groups: readonly RuleGroup[];
  /** Whether the real-Prometheus test requires every metric these rules read to have a series. */
  readonly seriesExistToday: boolean;
  readonly pending?: string;
}

/**
 * Where runbooks are published: docs/runbooks/<alert>.md of this repository.
 * Set to the repository's browsable docs URL when it is forked.
 */
export const RUNBOOK_BASE_URL =
  'https://github.com/nest-k8s-observability/nest-k8s-observability/blob/main/docs/runbooks';

export const runbook = (alert: string): string => `${RUNBOOK_BASE_URL}/${alert}.md`;

export const isAlert = (rule: AlertRule | RecordingRule): rule is AlertRule => 'alert' in rule;
