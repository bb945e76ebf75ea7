import { type Manifest, matches, podTemplates } from '../test/manifest';
import { podSecurityViolations } from '../test/pod-security-standards';
import { STACK_PODS, STACK_PORTS, type StackComponent } from './stack-pods';

/**
 * What the project assumes about the pinned charts' rendered output (charts-out-vendor/<env>), checked
 * wherever the charts can be pulled (`npm run k8s:check-vendor`, in CI after `npm run charts:pull`):
 * the monitoring NetworkPolicies and the flow test select the stack's pods by the labels and ports of
 * stack-pods.ts, so a chart bump that renames them would silently cut a flow in a cluster.
 */

/** Pods the prometheus-operator creates from a custom resource named by their instance label. */
const OPERATOR_MADE: Partial<Record<StackComponent, string>> = {
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
};

/** Ports each component's pods must declare (the ones the policies open to them). */
const COMPONENT_PORTS: Partial<Record<StackComponent, readonly number[]>> = {
  grafana: [STACK_PORTS.grafana],
  operator: [STACK_PORTS.operator],
  kubeStateMetrics: [STACK_PORTS.kubeStateMetrics],
  loki: [STACK_PORTS.loki],
  alloy: [STACK_PORTS.alloy],
  tempo: [STACK_PORTS.tempoQuery, STACK_PORTS.tempoOtlpGrpc, STACK_PORTS.tempoOtlpHttp],
};

/**
 * Restricted-profile exceptions that are the point of the component (read the node's files and
 * network): they are why the monitoring namespace enforces `privileged`. Anything else is a finding.
 */
const ACCEPTED_POD_SECURITY: Readonly<Record<string, RegExp>> = {
  'kube-prometheus-stack-prometheus-node-exporter': /^(hostNetwork|hostPID): true$|^volume \w+: hostPath$/,
  alloy: /^volume varlog: hostPath$|^alloy: runAsNonRoot not true$/,
};

/** Jaeger's receiver ports: Tempo receives OTLP only (values/tempo.ts). */
const JAEGER_PORTS = [6831, 6832, 14250, 14268];

interface Container {
  name: string;
  ports?: { containerPort: number }[];
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
}

function resourceProblems(where: string, container: Container): string[] {
  const { requests, limits } = container.resources ?? {};
  if (requests?.cpu && requests.memory && limits?.memory) return [];
  return [`${where} container ${container.name}: needs requests (cpu, memory) and a memory limit`];
}

/** Problems found in one environment's rendered vendor objects; empty when every assumption holds. */
export function vendorOutputProblems(objects: readonly Manifest[]): string[] {
  const problems: string[] = [];
  const templates = podTemplates(objects);

  for (const [component, labels] of Object.entries(STACK_PODS) as [StackComponent, Record<string, string>][]) {
    const kind = OPERATOR_MADE[component];
    if (kind) {
      const instance = labels['app.kubernetes.io/instance'];
      if (!objects.some((object) => object.kind === kind && object.metadata.name === instance))
        problems.push(`${component}: no ${kind} named ${instance} (the operator labels its pods with that name)`);
      continue;
    }
    const pods = templates.filter((template) => matches(labels, template.labels));
    if (pods.length === 0) {
      problems.push(`${component}: no pod template carries ${JSON.stringify(labels)}`);
      continue;
    }
    const declared = new Set(
      pods.flatMap((pod) =>
        (pod.spec.containers as Container[]).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort)),
      ),
    );
    for (const port of COMPONENT_PORTS[component] ?? [])
      if (!declared.has(port)) problems.push(`${component}: no container declares port ${port}`);
  }

  for (const { workload, spec } of templates) {
    const where = `${workload.kind} ${workload.metadata.name}`;
    const containers = [...((spec.initContainers ?? []) as Container[]), ...(spec.containers as Container[])];
    problems.push(...containers.flatMap((container) => resourceProblems(where, container)));
    const accepted = ACCEPTED_POD_SECURITY[workload.metadata.name];
    // The baseline and restricted checks can name one volume twice.
    for (const violation of new Set(podSecurityViolations(spec, 'restricted')))
      if (!accepted?.test(violation)) problems.push(`${where}: restricted profile: ${violation}`);
  }
  for (const object of objects.filter((candidate) => ['Prometheus', 'Alertmanager'].includes(candidate.kind))) {
    const spec = object.spec as { resources?: Container['resources']; storage?: unknown };
    problems.push(
      ...resourceProblems(`${object.kind} ${object.metadata.name}`, { name: 'main', resources: spec.resources }),
    );
    if (!spec.storage) problems.push(`${object.kind} ${object.metadata.name}: no persistent storage`);
  }

  for (const object of objects)
    if (object.metadata.annotations?.['helm.sh/hook'])
      problems.push(
        `${object.kind} ${object.metadata.name}: a Helm hook (${object.metadata.annotations['helm.sh/hook']})`,
      );

  const tempo = objects.find((object) => object.kind === 'Service' && object.metadata.name === 'tempo');
  const tempoPorts = ((tempo?.spec as { ports?: { port: number }[] } | undefined)?.ports ?? []).map((p) => p.port);
  if (!tempo) problems.push('tempo: no Service named tempo');
  for (const port of JAEGER_PORTS.filter((candidate) => tempoPorts.includes(candidate)))
    problems.push(`tempo: the Service exposes Jaeger port ${port}`);
  return problems;
}
