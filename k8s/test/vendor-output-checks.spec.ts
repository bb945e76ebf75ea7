import { vendorOutputProblems } from '../observability/vendor-output-checks';
import { STACK_PODS, STACK_PORTS } from '../observability/stack-pods';
import { type Manifest } from './manifest';

const hardened = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};
const resources = () => ({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } });

function deployment(name: string, labels: Record<string, string>, ports: number[]): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'monitoring' },
    spec: {
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              resources: resources(),
              securityContext: hardened,
              ports: ports.map((containerPort) => ({ containerPort })),
            },
          ],
        },
      },
    },
  };
}

/** A rendered stack that holds every assumption: one pod per component, as the pinned charts render them. */
function stack(): Manifest[] {
  const ports: Record<string, number[]> = {
    grafana: [STACK_PORTS.grafana],
    operator: [STACK_PORTS.operator],
    kubeStateMetrics: [STACK_PORTS.kubeStateMetrics],
    loki: [STACK_PORTS.loki],
    alloy: [STACK_PORTS.alloy],
    tempo: [STACK_PORTS.tempoQuery, STACK_PORTS.tempoOtlpGrpc, STACK_PORTS.tempoOtlpHttp],
  };
  const custom = (kind: string, name: string): Manifest => ({
    apiVersion: 'monitoring.coreos.com/v1',
    kind,
    metadata: { name },
    spec: { resources: resources(), storage: { volumeClaimTemplate: {} } },
  });
  return [
    ...Object.entries(ports).map(([component, list]) =>
      deployment(component, STACK_PODS[component as keyof typeof STACK_PODS], list),
    ),
    custom('Prometheus', STACK_PODS.prometheus['app.kubernetes.io/instance']),
    custom('Alertmanager', STACK_PODS.alertmanager['app.kubernetes.io/instance']),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'tempo' }, spec: { ports: [{ port: 4318 }] } },
  ];
}

describe(vendorOutputProblems.name, () => {
  it('finds nothing in a stack that holds every assumption', () => {
    expect(vendorOutputProblems(stack())).toEqual([]);
  });

  it('reports a component whose pods lost the labels the NetworkPolicies select', () => {
    const objects = stack();
    objects[0]!.spec.template.metadata.labels = { 'app.kubernetes.io/name': 'grafana' };
    expect(vendorOutputProblems(objects)).toEqual([expect.stringMatching(/^grafana: no pod template carries/)]);
  });

  it('reports a port the policies open that no container declares', () => {
    const objects = stack();
    objects.find(
      (o) => o.metadata.name === 'tempo' && o.kind === 'Deployment',
    )!.spec.template.spec.containers[0].ports = [{ containerPort: 3200 }];
    expect(vendorOutputProblems(objects)).toEqual([
      'tempo: no container declares port 4317',
      'tempo: no container declares port 4318',
    ]);
  });

  it('reports a container without requests and a memory limit, and a missing Prometheus', () => {
    const objects = stack().filter((o) => o.kind !== 'Prometheus');
    delete objects[1]!.spec.template.spec.containers[0].resources.limits;
    expect(vendorOutputProblems(objects)).toEqual([
      'prometheus: no Prometheus named kube-prometheus-stack-prometheus (the operator labels its pods with that name)',
      'Deployment operator container operator: needs requests (cpu, memory) and a memory limit',
    ]);
  });

  it('reports restricted-profile violations except the accepted ones of node exporters and Alloy', () => {
    const objects = stack();
    objects[0]!.spec.template.spec.volumes = [{ name: 'root', hostPath: { path: '/' } }];
    const exporter = deployment('kube-prometheus-stack-prometheus-node-exporter', { app: 'x' }, []);
    exporter.spec.template.spec.hostNetwork = true;
    expect(vendorOutputProblems([...objects, exporter])).toEqual([
      'Deployment grafana: restricted profile: volume root: hostPath',
    ]);
  });

  it('reports Helm hooks and Jaeger ports on Tempo', () => {
    const objects = stack();
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'test', annotations: { 'helm.sh/hook': 'test' } },
    });
    (objects.find((o) => o.kind === 'Service')!.spec as { ports: { port: number }[] }).ports.push({ port: 14268 });
    expect(vendorOutputProblems(objects)).toEqual([
      'Pod test: a Helm hook (test)',
      'tempo: the Service exposes Jaeger port 14268',
    ]);
  });
});
