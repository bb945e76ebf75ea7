import { containerEnvironment, containerProcess, expandReferences, type K8sObject } from './kubelet-env';

const pod = { name: 'demo-abc', namespace: 'apps' };
const objects: K8sObject[] = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'demo-config', namespace: 'apps' },
    data: { A: 'config', B: 'config' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'demo-secrets', namespace: 'apps' },
    data: { B: Buffer.from('secret').toString('base64'), C: Buffer.from('from-data').toString('base64') },
    stringData: { C: 'from-stringData' },
  },
];

describe(containerEnvironment.name, () => {
  it('lays envFrom sources in order, decodes Secret data, lets stringData win and env entries override', () => {
    const env = containerEnvironment(
      {
        apiVersion: 'v1',
        kind: 'Container',
        metadata: { name: 'c' },
        envFrom: [{ configMapRef: { name: 'demo-config' } }, { secretRef: { name: 'demo-secrets' } }],
        env: [
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'A', value: 'env-$(B)-$(MISSING)-$$(B)' },
          { name: 'KEY', valueFrom: { secretKeyRef: { name: 'demo-secrets', key: 'B' } } },
        ],
      },
      pod,
      objects,
    );
    expect(env).toEqual({
      A: 'env-secret-$(MISSING)-$(B)',
      B: 'secret',
      C: 'from-stringData',
      POD: 'demo-abc',
      NS: 'apps',
      KEY: 'secret',
    });
  });

  it('refuses a reference to a ConfigMap that does not exist, as the kubelet would not start the container', () => {
    const container = {
      apiVersion: 'v1',
      kind: 'Container',
      metadata: { name: 'c' },
      envFrom: [{ configMapRef: { name: 'nope' } }],
    };
    expect(() => containerEnvironment(container, pod, objects)).toThrow(/ConfigMap nope does not exist/);
  });
});

describe(containerProcess.name, () => {
  const image = { entrypoint: ['/nodejs/bin/node'], cmd: ['dist/main.js'] };
  const container = (fields: object): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Container',
    metadata: { name: 'c' },
    ...fields,
  });

  it("runs the image's entrypoint and CMD when the container sets neither", () => {
    expect(containerProcess(container({}), image, {})).toEqual(['/nodejs/bin/node', 'dist/main.js']);
  });

  it('replaces CMD with args, and both with command, expanding $(VAR)', () => {
    expect(containerProcess(container({ args: ['migrate.js', '$(MODE)'] }), image, { MODE: 'run' })).toEqual([
      '/nodejs/bin/node',
      'migrate.js',
      'run',
    ]);
    expect(containerProcess(container({ command: ['sh', '-c'] }), image, {})).toEqual(['sh', '-c']);
  });

  it('leaves an unknown reference as written', () => {
    expect(expandReferences('$(NOPE)', {})).toBe('$(NOPE)');
  });
});
