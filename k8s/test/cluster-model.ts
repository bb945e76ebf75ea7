import { join } from 'node:path';
import { parse } from 'yaml';
import { parseCidr } from '../constructs/cidr';
import { acmeSolverPods, gatewayProxyPods } from '../charts/gateway-chart';
import { APPS, type AppEntry } from '../../apps/registry';
import { type Environment } from '../environments';
import { stackEndpoints } from '../observability/pinned-charts';
import { type StackComponent, STACK_PODS, STACK_PORTS } from '../observability/stack-pods';
import { alloyValues } from '../observability/values/alloy';
import { type Connection, type Endpoint } from './network-policy-evaluator';
import { type Manifest, podTemplates, synthesizeEnvironment } from './synthesize';

/** A connection the system makes, and where in the objects it was read. */
export interface Flow extends Connection {
  readonly source: string;
}

/** The n-th address of a range (for modelled pods and outside hosts). */
export function addressIn(cidr: string, n: number): string {
  const { network } = parseCidr(cidr);
  const value = network + n;
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/** Ports each stack component's pods listen on. */
const STACK_LISTENS: Readonly<Record<StackComponent, readonly number[]>> = {
  prometheus: [STACK_PORTS.prometheus, STACK_PORTS.configReloader],
  alertmanager: [STACK_PORTS.alertmanager, STACK_PORTS.configReloader],
  grafana: [STACK_PORTS.grafana],
  operator: [STACK_PORTS.operator],
  kubeStateMetrics: [STACK_PORTS.kubeStateMetrics],
  loki: [STACK_PORTS.loki],
  alloy: [STACK_PORTS.alloy],
  tempo: [STACK_PORTS.tempoQuery, STACK_PORTS.tempoOtlpGrpc, STACK_PORTS.tempoOtlpHttp],
};

export interface ModelPod extends Endpoint {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Ports it accepts connections on. */
  readonly listens: readonly number[];
}

/**
 * The cluster an environment's objects describe: the synthesized pods, the pods the vendored
 * charts and the Gateway controller run (by their labels), kube-dns, and two pods that belong to
 * nobody (one in the apps namespace, one in `default`), each with an address in the pod range.
 * Then every connection the objects say the system makes.
 */
export function clusterModel(env: Environment, apps: readonly AppEntry[] = APPS) {
  const objects = [...synthesizeEnvironment(env, join(__dirname, 'fixtures', 'observability'), apps).values()].flat();
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  let next = 10;
  const ip = () => addressIn(env.network.podCidr, next++);
  const pods: ModelPod[] = podTemplates(objects).map(({ workload, namespace, labels, spec }) => ({
    name: `${namespace}/${workload.metadata.name}`,
    namespace: namespace ?? '',
    labels,
    ip: ip(),
    listens: (spec.containers as Manifest[]).flatMap((c) =>
      ((c.ports ?? []) as Manifest[]).map((p) => p.containerPort as number),
    ),
  }));
  const stackPod = (component: StackComponent): ModelPod => ({
    name: `${env.monitoringNamespace}/${component}`,
    namespace: env.monitoringNamespace,
    labels: STACK_PODS[component],
    ip: ip(),
    listens: STACK_LISTENS[component],
  });
  const stack = Object.fromEntries(
    (Object.keys(STACK_PODS) as StackComponent[]).map((component) => [component, stackPod(component)]),
  ) as Record<StackComponent, ModelPod>;
  if (env.monitoring.enabled) pods.push(...Object.values(stack));
  const proxies = gatewayProxyPods(env);
  const gatewayProxy: ModelPod = {
    name: `${env.gateway.namespace}/gateway-proxy`,
    namespace: env.gateway.namespace,
    labels: proxies.podLabels,
    ip: ip(),
    listens: env.gateway.tls ? [80, 443] : [80],
  };
  const kubeDns: ModelPod = {
    name: 'kube-system/kube-dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ip: ip(),
    listens: [53],
  };
  const intruders: ModelPod[] = [env.namespace, 'default'].map((namespace) => ({
    name: `${namespace}/intruder`,
    namespace,
    labels: { 'app.kubernetes.io/name': 'intruder' },
    ip: ip(),
    listens: [8080],
  }));
  pods.push(gatewayProxy, kubeDns, ...intruders);

  const namespaceLabels: Record<string, Record<string, string>> = { 'kube-system': {}, default: {} };
  for (const ns of ofKind('Namespace')) namespaceLabels[ns.metadata.name] = ns.metadata.labels ?? {};

  const podOf = (workload: string) => pods.find((pod) => pod.name === workload);
  const flows: Flow[] = [];
  const add = (
    from: Endpoint | undefined,
    to: Endpoint | undefined,
    port: number,
    source: string,
    protocol: 'TCP' | 'UDP' = 'TCP',
  ) => {
    if (!from || !to) throw new Error(`${source}: cannot resolve ${from?.name ?? '?'} -> ${to?.name ?? '?'}`);
    flows.push({ from, to, port, protocol, source });
  };

  /** Pods behind `host:port` (a Service of the objects, or one of the vendored stack's Services) and their port. */
  const stackServices: Record<string, StackComponent> = {};
  for (const [component, url] of Object.entries(stackEndpoints(env.monitoringNamespace))) {
    const name = new URL(url).hostname.split('.')[0] ?? '';
    stackServices[name] = component === 'tempoOtlpHttp' ? 'tempo' : (component as StackComponent);
  }
  const behind = (host: string, port: number): { pods: ModelPod[]; port: number } | undefined => {
    const [name, namespace] = host.split('.');
    const service = ofKind('Service').find((s) => s.metadata.name === name && s.metadata.namespace === namespace);
    if (service) {
      const servicePort = (service.spec.ports as Manifest[]).find((p) => p.port === port);
      if (!servicePort) return undefined;
      const selected = pods.filter(
        (pod) =>
          pod.namespace === namespace &&
          Object.entries(service.spec.selector as Record<string, string>).every(([k, v]) => pod.labels[k] === v),
      );
      return { pods: selected, port: (servicePort.targetPort as number | undefined) ?? port };
    }
    const component = namespace === env.monitoringNamespace && name !== undefined ? stackServices[name] : undefined;
    return component ? { pods: [stack[component]], port } : undefined;
  };
  const urlFlows = (from: ModelPod, value: string, source: string) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return;
    }
    const defaults: Record<string, number> = { 'http:': 80, 'https:': 443, 'postgres:': 5432, 'redis:': 6379 };
    const port = Number(url.port || defaults[url.protocol]);
    if (!url.hostname.endsWith('.svc.cluster.local')) return;
    const target = behind(url.hostname, port);
    if (!target || target.pods.length === 0) throw new Error(`${source}: ${value} reaches no pod`);
    for (const pod of target.pods) add(from, pod, target.port, source);
  };

  // 1. Each app's environment: its ConfigMap and Secret as the kubelet hands them to the container.
  for (const deployment of ofKind('Deployment')) {
    const from = podOf(`${deployment.metadata.namespace}/${deployment.metadata.name}`);
    if (!from) continue;
    for (const container of [
      ...((deployment.spec.template.spec.initContainers ?? []) as Manifest[]),
      ...(deployment.spec.template.spec.containers as Manifest[]),
    ]) {
      for (const source of (container.envFrom ?? []) as Manifest[]) {
        const ref = (source.configMapRef ?? source.secretRef) as { name: string };
        const object = objects.find(
          (o) =>
            o.metadata.name === ref.name &&
            o.metadata.namespace === deployment.metadata.namespace &&
            (o.kind === 'ConfigMap' || o.kind === 'Secret'),
        );
        const data = (object?.data ?? object?.stringData ?? {}) as Record<string, string>;
        for (const [key, value] of Object.entries(data)) urlFlows(from, value, `${deployment.metadata.name} ${key}`);
      }
    }
    // Out-of-band Secrets (production): the stores the app reads, at the environment's addresses.
    if (env.secrets === 'external') {
      const entry = apps.find((candidate) => candidate.identity.name === deployment.metadata.name);
      const keys = [
        ...(entry?.identity.usesDatabase === true ? ['DATABASE_URL'] : []),
        ...(entry?.cache === true ? ['REDIS_URL'] : []),
      ];
      for (const key of keys) {
        const store = key === 'DATABASE_URL' ? env.dataStores.postgres : env.dataStores.redis;
        const port = key === 'DATABASE_URL' ? 5432 : 6379;
        add(
          from,
          { name: `${key} host`, ip: addressIn(store.externalCidr, 5) },
          port,
          `${deployment.metadata.name} ${key} (external Secret)`,
        );
      }
    }
  }
  // 2. The LLM provider, when one is configured.
  if (env.llmUpstream) {
    for (const entry of apps.filter((candidate) => candidate.llmUpstream)) {
      add(
        podOf(`${env.namespace}/${entry.identity.name}`),
        { name: 'LLM provider', ip: '203.0.113.10' },
        443,
        'llmUpstream',
      );
    }
  }
  // 3. Prometheus scrapes what the ServiceMonitors select, on the named port's target.
  for (const monitor of ofKind('ServiceMonitor')) {
    for (const namespace of monitor.spec.namespaceSelector.matchNames as string[]) {
      for (const service of ofKind('Service').filter(
        (s) =>
          s.metadata.namespace === namespace &&
          Object.entries(monitor.spec.selector.matchLabels as Record<string, string>).every(
            ([k, v]) => s.metadata.labels?.[k] === v,
          ),
      )) {
        for (const endpoint of monitor.spec.endpoints as Manifest[]) {
          const servicePort = (service.spec.ports as Manifest[]).find((p) => p.name === endpoint.port);
          const target = behind(`${service.metadata.name}.${namespace}`, servicePort?.port as number);
          for (const pod of target?.pods ?? [])
            add(stack.prometheus, pod, target?.port ?? 0, `ServiceMonitor ${monitor.metadata.name}`);
        }
      }
    }
  }
  // 4. Grafana's datasources.
  for (const configMap of ofKind('ConfigMap').filter((c) => c.metadata.labels?.grafana_datasource === '1')) {
    const provisioning = parse((configMap.data as Record<string, string>)['datasources.yaml'] ?? '') as {
      datasources: { name: string; url: string }[];
    };
    for (const datasource of provisioning.datasources)
      urlFlows(stack.grafana, datasource.url, `Grafana datasource ${datasource.name}`);
  }
  // 5. Alloy pushes to the Loki URL of its configuration.
  if (env.monitoring.enabled) {
    const content = alloyValues({ lokiUrl: stackEndpoints(env.monitoringNamespace).loki }).alloy.configMap.content;
    for (const [, url] of content.matchAll(/url\s*=\s*"([^"]+)"/g))
      urlFlows(stack.alloy, url ?? '', 'Alloy loki.write');
  }
  // 5b. Alertmanager delivers to the webhooks of its configuration Secret.
  for (const secret of ofKind('Secret').filter((o) => o.stringData?.['alertmanager.yaml'] !== undefined)) {
    const config = parse((secret.stringData as Record<string, string>)['alertmanager.yaml'] ?? '') as {
      receivers: { name: string; webhook_configs?: { url: string }[] }[];
    };
    for (const receiver of config.receivers) {
      for (const webhook of receiver.webhook_configs ?? [])
        urlFlows(stack.alertmanager, webhook.url, `Alertmanager receiver ${receiver.name}`);
    }
  }
  // 6. The Gateway's proxies to each route's backend.
  for (const route of ofKind('HTTPRoute')) {
    for (const rule of route.spec.rules as Manifest[]) {
      for (const ref of (rule.backendRefs ?? []) as Manifest[]) {
        const target = behind(`${ref.name}.${route.metadata.namespace}`, ref.port as number);
        for (const pod of target?.pods ?? [])
          add(gatewayProxy, pod, target?.port ?? 0, `HTTPRoute ${route.metadata.name}`);
      }
    }
  }
  // 7. DNS, from every pod of the project's namespaces.
  const projectNamespaces = [
    env.namespace,
    env.gateway.namespace,
    ...(env.monitoring.enabled ? [env.monitoringNamespace] : []),
  ];
  for (const pod of pods.filter(
    (p) => projectNamespaces.includes(p.namespace) && p.name !== `${env.namespace}/intruder`,
  )) {
    add(pod, kubeDns, 53, 'DNS', 'UDP');
    add(pod, kubeDns, 53, 'DNS', 'TCP');
  }

  // 8. With TLS, the Gateway to cert-manager's HTTP-01 solver, which cert-manager routes during a
  // challenge (no object of the output describes it; the solver needs neither DNS nor egress).
  if (env.gateway.tls) {
    const solver = acmeSolverPods(env);
    const solverPod: ModelPod = {
      name: `${solver.namespace}/acme-http01-solver`,
      namespace: solver.namespace ?? env.gateway.namespace,
      labels: solver.podLabels,
      ip: ip(),
      listens: [solver.port],
    };
    pods.push(solverPod);
    add(gatewayProxy, solverPod, solver.port, 'cert-manager HTTP-01 challenge');
  }

  const policies = ofKind('NetworkPolicy');
  return { objects, pods, stack, gatewayProxy, kubeDns, intruders, namespaceLabels, flows, policies };
}
