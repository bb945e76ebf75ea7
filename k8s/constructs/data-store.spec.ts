import { Chart, Testing } from 'cdk8s';
import { NetworkPolicyEvaluator } from '../test/network-policy-evaluator';
import { type Manifest } from '../test/synthesize';
import { DataStore, type DataStoreProps } from './data-store';

const minimal: DataStoreProps = {
  name: 'cache',
  namespace: 'apps',
  image: 'redis:7.4.5-alpine',
  port: 6379,
  userId: 999,
  component: 'cache',
  dataPath: '/data',
  clients: [{ 'app.kubernetes.io/name': 'api' }],
  probeCommand: ['redis-cli', 'ping'],
};

function synth(props: DataStoreProps) {
  const chart = new Chart(Testing.app(), 'test');
  new DataStore(chart, 'store', props);
  return Testing.synth(chart) as Manifest[];
}

describe(DataStore.name, () => {
  describe('constructor', () => {
    it('applies every prop', () => {
      const all: Required<DataStoreProps> = {
        ...minimal,
        args: ['--save', ''],
        env: { MODE: 'x' },
        credentials: { PASSWORD: 's3cret-value' },
        storage: { size: '5Gi', storageClassName: 'fast' },
        writablePaths: ['/tmp', '/run'],
        resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      };
      const objects = synth(all);
      const set = objects.find((o) => o.kind === 'StatefulSet');
      const container = set?.spec.template.spec.containers[0];
      expect(container).toMatchObject({
        args: ['--save', ''],
        env: [{ name: 'MODE', value: 'x' }],
        envFrom: [{ secretRef: { name: 'cache-credentials' } }],
        resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '1', memory: '1Gi' } },
        securityContext: { runAsUser: 999, runAsGroup: 999, readOnlyRootFilesystem: true },
      });
      expect((container.volumeMounts as { mountPath: string }[]).map((m) => m.mountPath)).toEqual([
        '/data',
        '/tmp',
        '/run',
      ]);
      expect(set?.spec.volumeClaimTemplates[0].spec).toMatchObject({
        storageClassName: 'fast',
        resources: { requests: { storage: '5Gi' } },
      });
      expect(objects.find((o) => o.kind === 'Secret')?.stringData).toEqual({ PASSWORD: 's3cret-value' });
    });

    it('keeps data in an emptyDir and writes no Secret by default', () => {
      const objects = synth(minimal);
      const set = objects.find((o) => o.kind === 'StatefulSet');
      expect(set?.spec.volumeClaimTemplates).toBeUndefined();
      expect(set?.spec.template.spec.volumes[0]).toEqual({ name: 'data', emptyDir: {} });
      expect(objects.map((o) => o.kind)).not.toContain('Secret');
    });

    it('gives the process a writable /tmp beside a read-only root, and 50m/64Mi requested, 500m/256Mi limit, by default', () => {
      const pod = synth(minimal).find((o) => o.kind === 'StatefulSet')?.spec.template.spec;
      const container = pod.containers[0];
      expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
      expect((container.volumeMounts as { mountPath: string }[]).map((m) => m.mountPath)).toEqual(['/data', '/tmp']);
      expect(container.resources).toEqual({
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      });
    });

    it('keeps the data on a claim of its own, writable from one node, mounted at dataPath, when storage is given', () => {
      const set = synth({ ...minimal, storage: { size: '1Gi' } }).find((o) => o.kind === 'StatefulSet');
      const [claim] = set?.spec.volumeClaimTemplates as Record<string, Record<string, unknown>>[];
      expect(claim?.spec).toMatchObject({
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
      });
      const mounts = set?.spec.template.spec.containers[0].volumeMounts as { name: string; mountPath: string }[];
      expect(mounts).toContainEqual({ name: claim?.metadata?.name, mountPath: '/data' });
      // The claim, not an emptyDir, backs the mount.
      const volumes = set?.spec.template.spec.volumes as { name: string }[];
      expect(volumes.map((v) => v.name)).not.toContain(claim?.metadata?.name);
    });

    it('answers at a headless Service on its port, whose name resolves to its one pod', () => {
      const objects = synth(minimal);
      const set = objects.find((o) => o.kind === 'StatefulSet');
      expect(objects.find((o) => o.kind === 'Service')?.spec).toEqual({
        clusterIP: 'None',
        selector: set?.spec.selector.matchLabels,
        ports: [{ name: 'cache', port: 6379, targetPort: 6379 }],
      });
      expect(set?.spec).toMatchObject({ serviceName: 'cache', replicas: 1 });
      expect(set?.spec.template.spec.containers[0].ports).toEqual([{ name: 'cache', containerPort: 6379 }]);
    });

    it('selects exactly its own pods', () => {
      const set = synth(minimal).find((o) => o.kind === 'StatefulSet');
      const selector = set?.spec.selector.matchLabels as Record<string, string>;
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      expect(set?.spec.template.metadata.labels).toMatchObject(selector);
    });

    it('starts, keeps and routes to the store only while the probe command succeeds', () => {
      const set = synth(minimal).find((o) => o.kind === 'StatefulSet');
      const [container] = set?.spec.template.spec.containers as Record<string, { exec: unknown }>[];
      for (const probe of [container?.startupProbe, container?.livenessProbe, container?.readinessProbe]) {
        expect(probe?.exec).toEqual({ command: ['redis-cli', 'ping'] });
      }
    });

    it('mounts each writable path from its own 64 MiB scratch volume', () => {
      const pod = synth({ ...minimal, writablePaths: ['/tmp', '/run'] }).find((o) => o.kind === 'StatefulSet')?.spec
        .template.spec;
      const scratch = (pod.volumes as { name: string; emptyDir: unknown }[]).filter((v) => v.name !== 'data');
      expect(scratch.map((v) => v.emptyDir)).toEqual([{ sizeLimit: '64Mi' }, { sizeLimit: '64Mi' }]);
      expect(new Set(scratch.map((v) => v.name)).size).toBe(2);
      const mounts = (pod.containers[0].volumeMounts as { name: string; mountPath: string }[]).filter(
        (m) => m.name !== 'data',
      );
      expect(mounts).toEqual([
        { name: scratch[0]?.name, mountPath: '/tmp' },
        { name: scratch[1]?.name, mountPath: '/run' },
      ]);
    });

    it('accepts any non-root user, 1 included', () => {
      const pod = synth({ ...minimal, userId: 1 }).find((o) => o.kind === 'StatefulSet')?.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1 });
    });

    // Its own policy, evaluated alone: the namespace's default deny and the clients' egress policies
    // would otherwise hide a policy that admits too much.
    describe('its NetworkPolicy, on its own', () => {
      const objects = synth(minimal);
      const evaluator = new NetworkPolicyEvaluator(
        objects.filter((o) => o.kind === 'NetworkPolicy'),
        {},
      );
      const storeLabels = objects.find((o) => o.kind === 'StatefulSet')?.spec.template.metadata.labels;
      const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string) => ({
        name: `${namespace}/${name}`,
        namespace,
        labels,
        ip,
      });
      const store = pod('cache', 'apps', storeLabels as Record<string, string>, '10.244.0.10');
      const client = pod('api', 'apps', { 'app.kubernetes.io/name': 'api' }, '10.244.0.11');
      const stranger = pod('other', 'apps', { 'app.kubernetes.io/name': 'other' }, '10.244.0.12');
      const namesake = pod('api', 'elsewhere', { 'app.kubernetes.io/name': 'api' }, '10.244.0.13');
      const outside = { name: '203.0.113.10', ip: '203.0.113.10' };

      it('admits its clients on its port, and no one else, nor on another port', () => {
        expect(evaluator.allows({ from: client, to: store, port: 6379 })).toBe(true);
        expect(evaluator.allows({ from: client, to: store, port: 6380 })).toBe(false);
        expect(evaluator.allows({ from: client, to: store, port: 6379, protocol: 'UDP' })).toBe(false);
        expect(evaluator.allows({ from: stranger, to: store, port: 6379 })).toBe(false);
        expect(evaluator.allows({ from: namesake, to: store, port: 6379 })).toBe(false);
      });

      it('lets the store open no connection', () => {
        expect(evaluator.allows({ from: store, to: outside, port: 443 })).toBe(false);
        expect(evaluator.allows({ from: store, to: client, port: 8080 })).toBe(false);
      });

      it('leaves the other pods of the namespace as they were', () => {
        expect(evaluator.allows({ from: stranger, to: outside, port: 443 })).toBe(true);
        expect(evaluator.allows({ from: client, to: stranger, port: 8080 })).toBe(true);
      });
    });

    it.each<[string, Partial<DataStoreProps>]>([
      ['image', { image: 'redis:latest' }],
      ['image', { image: 'redis' }],
      // The colon of a registry's port is no tag.
      ['image', { image: 'registry.local:5000/redis' }],
      ['userId', { userId: 0 }],
      ['clients', { clients: [] }],
      ['probeCommand', { probeCommand: [] }],
      ['writablePaths', { writablePaths: ['/data'] }],
    ])('refuses a bad %s, naming it', (prop, bad) => {
      expect(() => synth({ ...minimal, ...bad })).toThrow(new RegExp(`^${prop}:`));
    });
  });
});
