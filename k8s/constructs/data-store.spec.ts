import { Chart, Testing } from 'cdk8s';
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
