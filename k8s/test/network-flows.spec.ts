import { stackFlows } from '../charts/monitoring-network-chart';
import { APPS } from '../../apps/registry';
import { ENVIRONMENTS } from '../environments';
import { type STACK_PODS } from '../observability/stack-pods';
import { addressIn, clusterModel, type ModelPod } from './cluster-model';
import { type Connection, type Endpoint, NetworkPolicyEvaluator } from './network-policy-evaluator';
import { APPS_WITH_THIRD_APP } from './third-app.fixture';

const describeConnection = ({ from, to, port, protocol }: Connection) =>
  `${from.name} -> ${to.name}:${port}${protocol === 'UDP' ? '/udp' : ''}`;

// Every connection the synthesized objects say the system makes (env URLs, data-store clients,
// ServiceMonitor scrapes, Grafana datasources, Alloy -> Loki, apps -> Tempo, Gateway -> routes,
// DNS), checked against the NetworkPolicies with Kubernetes' semantics; and every other
// connection between the modelled pods refused.
// Each environment also with a fixture third app added to the registry alone (third-app.fixture.ts).
const CASES = ENVIRONMENTS.flatMap((env) => [
  [env.name, env, APPS] as const,
  [`${env.name} with a third app in the registry`, env, APPS_WITH_THIRD_APP] as const,
]);

