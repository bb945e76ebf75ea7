import { editYaml, replaceIn, write } from './edit';

const HARD = { 'requests.cpu': '2', 'requests.memory': '2Gi', 'limits.cpu': '4', 'limits.memory': '4Gi', pods: '20' };

/** Reference solution of exercise 8: NamespaceQuota, its spec, NamespacesChart using it, and the synthesized quota. */
export function addACdk8sConstruct(root: string): void {
  write(
    root,
    'k8s/constructs/namespace-quota.ts',
    `import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { componentLabels } from './labels';

export interface NamespaceQuotaProps {
  readonly namespace: string;
  /**
   * CPU all pods of the namespace may request together.
   * @default '2'
   */
  readonly requestsCpu?: string;
  /**
   * Memory all pods may request together.
   * @default '2Gi'
   */
  readonly requestsMemory?: string;
  /**
   * Pods the namespace may hold.
   * @default 20
   */
  readonly pods?: number;
}

/** A ResourceQuota capping what one namespace may ask of the cluster; limits are twice the requests. */
export class NamespaceQuota extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceQuotaProps) {
    super(scope, id);
    const pods = props.pods ?? 20;
    if (!Number.isInteger(pods) || pods < 1) throw new Error(\`pods: expected a positive integer, got \${pods}\`);
    const requestsCpu = props.requestsCpu ?? '2';
    const requestsMemory = props.requestsMemory ?? '2Gi';
    const twice = (quantity: string) => quantity.replace(/^\\d+/, (amount) => String(Number(amount) * 2));
    new k8s.KubeResourceQuota(this, 'quota', {
      metadata: { name: 'quota', namespace: props.namespace, labels: componentLabels('quota', 'resource-quota') },
      spec: {
        hard: {
          'requests.cpu': k8s.Quantity.fromString(requestsCpu),
          'requests.memory': k8s.Quantity.fromString(requestsMemory),
          'limits.cpu': k8s.Quantity.fromString(twice(requestsCpu)),
          'limits.memory': k8s.Quantity.fromString(twice(requestsMemory)),
          pods: k8s.Quantity.fromNumber(pods),
        },
      },
    });
  }
}
`,
  );
  write(
    root,
    'k8s/constructs/namespace-quota.spec.ts',
    `import { Chart, Testing } from 'cdk8s';
import { NamespaceQuota } from './namespace-quota';

describe(NamespaceQuota.name, () => {
  it('caps requests, limits (twice the requests) and pods of the namespace', () => {
    const chart = new Chart(Testing.app(), 'test');
    new NamespaceQuota(chart, 'quota', { namespace: 'apps', requestsCpu: '3' });
    const [quota] = Testing.synth(chart);
    expect(quota.metadata.namespace).toBe('apps');
    expect(quota.spec.hard).toEqual({
      'requests.cpu': '3',
      'requests.memory': '2Gi',
      'limits.cpu': '6',
      'limits.memory': '4Gi',
      pods: 20,
    });
  });

  it('refuses a pod count that is not a positive integer, naming the prop', () => {
    expect(() => new NamespaceQuota(new Chart(Testing.app(), 't'), 'q', { namespace: 'apps', pods: 0 })).toThrow(/^pods:/);
  });
});
`,
  );
  replaceIn(
    root,
    'k8s/charts/namespaces-chart.ts',
    /^/,
    `import { NamespaceQuota } from '../constructs/namespace-quota';\n`,
  );
  replaceIn(
    root,
    'k8s/charts/namespaces-chart.ts',
    "    const labels = componentLabels('default-deny', 'network-policy');",
    "    new NamespaceQuota(this, 'quota', { namespace: env.namespace });\n    const labels = componentLabels('default-deny', 'network-policy');",
  );
  // What npm run synth writes from it.
  for (const env of ['local', 'production']) {
    editYaml(root, `charts-out/${env}/0000-namespaces.k8s.yaml`, (documents) => [
      ...documents,
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'quota', namespace: 'nest-apps' },
        spec: { hard: HARD },
      },
    ]);
  }
}
