import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule' with {
  'resolution-mode': 'import',
};
import { componentLabels } from './labels';

export interface ObservabilityArtifactsProps {
  readonly namespace: string;
  /** Folder of Grafana dashboards, one `*.json` file each; a missing folder means none. */
  readonly dashboardsDirectory: string;
  /** Folder of Prometheus rule files, `*.rules.yaml` (`groups: [...]`); a missing folder means none. */
  readonly rulesDirectory: string;
  /**
   * Label (and value) the Grafana dashboard sidecar looks for.
   * @default { grafana_dashboard: '1' }
   */
  readonly dashboardLabel?: Readonly<Record<string, string>>;
}

/** ConfigMap data is limited to 1 MiB; leave room for metadata. */
const MAX_DASHBOARD_BYTES = 1_000_000;

type RuleSpec = IPrometheusRule['spec'];

function filesEndingWith(directory: string, suffix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  // Sorted by code point, not locale: the same order on every machine.
  return names
    .filter((name) => name.endsWith(suffix))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(directory, name));
}

/** `API Latency.json` → `api-latency`: a DNS-label-safe object name. */
function objectName(file: string, suffix: string): string {
  const name = basename(file, suffix)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  if (name === '') throw new Error(`dashboardsDirectory/rulesDirectory: cannot derive an object name from ${file}`);
  return name;
}

function parseRuleFile(file: string): RuleSpec {
  const content: unknown = parse(readFileSync(file, 'utf8'));
  const groups = (content as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new Error(`rulesDirectory: ${file} is not a Prometheus rule file (expected a non-empty "groups" list)`);
  }
  for (const group of groups as { name?: unknown; rules?: unknown }[]) {
    if (typeof group.name !== 'string' || !Array.isArray(group.rules)) {
      throw new Error(`rulesDirectory: ${file} has a group without a name or a rules list`);
    }
  }
  return { groups };
}

/**
 * Whatever dashboards and rule files exist at synth time, as objects the monitoring stack
 * picks up: dashboard ConfigMaps for the Grafana sidecar, PrometheusRules for the operator.
 */
export class ObservabilityArtifacts extends Construct {
  /** Object names, in output order. */
  readonly dashboards: string[] = [];
  readonly rules: string[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityArtifactsProps) {
    super(scope, id);
    const dashboardLabel = props.dashboardLabel ?? { grafana_dashboard: '1' };
    if (Object.keys(dashboardLabel).length === 0) throw new Error('dashboardLabel: must name a label');

    for (const file of filesEndingWith(props.dashboardsDirectory, '.json')) {
      const json = readFileSync(file, 'utf8');
      try {
        JSON.parse(json);
      } catch (error) {
        throw new Error(`dashboardsDirectory: ${file} is not valid JSON (${(error as Error).message})`, {
          cause: error,
        });
      }
      if (Buffer.byteLength(json) > MAX_DASHBOARD_BYTES) {
        throw new Error(`dashboardsDirectory: ${file} is larger than a ConfigMap can hold`);
      }
      const name = `dashboard-${objectName(file, '.json')}`;
      new k8s.KubeConfigMap(this, name, {
        metadata: {
          name,
          namespace: props.namespace,
          labels: { ...componentLabels(name, 'dashboard'), ...dashboardLabel },
        },
        data: { [basename(file)]: json },
      });
      this.dashboards.push(name);
    }

    for (const file of filesEndingWith(props.rulesDirectory, '.rules.yaml')) {
      const name = objectName(file, '.rules.yaml');
      new ApiObject(this, `rule-${name}`, {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: { name, namespace: props.namespace, labels: componentLabels(name, 'alerting') },
        spec: parseRuleFile(file),
      });
      this.rules.push(name);
    }
  }
}