describe.each(CASES)('NetworkPolicies of environment %s', (_name, env, registry) => {
  const model = clusterModel(env, registry);
  const evaluator = new NetworkPolicyEvaluator(model.policies, model.namespaceLabels);
  const pod = (name: string) => model.pods.find((p) => p.name === name) as ModelPod;
  const apps = ['sample-app', 'llm-app'].map((name) => pod(`${env.namespace}/${name}`));

  it('derives the flows the objects describe: each app URL, store, scrape, datasource, log push, span export, route and DNS', () => {
    const sources = new Set(model.flows.map((flow) => flow.source.replace(/^(\S+) .*$/, '$1')));
    expect([...sources].sort()).toEqual(
      expect.arrayContaining(['DNS', 'HTTPRoute', 'ServiceMonitor', 'llm-app', 'sample-app', 'Grafana', 'Alloy']),
    );
    const described = model.flows.map(describeConnection);
    expect(described).toEqual(
      expect.arrayContaining([
        `${env.namespace}/sample-app -> ${env.namespace}/llm-app:8081`,
        `${env.namespace}/llm-app -> ${env.namespace}/sample-app:8080`,
        `${env.namespace}/sample-app -> ${env.monitoringNamespace}/tempo:4318`,
        `${env.namespace}/llm-app -> ${env.monitoringNamespace}/tempo:4318`,
        `${env.monitoringNamespace}/prometheus -> ${env.namespace}/sample-app:8080`,
        `${env.gateway.namespace}/gateway-proxy -> ${env.namespace}/llm-app:8081`,
        `${env.monitoringNamespace}/alloy -> ${env.monitoringNamespace}/loki:3100`,
        `${env.monitoringNamespace}/grafana -> ${env.monitoringNamespace}/tempo:3200`,
      ]),
    );
  });

  if (registry !== APPS) {
    it("derives the third app's flows from its registry entry: JWKS, database, cache, spans, scrape and route", () => {
      const third = `${env.namespace}/third-app`;
      const database = env.dataStores.postgres.inCluster ? `${env.namespace}/postgres` : 'DATABASE_URL host';
      const cache = env.dataStores.redis.inCluster ? `${env.namespace}/redis` : 'REDIS_URL host';
      expect(model.flows.map(describeConnection)).toEqual(
        expect.arrayContaining([
          `${third} -> ${env.namespace}/sample-app:8080`,
          `${third} -> ${database}:5432`,
          `${third} -> ${cache}:6379`,
          `${third} -> ${env.monitoringNamespace}/tempo:4318`,
          `${env.monitoringNamespace}/prometheus -> ${third}:8082`,
          `${env.gateway.namespace}/gateway-proxy -> ${third}:8082`,
        ]),
      );
      // Nobody calls it: no app may open a connection to it.
      const apps = ['sample-app', 'llm-app'].map((name) => pod(`${env.namespace}/${name}`));
      expect(apps.filter((from) => evaluator.allows({ from, to: pod(third), port: 8082 }))).toEqual([]);
    });
  }

  it('allows every flow of the list', () => {
    const refused = model.flows
      .filter((flow) => !evaluator.allows(flow))
      .map((flow) => `${describeConnection(flow)} (${flow.source})`);
    expect(refused).toEqual([]);
  });

  it('refuses every other connection between the modelled pods, pods that belong to nobody included', () => {
    // The monitoring stack's own connections (alerts, self-scrapes, API server) come from the same
    // list the policies are built from; everything crossing into or out of the stack was derived above.
    const internal = stackFlows(env, [])
      .filter((flow) => 'component' in flow.from && 'component' in flow.to)
      .map((flow) =>
        describeConnection({
          from: model.stack[(flow.from as { component: keyof typeof STACK_PODS }).component],
          to: model.stack[(flow.to as { component: keyof typeof STACK_PODS }).component],
          port: flow.port,
        }),
      );
    // Open to anyone by design: the Gateway's listeners (the public entry point) and the
    // operator's admission webhook (called by the API server, which is not a pod); and DNS,
    // which the apps namespace grants every pod.
    const open = model.pods.flatMap((from) => [
      ...model.gatewayProxy.listens.map((port) => describeConnection({ from, to: model.gatewayProxy, port })),
      ...(from.namespace === env.namespace
        ? (['UDP', 'TCP'] as const).map((protocol) =>
            describeConnection({ from, to: model.kubeDns, port: 53, protocol }),
          )
        : []),
    ]);
    const expected = new Set([...model.flows.map(describeConnection), ...internal, ...open]);
    const unexpected: string[] = [];
    const governed = new Set([env.namespace, env.gateway.namespace, env.monitoringNamespace]);
    for (const from of model.pods) {
      for (const to of model.pods) {
        // Between namespaces the project does not govern (kube-system, default): not its policies' business.
        if (from === to || (!governed.has(from.namespace) && !governed.has(to.namespace))) continue;
        for (const port of to.listens) {
          for (const protocol of port === 53 ? (['UDP', 'TCP'] as const) : (['TCP'] as const)) {
            const connection = { from, to, port, protocol };
            if (evaluator.allows(connection) && !expected.has(describeConnection(connection))) {
              unexpected.push(describeConnection(connection));
            }
          }
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('admits no connection to or from a pod that belongs to nobody, in the apps namespace or elsewhere', () => {
    for (const intruder of model.intruders) {
      // Not the public entry point (the Gateway's listeners) nor DNS.
      const publicPods = [model.gatewayProxy, model.kubeDns];
      const targets = model.pods.filter((p) => p !== intruder && !publicPods.includes(p));
      const reachable = targets.flatMap((to) =>
        to.listens
          .filter((port) => evaluator.allows({ from: intruder, to, port }))
          .map((port) => `${intruder.name} -> ${to.name}:${port}`),
      );
      const reached = targets
        .filter((from) => evaluator.allows({ from, to: intruder, port: 8080 }))
        .map((from) => `${from.name} -> ${intruder.name}:8080`);
      // The one in `default` is in no namespace of the project: only what it may reach is ours to decide.
      expect(reachable).toEqual([]);
      expect(intruder.namespace === env.namespace ? reached : []).toEqual([]);
    }
  });

  it("lets no app reach the cloud metadata address, the cluster's pod or Service ranges, or private addresses on 443", () => {
    const outside = (name: string, ip: string): Endpoint => ({ name, ip });
    const forbidden = [
      outside('metadata', '169.254.169.254'),
      outside('a pod address', addressIn(env.network.podCidr, 200)),
      outside('a Service address', addressIn(env.network.serviceCidr, 10)),
      outside('a private address', '10.99.0.7'),
      outside('a private address', '192.168.1.10'),
    ];
    const allowed = apps.flatMap((from) =>
      forbidden.flatMap((to) =>
        [443, 5432, 6379, 80]
          .filter((port) => evaluator.allows({ from, to, port }))
          .map((port) => `${from.name} -> ${to.name} ${to.ip}:${port}`),
      ),
    );
    expect(allowed).toEqual([]);
  });

  it('lets only sample-app reach the database, and only the apps reach the cache', () => {
    const database = env.dataStores.postgres.inCluster
      ? pod(`${env.namespace}/postgres`)
      : { name: 'postgres', ip: addressIn(env.dataStores.postgres.externalCidr, 5) };
    expect(apps.map((from) => evaluator.allows({ from, to: database, port: 5432 }))).toEqual([true, false]);
    const cache = env.dataStores.redis.inCluster
      ? pod(`${env.namespace}/redis`)
      : { name: 'redis', ip: addressIn(env.dataStores.redis.externalCidr, 5) };
    expect(apps.map((from) => evaluator.allows({ from, to: cache, port: 6379 }))).toEqual([true, true]);
  });

  it('admits only Prometheus from the monitoring namespace to the app ports', () => {
    const admitted = Object.values(model.stack)
      .filter((from) => apps.some((to) => evaluator.allows({ from, to, port: to.listens[0] ?? 0 })))
      .map((from) => from.name);
    expect(admitted).toEqual(env.monitoring.enabled ? [`${env.monitoringNamespace}/prometheus`] : []);
  });
});

describe(NetworkPolicyEvaluator.name, () => {
  const a = { name: 'ns/a', namespace: 'ns', labels: { app: 'a' }, ip: '10.244.0.1' };
  const b = { name: 'ns/b', namespace: 'ns', labels: { app: 'b' }, ip: '10.244.0.2' };
  const other = { name: 'other/c', namespace: 'other', labels: { app: 'a' }, ip: '10.244.0.3' };
  const policy = (spec: object, namespace = 'ns') => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace },
    spec,
  });

  it('leaves a pod selected by no policy open, and a default deny closes it', () => {
    expect(new NetworkPolicyEvaluator([], {}).allows({ from: a, to: b, port: 80 })).toBe(true);
    const deny = policy({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(new NetworkPolicyEvaluator([deny], {}).allows({ from: a, to: b, port: 80 })).toBe(false);
  });

  it('adds policies up, and needs both the egress and the ingress side', () => {
    const egressDeny = policy({ podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'] });
    const ingressAllow = policy({
      podSelector: { matchLabels: { app: 'b' } },
      policyTypes: ['Ingress'],
      ingress: [{}],
    });
    expect(new NetworkPolicyEvaluator([egressDeny, ingressAllow], {}).allows({ from: a, to: b, port: 80 })).toBe(false);
    const egressAllow = policy({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ protocol: 'TCP', port: 80 }] }],
    });
    const evaluator = new NetworkPolicyEvaluator([egressDeny, ingressAllow, egressAllow], {});
    expect(evaluator.allows({ from: a, to: b, port: 80 })).toBe(true);
    expect(evaluator.allows({ from: a, to: b, port: 81 })).toBe(false);
  });

  it('reads a podSelector alone as the policy namespace, and namespace plus pod selectors together', () => {
    const sameNamespace = policy({
      podSelector: { matchLabels: { app: 'b' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
    });
    expect(new NetworkPolicyEvaluator([sameNamespace], {}).allows({ from: other, to: b, port: 80 })).toBe(false);
    expect(new NetworkPolicyEvaluator([sameNamespace], {}).allows({ from: a, to: b, port: 80 })).toBe(true);
    const both = policy({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { team: 'x' } }, podSelector: { matchLabels: { app: 'a' } } }] },
      ],
    });
    expect(new NetworkPolicyEvaluator([both], { other: { team: 'x' } }).allows({ from: other, to: b, port: 80 })).toBe(
      true,
    );
    expect(new NetworkPolicyEvaluator([both], { other: { team: 'y' } }).allows({ from: other, to: b, port: 80 })).toBe(
      false,
    );
  });

  it('matches ipBlocks by address, minus their except ranges', () => {
    const egress = policy({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.0.0/16'] } }], ports: [{ port: 443 }] }],
    });
    const evaluator = new NetworkPolicyEvaluator([egress], {});
    expect(evaluator.allows({ from: a, to: { name: 'x', ip: '203.0.113.1' }, port: 443 })).toBe(true);
    expect(evaluator.allows({ from: a, to: { name: 'm', ip: '169.254.169.254' }, port: 443 })).toBe(false);
  });
});
