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
        secretAnnotations: { 'example.com/local-only': 'true' },
        gatewayPeer: { namespace: 'gateway', podLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' } },
        scrapers: [{ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } }],
        allowFrom: [{ 'app.kubernetes.io/name': 'caller' }],
        egress: [{ name: 'redis', podLabels: { 'app.kubernetes.io/name': 'redis' }, port: 6379 }],
        migrationArgs: ['dist/migrate.js'],
        drainDelayMs: 10_000,
        longestRequestMs: 30_000,
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
      expect(byKind('Secret')[0]?.metadata.annotations).toEqual({ 'example.com/local-only': 'true' });
      expect(byKind('HorizontalPodAutoscaler')[0]?.spec).toMatchObject({ minReplicas: 3, maxReplicas: 9 });
      expect(byKind('Role')).toEqual([]);
      expect(byKind('RoleBinding')).toEqual([]);
      const policy = byKind('NetworkPolicy')[0]?.spec;
      expect(policy.ingress[0].from).toEqual([
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway' } },
          podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' } },
        },
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
        },
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

    it('defaults to 2 replicas, no Secret object, no HPA, no migration step and a 30 s grace period', () => {
      const objects = synth(minimal);
      const kinds = objects.map((o) => o.kind);
      expect(kinds).not.toContain('Secret');
      expect(objects.find((o) => o.kind === 'Deployment')?.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
      expect(kinds).not.toContain('HorizontalPodAutoscaler');
      const deployment = objects.find((o) => o.kind === 'Deployment');
      expect(deployment?.spec.replicas).toBe(2);
      expect(deployment?.spec.template.spec.initContainers).toBeUndefined();
      expect(deployment?.spec.template.spec.containers[0].envFrom[1]).toEqual({ secretRef: { name: 'demo-secrets' } });
    });

    it('gives the pods the drain delay plus the longest request plus 5 s when that exceeds 30 s', () => {
      const deployment = synth({ ...minimal, drainDelayMs: 5_000, longestRequestMs: 45_000 }).find(
        (o) => o.kind === 'Deployment',
      );
      expect(deployment?.spec.template.spec.terminationGracePeriodSeconds).toBe(55);
    });

    it('accepts an image pinned by digest after its tag', () => {
      const image = `r/demo:1.2.3@sha256:${'a'.repeat(64)}`;
      expect(
        synth({ ...minimal, image }).find((o) => o.kind === 'Deployment')?.spec.template.spec.containers[0].image,
      ).toBe(image);
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
      ['terminationGracePeriodSeconds', { terminationGracePeriodSeconds: 60, longestRequestMs: 60_000 }],
      ['image', { image: 'r/demo:1.2.3@sha256:short' }],
      ['config', { config: { PORT: '1' } }],
      ['config', { config: { REDIS_URL: 'redis://x' }, secretKeys: ['REDIS_URL'] }],
      ['secretValues', { secretKeys: ['REDIS_URL'], secretValues: { DATABASE_URL: 'x' } }],
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
