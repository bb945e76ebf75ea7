import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { componentLabels, selectorLabels } from './labels';
import { type ResourceSizes } from './nest-service';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from './pod-security';
import { withDefaults } from './with-defaults';
import { serviceHost } from './cluster-dns';

const { k8s } = kplus;

export interface DataStoreStorage {
  readonly size: string;
  /**
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

export interface DataStoreProps {
  /** Names the StatefulSet, its Service (the host clients use) and its Secret. */
  readonly name: string;
  readonly namespace: string;
  /** Image pinned by an exact version tag. */
  readonly image: string;
  readonly port: number;
  /** The non-root user the image's process runs as (e.g. 70 for postgres:*-alpine, 999 for redis:*-alpine). */
  readonly userId: number;
  /** `app.kubernetes.io/component`: database, cache... */
  readonly component: string;
  /** Directory the store keeps its data in. */
  readonly dataPath: string;
  /** Labels of the pods allowed to connect. */
  readonly clients: readonly Readonly<Record<string, string>>[];
  /** Exec command both probes run; it must succeed only when the store answers. */
  readonly probeCommand: readonly string[];
  /**
   * Arguments to the image entrypoint.
   * @default - the image's own command
   */
  readonly args?: readonly string[];
  /**
   * Plain environment variables.
   * @default {}
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Credentials, written into the Secret `<name>-credentials` and read as environment variables.
   * @default {} (no Secret)
   */
  readonly credentials?: Readonly<Record<string, string>>;
  /**
   * A PersistentVolumeClaim per replica for `dataPath`.
   * @default - an emptyDir: the data lives as long as the pod
   */
  readonly storage?: DataStoreStorage;
  /**
   * Other directories the process writes to (the root filesystem is read-only).
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
  /**
   * @default 50m/64Mi requested, 500m/256Mi limit
   */
  readonly resources?: ResourceSizes;
}

type ResolvedProps = Required<Omit<DataStoreProps, 'storage' | 'args'>> & Pick<DataStoreProps, 'storage' | 'args'>;

function resolveProps(props: DataStoreProps): ResolvedProps {
  const resolved: ResolvedProps = withDefaults(
    {
      env: {},
      credentials: {},
      writablePaths: ['/tmp'],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    },
    props,
  );
  if (!/:[\w][\w.-]*$/.test(resolved.image) || resolved.image.endsWith(':latest')) {
    throw new Error(`image: "${resolved.image}" must be pinned by an exact version tag`);
  }
  if (!Number.isInteger(resolved.userId) || resolved.userId < 1) {
    throw new Error(`userId: expected a non-root user id (a positive integer), got ${resolved.userId}`);
  }
  if (resolved.clients.length === 0) throw new Error('clients: a data store nobody may reach is useless');
  if (resolved.probeCommand.length === 0) throw new Error('probeCommand: must not be empty');
  if (resolved.writablePaths.includes(resolved.dataPath)) {
    throw new Error(`writablePaths: ${resolved.dataPath} is the dataPath, mounted already`);
  }
  return resolved;
}

/**
 * A single-replica data store for clusters without a managed one: a StatefulSet under
 * the restricted Pod Security profile, a headless Service, its credentials Secret and a
 * NetworkPolicy that admits only its clients.
 */
export class DataStore extends Construct {
  readonly name: string;
  readonly port: number;
  /** Host name clients use inside the cluster. */
  readonly host: string;
  readonly podLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    const p = resolveProps(props);
    this.name = p.name;
    this.port = p.port;
    this.host = serviceHost(p.name, p.namespace);
    this.podLabels = selectorLabels(p.name);
    const labels = componentLabels(p.name, p.component);
    const metadata = (name = p.name) => ({ name, namespace: p.namespace, labels });

    const secretName = `${p.name}-credentials`;
    const hasCredentials = Object.keys(p.credentials).length > 0;
    if (hasCredentials) {
      new k8s.KubeSecret(this, 'credentials', { metadata: metadata(secretName), stringData: { ...p.credentials } });
    }

    new k8s.KubeService(this, 'service', {
      metadata: metadata(),
      spec: {
        // Headless: the name resolves to the single pod; the StatefulSet needs it anyway.
        clusterIp: 'None',
        selector: { ...this.podLabels },
        ports: [{ name: p.component, port: p.port, targetPort: k8s.IntOrString.fromNumber(p.port) }],
      },
    });

    const scratch = p.writablePaths.map((path, index) => ({ name: `scratch-${index}`, path }));
    const dataVolume = 'data';
    const probe = (periodSeconds: number, failureThreshold: number): kplus.k8s.Probe => ({
      exec: { command: [...p.probeCommand] },
      periodSeconds,
      failureThreshold,
      timeoutSeconds: 3,
    });

    new k8s.KubeStatefulSet(this, 'stateful-set', {
      metadata: metadata(),
      spec: {
        serviceName: p.name,
        replicas: 1,
        selector: { matchLabels: { ...this.podLabels } },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: restrictedPodSecurityContext(p.userId),
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name: p.name,
                image: p.image,
                imagePullPolicy: 'IfNotPresent',
                args: p.args ? [...p.args] : undefined,
                ports: [{ name: p.component, containerPort: p.port }],
                env: Object.entries(p.env).map(([name, value]) => ({ name, value })),
                envFrom: hasCredentials ? [{ secretRef: { name: secretName } }] : undefined,
                resources: {
                  requests: {
                    cpu: k8s.Quantity.fromString(p.resources.requests.cpu),
                    memory: k8s.Quantity.fromString(p.resources.requests.memory),
                  },
                  limits: {
                    cpu: k8s.Quantity.fromString(p.resources.limits.cpu),
                    memory: k8s.Quantity.fromString(p.resources.limits.memory),
                  },
                },
                securityContext: restrictedContainerSecurityContext(p.userId),
                startupProbe: probe(2, 60),
                livenessProbe: probe(10, 3),
                readinessProbe: probe(5, 2),
                volumeMounts: [
                  { name: dataVolume, mountPath: p.dataPath },
                  ...scratch.map(({ name, path }) => ({ name, mountPath: path })),
                ],
              },
            ],
            volumes: [
              ...(p.storage ? [] : [{ name: dataVolume, emptyDir: {} }]),
              ...scratch.map(({ name }) => ({ name, emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } })),
            ],
          },
        },
        volumeClaimTemplates: p.storage
          ? [
              {
                metadata: { name: dataVolume, labels },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  storageClassName: p.storage.storageClassName,
                  resources: { requests: { storage: k8s.Quantity.fromString(p.storage.size) } },
                },
              },
            ]
          : undefined,
      },
    });

    new k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata: metadata(),
      spec: {
        podSelector: { matchLabels: { ...this.podLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: p.clients.map((client) => ({ podSelector: { matchLabels: { ...client } } })),
            ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(p.port) }],
          },
        ],
        // No egress: a data store answers, it never calls out.
        egress: [],
      },
    });
  }
}
