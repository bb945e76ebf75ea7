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
      expect(byKind('HorizontalPodAutoscaler')[0]?.spec).toMatchObject({
        minReplicas: 3,
        maxReplicas: 9,
        metrics: [
          { resource: { name: 'cpu', target: { averageUtilization: 60 } } },
          { resource: { name: 'memory', target: { averageUtilization: 75 } } },
        ],
      });
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
      // Without a migration step the app migrates its database itself when it starts.
      expect(objects.find((o) => o.kind === 'ConfigMap')?.data).not.toHaveProperty('DATABASE_MIGRATIONS_RUN');
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

    it('admits no one and lets its pods open no connection unless told to (DNS is opened namespace-wide)', () => {
      const policy = synth(minimal).find((o) => o.kind === 'NetworkPolicy')?.spec;
      expect(policy).toMatchObject({ policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] });
    });

    it('keeps the Secret it writes updatable and gives the pods an account that mounts no API token', () => {
      const objects = synth({ ...minimal, secretKeys: ['A_KEY'], secretValues: { A_KEY: 'a' } });
      expect(objects.find((o) => o.kind === 'Secret')?.immutable).toBe(false);
      expect(objects.find((o) => o.kind === 'ServiceAccount')?.automountServiceAccountToken).toBe(false);
    });

    it('writes an empty Secret for an app that has no secret keys', () => {
      const secret = synth({ ...minimal, secretValues: {} }).find((o) => o.kind === 'Secret');
      expect(secret?.metadata.name).toBe('demo-secrets');
      expect(secret?.stringData ?? {}).toEqual({});
    });

    it('refuses a grace period shorter than the drain delay plus the longest request, giving the shortest that fits', () => {
      expect(() => synth({ ...minimal, terminationGracePeriodSeconds: 15, longestRequestMs: 10_500 })).toThrow(
        'terminationGracePeriodSeconds: 15 s is shorter than the 5000 ms drain delay plus the 10500 ms longest request; give at least 16 s',
      );
    });

    it('accepts secret values given in another order than secretKeys', () => {
      const objects = synth({ ...minimal, secretKeys: ['B_KEY', 'A_KEY'], secretValues: { A_KEY: 'a', B_KEY: 'b' } });
      expect(objects.find((o) => o.kind === 'Secret')?.stringData).toEqual({ A_KEY: 'a', B_KEY: 'b' });
    });

    it.each<[string, Partial<NestServiceProps>]>([
      ['a one-letter name', { name: 'a' }],
      ['a 42-character name', { name: `a${'-b'.repeat(20)}c` }],
      ['port 1', { port: 1 }],
      ['port 65535', { port: 65_535 }],
      ['one replica', { replicas: 1 }],
      [
        'autoscaling from one replica',
        { autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70, memoryUtilization: 70 } },
      ],
      [
        'as many replicas at least as at most',
        { autoscaling: { minReplicas: 2, maxReplicas: 2, cpuUtilization: 70, memoryUtilization: 70 } },
      ],
      ['a grace period of exactly the drain delay plus the longest request', { terminationGracePeriodSeconds: 15 }],
    ])('accepts %s', (_what, good) => {
      expect(synth({ ...minimal, ...good }).some((o) => o.kind === 'Deployment')).toBe(true);
    });

    it.each<[string, Partial<NestServiceProps>]>([
      ['name', { name: 'Not_A_Label' }],
      ['name', { name: 'demo_app' }],
      ['name', { name: '1demo' }],
      ['name', { name: 'demo-' }],
      ['name', { name: `a${'-b'.repeat(20)}cd` }],
      ['port', { port: 0 }],
      ['port', { port: 65_536 }],
      ['port', { port: 8080.5 }],
      ['image', { image: `r/demo:latest@sha256:${'a'.repeat(64)}` }],
      ['replicas', { replicas: 1.5 }],
      ['autoscaling', { autoscaling: { minReplicas: 0, maxReplicas: 4, cpuUtilization: 70, memoryUtilization: 70 } }],
      // 5 s + 10.5 s is 15.5 s, so a whole 16 s.
      ['terminationGracePeriodSeconds', { terminationGracePeriodSeconds: 15, longestRequestMs: 10_500 }],
      ['config', { config: { NODE_ENV: 'development' } }],
      ['config', { config: { HOST: '127.0.0.1' } }],
      ['config', { config: { SHUTDOWN_DRAIN_DELAY_MS: '0' } }],
      ['config', { config: { DATABASE_MIGRATIONS_RUN: 'true' } }],
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
      [
        'resources.requests.cpu',
        { resources: { requests: { cpu: 'lots', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
      ],
      [
        'resources.requests.memory',
        { resources: { requests: { cpu: '1', memory: 'lots' }, limits: { cpu: '1', memory: '1Gi' } } },
      ],
      [
        'resources.limits.memory',
        { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: 'lots' } } },
      ],
      ['egress', { egress: [{ name: 'both', podLabels: { a: 'b' }, cidr: '10.0.0.0/8', port: 1 }] }],
    ])('refuses a bad %s, naming it', (prop, bad) => {
      expect(() => synth({ ...minimal, ...bad })).toThrow(new RegExp(`^${prop.replace('.', '\\.')}:`));
    });
  });

  describe('the workload it writes', () => {
    const objects = synth({ ...minimal, migrationArgs: ['dist/migrate.js'] });
    const deployment = objects.find((o) => o.kind === 'Deployment');
    const pod = deployment?.spec.template.spec;
    const [app] = pod.containers;

    it('runs the app in production mode on every interface at its port, logging JSON', () => {
      expect(objects.find((o) => o.kind === 'ConfigMap')?.data).toMatchObject({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        PORT: '8080',
        LOG_FORMAT: 'json',
      });
      expect(app.ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    });

    it('labels each of its objects, and its pods, as the server component of the app', () => {
      for (const object of objects) {
        expect(object.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': 'demo',
          'app.kubernetes.io/component': 'server',
        });
      }
      expect(deployment?.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'server' });
    });

    it('tells each pod its own name and namespace', () => {
      expect(app.env).toEqual(
        expect.arrayContaining([
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        ]),
      );
    });

    it('gives a booting app 60 s of /health, restarts it after 30 s of failing /health, and takes it out of the Service after 10 s of failing /ready', () => {
      const window = (probe: { periodSeconds: number; failureThreshold: number }) =>
        probe.periodSeconds * probe.failureThreshold;
      expect(app.startupProbe.httpGet).toMatchObject({ path: '/health', port: 8080 });
      expect(app.livenessProbe.httpGet).toMatchObject({ path: '/health', port: 8080 });
      expect(app.readinessProbe.httpGet).toMatchObject({ path: '/ready', port: 8080 });
      expect([window(app.startupProbe), window(app.livenessProbe), window(app.readinessProbe)]).toEqual([60, 30, 10]);
      // A quick endpoint that takes longer than this is as good as down.
      expect(app.livenessProbe.timeoutSeconds).toBe(2);
    });

    it('lets the app and its migration step write to a 64 MiB /tmp, and nowhere else', () => {
      expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
      for (const container of [app, pod.initContainers[0]]) {
        expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
        expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
      }
    });

    it('rolls out one new pod at a time and takes no old one down before its replacement is ready', () => {
      expect(deployment?.spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      });
    });

    it('lets a voluntary disruption (a node drain) take at most one of its pods at a time', () => {
      expect(objects.find((o) => o.kind === 'PodDisruptionBudget')?.spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: deployment?.spec.selector.matchLabels },
      });
    });

    it('spreads its pods over nodes and zones where the cluster has several, and schedules them anyway where not', () => {
      expect(deployment?.spec.template.spec.topologySpreadConstraints).toEqual(
        ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
          topologyKey,
          maxSkew: 1,
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: deployment?.spec.selector.matchLabels },
        })),
      );
    });

    it('serves the app port as port 80 named http, inside the cluster only', () => {
      expect(objects.find((o) => o.kind === 'Service')?.spec).toMatchObject({
        type: 'ClusterIP',
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        selector: deployment?.spec.selector.matchLabels,
      });
    });
  });
});
