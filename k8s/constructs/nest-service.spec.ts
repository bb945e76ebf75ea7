import { Chart, Testing } from 'cdk8s';
import { type Manifest } from '../test/synthesize';
import { ImagePullPolicy } from 'cdk8s-plus-28';
import { NestService, type NestServiceProps } from './nest-service';

const minimal: NestServiceProps = { name: 'demo', namespace: 'apps', image: 'r/demo:1.2.3', port: 8080 };

function synth(props: NestServiceProps) {
  const chart = new Chart(Testing.app(), 'test');
  new NestService(chart, 'demo', props);
  return Testing.synth(chart) as Manifest[];
}

describe(NestService.name, () => {
  describe('constructor', () => {
    it('applies every prop', () => {
      // Required<>: adding a prop to NestServiceProps fails compilation here until it is tested.
      const all: Required<NestServiceProps> = {
        ...minimal,
        imagePullPolicy: ImagePullPolicy.ALWAYS,
        // replicas and autoscaling exclude each other (the HPA owns the count); replicas has its own test.
        replicas: undefined as unknown as number,
        autoscaling: { minReplicas: 3, maxReplicas: 9, cpuUtilization: 60, memoryUtilization: 75 },
        resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '2', memory: '1Gi' } },
        config: { LOG_LEVEL: 'warn' },
        secretKeys: ['REDIS_URL'],
        secretValues: { REDIS_URL: 'redis://:s3cr3t-value@redis:6379' },
        ingress: { host: 'demo.example.com', className: 'nginx', paths: ['/', '/api'] },
        ingressControllerNamespace: 'ingress-nginx',
        monitoringNamespace: 'monitoring',
        allowFrom: [{ 'app.kubernetes.io/name': 'caller' }],
        egress: [{ name: 'redis', podLabels: { 'app.kubernetes.io/name': 'redis' }, port: 6379 }],
        migrationArgs: ['dist/migrate.js'],
        drainDelayMs: 10_000,
        terminationGracePeriodSeconds: 45,
      };
      const objects = synth(all);
      const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
      const [deployment] = byKind('Deployment');
      const pod = deployment?.spec.template.spec;
      expect(deployment?.spec.replicas).toBeUndefined();
      expect(pod.containers[0]).toMatchObject({
        imagePullPolicy: 'Always',
        resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '2', memory: '1024Mi' } },
      });
      expect(pod.initContainers[0].args).toEqual(['dist/migrate.js']);
      expect(pod.terminationGracePeriodSeconds).toBe(45);
      expect(byKind('ConfigMap')[0]?.data).toMatchObject({
        LOG_LEVEL: 'warn',
        SHUTDOWN_DRAIN_DELAY_MS: '10000',
        DATABASE_MIGRATIONS_RUN: 'false',
      });
      expect(byKind('Secret')[0]?.stringData).toEqual(all.secretValues);
      expect(byKind('HorizontalPodAutoscaler')[0]?.spec).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
      expect(byKind('Ingress')[0]?.spec.rules[0].host).toBe('demo.example.com');
      const policy = byKind('NetworkPolicy')[0]?.spec;
      expect(policy.ingress[0].from).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
        { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'caller' } } },
      ]);
      expect(policy.egress).toEqual([
        {
          to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'redis' } } }],
          ports: [{ protocol: 'TCP', port: 6379 }],
        },
      ]);
    });

    it('sets a fixed replica count without autoscaling', () => {
      expect(synth({ ...minimal, replicas: 4 }).find((o) => o.kind === 'Deployment')?.spec.replicas).toBe(4);
    });

    it('defaults to 2 replicas, no Secret object, no Ingress, no HPA and no migration step', () => {
      const objects = synth(minimal);
      const kinds = objects.map((o) => o.kind);
      expect(kinds).not.toContain('Secret');
      expect(kinds).not.toContain('Ingress');
      expect(kinds).not.toContain('HorizontalPodAutoscaler');
      const deployment = objects.find((o) => o.kind === 'Deployment');
      expect(deployment?.spec.replicas).toBe(2);
      expect(deployment?.spec.template.spec.initContainers).toBeUndefined();
      expect(deployment?.spec.template.spec.containers[0].envFrom[1]).toEqual({ secretRef: { name: 'demo-secrets' } });
    });

    it('rolls the pods when the configuration changes', () => {
      const checksum = (config: Record<string, string>): unknown =>
        synth({ ...minimal, config }).find((o) => o.kind === 'Deployment')?.spec.template.metadata.annotations[
          'checksum/config'
        ];
      expect(checksum({ LOG_LEVEL: 'info' })).not.toBe(checksum({ LOG_LEVEL: 'debug' }));
      expect(checksum({ LOG_LEVEL: 'info' })).toBe(checksum({ LOG_LEVEL: 'info' }));
    });

    it.each<[string, Partial<NestServiceProps>]>([
      ['name', { name: 'Not_A_Label' }],
      ['port', { port: 70_000 }],
      ['image', { image: 'r/demo:latest' }],
      ['image', { image: 'r/demo' }],
      ['replicas', { replicas: 0 }],
      [
        'replicas',
        { replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70, memoryUtilization: 70 } },
      ],
      ['autoscaling', { autoscaling: { minReplicas: 5, maxReplicas: 4, cpuUtilization: 70, memoryUtilization: 70 } }],
      ['terminationGracePeriodSeconds', { terminationGracePeriodSeconds: 10, drainDelayMs: 5_000 }],
      ['config', { config: { PORT: '1' } }],
      ['config', { config: { REDIS_URL: 'redis://x' }, secretKeys: ['REDIS_URL'] }],
      ['secretValues', { secretKeys: ['REDIS_URL'], secretValues: { DATABASE_URL: 'x' } }],
      ['ingressControllerNamespace', { ingress: { host: 'a.example.com', className: 'nginx', paths: ['/'] } }],
      [
        'ingress',
        {
          ingress: { host: 'a.example.com', className: 'nginx', paths: ['/metrics'] },
          ingressControllerNamespace: 'ingress-nginx',
        },
      ],
      [
        'resources.limits.cpu',
        { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: 'lots', memory: '1Gi' } } },
      ],
      ['egress', { egress: [{ name: 'both', podLabels: { a: 'b' }, cidr: '10.0.0.0/8', port: 1 }] }],
    ])('refuses a bad %s, naming it', (prop, bad) => {
      expect(() => synth({ ...minimal, ...bad })).toThrow(new RegExp(`^${prop.replace('.', '\\.')}:`));
    });
  });
});
