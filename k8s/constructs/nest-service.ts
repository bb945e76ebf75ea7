import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { configChecksum } from './checksum';
import { componentLabels, selectorLabels } from './labels';
import { egressRule, type EgressTarget, namespacePeer } from './network-peers';
import { APP_USER_ID } from './pod-security';
import { parseCpu, parseMemory } from './quantities';
import { withDefaults } from './with-defaults';

/** CPU and memory of the app container, as Kubernetes quantities. */
export interface ResourceSizes {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export interface NestServiceAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Target average CPU use, percent of the request. */
  readonly cpuUtilization: number;
  /** Target average memory use, percent of the request. */
  readonly memoryUtilization: number;
}

export interface NestServiceIngress {
  readonly host: string;
  readonly className: string;
  /**
   * Paths routed to the app; `/` is matched exactly, any other path as a prefix.
   * Never `/metrics` nor a prefix of it: metrics stay inside the cluster.
   */
  readonly paths: readonly string[];
}

export interface NestServiceProps {
  /** App name: names every object and labels its pods. */
  readonly name: string;
  readonly namespace: string;
  /** Full image reference, `registry/path/name:tag`. */
  readonly image: string;
  /** Port the app listens on; also the metrics port. */
  readonly port: number;
  /**
   * @default kplus.ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * Fixed replica count; must be unset when `autoscaling` is set (the HPA owns the count).
   * @default 2, or none with autoscaling
   */
  readonly replicas?: number;
  /**
   * @default - no HorizontalPodAutoscaler
   */
  readonly autoscaling?: NestServiceAutoscaling;
  /**
   * @default 50m/128Mi requested, 500m/256Mi limit
   */
  readonly resources?: ResourceSizes;
  /**
   * Non-secret variables for the ConfigMap, over NODE_ENV, HOST, PORT, LOG_FORMAT and
   * SHUTDOWN_DRAIN_DELAY_MS, which the construct sets.
   * @default {}
   */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * Keys of the Secret the pods read their credentials from.
   * @default []
   */
  readonly secretKeys?: readonly string[];
  /**
   * Values of the Secret, one per key of `secretKeys`.
   * @default - no Secret object is written; the pods read the Secret `<name>-secrets`, created out of band
   */
  readonly secretValues?: Readonly<Record<string, string>>;
  /**
   * @default - no Ingress
   */
  readonly ingress?: NestServiceIngress;
  /**
   * Namespace of the ingress controller pods; required with `ingress`.
   * @default - no ingress traffic from outside the namespace
   */
  readonly ingressControllerNamespace?: string;
  /**
   * Namespace whose pods (Prometheus) may scrape the metrics port.
   * @default - nobody scrapes
   */
  readonly monitoringNamespace?: string;
  /**
   * Pods of the same namespace, by labels, allowed to call the app.
   * @default []
   */
  readonly allowFrom?: readonly Readonly<Record<string, string>>[];
  /**
   * Destinations the pods may connect to (DNS is allowed namespace-wide elsewhere).
   * @default []
   */
  readonly egress?: readonly EgressTarget[];
  /**
   * Arguments (to the image's `node` entrypoint) of an init container that migrates the
   * database before the app container starts.
   * @default - no migration step
   */
  readonly migrationArgs?: readonly string[];
  /**
   * How long the app keeps serving after SIGTERM with /ready at 503 (SHUTDOWN_DRAIN_DELAY_MS).
   * @default 5000
   */
  readonly drainDelayMs?: number;
  /**
   * Must exceed the drain delay plus the longest request.
   * @default 30
   */
  readonly terminationGracePeriodSeconds?: number;
}

const DEFAULT_RESOURCES: ResourceSizes = {
  requests: { cpu: '50m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** Time a request may take after the drain delay before the kubelet kills the pod. */
const MIN_REQUEST_GRACE_SECONDS = 10;

type ResolvedProps = Required<Omit<NestServiceProps, 'replicas' | 'autoscaling' | 'secretValues' | 'ingress'>> &
  Pick<NestServiceProps, 'replicas' | 'autoscaling' | 'secretValues' | 'ingress'>;

/** Defaults and cross-prop checks, in one place; errors name the prop. */
function resolveProps(props: NestServiceProps): ResolvedProps {
  const resolved: ResolvedProps = withDefaults(
    {
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: DEFAULT_RESOURCES,
      config: {},
      secretKeys: [],
      ingressControllerNamespace: '',
      monitoringNamespace: '',
      allowFrom: [],
      egress: [],
      migrationArgs: [],
      drainDelayMs: 5_000,
      terminationGracePeriodSeconds: 30,
      replicas: props.autoscaling ? undefined : 2,
    },
    props,
  );
  if (!/^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$/.test(resolved.name)) {
    throw new Error(`name: "${resolved.name}" is not a DNS label of at most 42 characters`);
  }
  if (!Number.isInteger(resolved.port) || resolved.port < 1 || resolved.port > 65535) {
    throw new Error(`port: expected an integer from 1 to 65535, got ${resolved.port}`);
  }
  if (/:latest$/.test(resolved.image) || !/:[\w][\w.-]*$/.test(resolved.image)) {
    throw new Error(`image: "${resolved.image}" must carry a pinned tag (not "latest")`);
  }
  if (props.autoscaling && props.replicas !== undefined) {
    throw new Error('replicas: leave it unset with autoscaling; the HorizontalPodAutoscaler owns the replica count');
  }
  if (resolved.replicas !== undefined && (!Number.isInteger(resolved.replicas) || resolved.replicas < 1)) {
    throw new Error(`replicas: expected a positive integer, got ${resolved.replicas}`);
  }
  const scaling = props.autoscaling;
  if (scaling && (scaling.minReplicas < 1 || scaling.maxReplicas < scaling.minReplicas)) {
    throw new Error(
      `autoscaling: need 1 <= minReplicas <= maxReplicas, got ${scaling.minReplicas}..${scaling.maxReplicas}`,
    );
  }
  if (resolved.terminationGracePeriodSeconds * 1000 < resolved.drainDelayMs + MIN_REQUEST_GRACE_SECONDS * 1000) {
    throw new Error(
      `terminationGracePeriodSeconds: ${resolved.terminationGracePeriodSeconds} s leaves no time for requests after ` +
        `the ${resolved.drainDelayMs} ms drain delay; give at least ${Math.ceil(resolved.drainDelayMs / 1000) + MIN_REQUEST_GRACE_SECONDS} s`,
    );
  }
  const reserved = ['NODE_ENV', 'HOST', 'PORT', 'SHUTDOWN_DRAIN_DELAY_MS', 'DATABASE_MIGRATIONS_RUN'];
  for (const key of Object.keys(resolved.config)) {
    if (reserved.includes(key)) throw new Error(`config: ${key} is set by the construct; use the matching prop`);
    if (resolved.secretKeys.includes(key)) throw new Error(`config: ${key} is a secret; it belongs in secretValues`);
  }
  if (props.secretValues) {
    const given = Object.keys(props.secretValues).sort().join(',');
    const wanted = [...resolved.secretKeys].sort().join(',');
    if (given !== wanted) throw new Error(`secretValues: expected exactly the keys [${wanted}], got [${given}]`);
  }
  if (props.ingress) {
    if (resolved.ingressControllerNamespace === '') {
      throw new Error('ingressControllerNamespace: required with ingress, or the NetworkPolicy blocks the controller');
    }
    if (props.ingress.paths.length === 0) throw new Error('ingress: paths must not be empty');
    for (const path of props.ingress.paths) {
      if (!path.startsWith('/') || (path !== '/' && path.endsWith('/'))) {
        throw new Error(`ingress: path "${path}" must start with "/" and not end with one`);
      }
      if (path === '/metrics' || path.startsWith('/metrics/')) {
        throw new Error(`ingress: path "${path}" would expose /metrics outside the cluster`);
      }
    }
  }
  return resolved;
}

/**
 * One NestJS app on Kubernetes: ConfigMap, Secret, ServiceAccount with a least-privilege
 * Role, a hardened Deployment (optionally with a migration init container), Service,
 * optional Ingress and HorizontalPodAutoscaler, PodDisruptionBudget and a NetworkPolicy
 * that admits only the listed peers.
 */
/** Every app's Service listens on plain HTTP's port, whatever port its container uses. */
export const NEST_SERVICE_PORT = 80;

export class NestService extends Construct {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
  readonly deployment: kplus.Deployment;
  readonly service: kplus.Service;
  /** Port of the Service (the container port stays `port`). */
  readonly servicePort = NEST_SERVICE_PORT;
  /** Name of the Secret the pods read, written here or created out of band. */
  readonly secretName: string;
  readonly podLabels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: NestServiceProps) {
    super(scope, id);
    const p = resolveProps(props);
    this.name = p.name;
    this.namespace = p.namespace;
    this.port = p.port;
    this.podLabels = selectorLabels(p.name);
    this.secretName = `${p.name}-secrets`;
    const metadata = (suffix = '') => ({
      name: `${p.name}${suffix}`,
      namespace: p.namespace,
      labels: componentLabels(p.name, 'server'),
    });

    const configData: Record<string, string> = {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: String(p.port),
      LOG_FORMAT: 'json',
      SHUTDOWN_DRAIN_DELAY_MS: String(p.drainDelayMs),
      ...(p.migrationArgs.length > 0 ? { DATABASE_MIGRATIONS_RUN: 'false' } : {}),
      ...p.config,
    };
    const configMap = new kplus.ConfigMap(this, 'config', { metadata: metadata('-config'), data: configData });

    const secret = p.secretValues
      ? new kplus.Secret(this, 'secret', {
          metadata: metadata('-secrets'),
          stringData: { ...p.secretValues },
          immutable: false,
        })
      : kplus.Secret.fromSecretName(this, 'secret', this.secretName);

    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', {
      metadata: metadata(),
      automountToken: false,
    });
    // The app calls no Kubernetes API; the Role lets the account read only its own
    // ConfigMap, so a token mounted by mistake could not reach anything else.
    const role = new kplus.Role(this, 'role', { metadata: metadata() });
    role.allow(['get'], configMap);
    new kplus.RoleBinding(this, 'role-binding', { metadata: metadata(), role }).addSubjects(serviceAccount);

    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: metadata(),
      replicas: p.replicas,
      select: false,
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      serviceAccount,
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: APP_USER_ID, group: APP_USER_ID, fsGroup: APP_USER_ID },
      terminationGracePeriod: Duration.seconds(p.terminationGracePeriodSeconds),
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: this.podLabels }));
    for (const [key, value] of Object.entries(componentLabels(p.name, 'server'))) {
      this.deployment.podMetadata.addLabel(key, value);
    }
    // A changed ConfigMap (or generated Secret) changes the pod template, so pods roll.
    this.deployment.podMetadata.addAnnotation('checksum/config', configChecksum(configData, p.secretValues ?? {}));

    const tmp = kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(64) });
    const resources: kplus.ContainerResources = {
      cpu: {
        request: parseCpu(p.resources.requests.cpu, 'resources.requests.cpu'),
        limit: parseCpu(p.resources.limits.cpu, 'resources.limits.cpu'),
      },
      memory: {
        request: parseMemory(p.resources.requests.memory, 'resources.requests.memory'),
        limit: parseMemory(p.resources.limits.memory, 'resources.limits.memory'),
      },
    };
    const securityContext = {
      ensureNonRoot: true,
      user: APP_USER_ID,
      group: APP_USER_ID,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    };
    const envFrom = [kplus.Env.fromConfigMap(configMap), kplus.Env.fromSecret(secret)];

    if (p.migrationArgs.length > 0) {
      this.deployment.addInitContainer({
        name: 'migrate',
        image: p.image,
        imagePullPolicy: p.imagePullPolicy,
        args: [...p.migrationArgs],
        envFrom,
        resources,
        securityContext,
        volumeMounts: [{ path: '/tmp', volume: tmp }],
      });
    }

    const httpGet = (path: string, options: kplus.HttpGetProbeOptions) =>
      kplus.Probe.fromHttpGet(path, { port: p.port, timeoutSeconds: Duration.seconds(2), ...options });
    this.deployment.addContainer({
      name: p.name,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      ports: [{ name: 'http', number: p.port }],
      envFrom,
      envVariables: {
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
      },
      resources,
      securityContext,
      volumeMounts: [{ path: '/tmp', volume: tmp }],
      // Boot (config, database connection) may take a while; after that /health must stay quick.
      startup: httpGet('/health', { periodSeconds: Duration.seconds(2), failureThreshold: 30 }),
      liveness: httpGet('/health', { periodSeconds: Duration.seconds(10), failureThreshold: 3 }),
      readiness: httpGet('/ready', { periodSeconds: Duration.seconds(5), failureThreshold: 2 }),
    });
    ApiObject.of(this.deployment).addJsonPatch(
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
      JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
        this.spread('kubernetes.io/hostname'),
        this.spread('topology.kubernetes.io/zone'),
      ]),
    );

    this.service = new kplus.Service(this, 'service', {
      metadata: metadata(),
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [{ name: 'http', port: this.servicePort, targetPort: p.port }],
    });
    for (const [key, value] of Object.entries(this.podLabels)) this.service.selectLabel(key, value);

    if (p.ingress) {
      const ingress = new kplus.Ingress(this, 'ingress', { metadata: metadata(), className: p.ingress.className });
      const backend = kplus.IngressBackend.fromService(this.service, { port: this.servicePort });
      for (const path of p.ingress.paths) {
        // Exact "/" (not a prefix): a prefix "/" would also route /metrics.
        const type = path === '/' ? kplus.HttpIngressPathType.EXACT : kplus.HttpIngressPathType.PREFIX;
        ingress.addHostRule(p.ingress.host, path, backend, type);
      }
    }

    if (p.autoscaling) {
      new kplus.HorizontalPodAutoscaler(this, 'autoscaler', {
        metadata: metadata(),
        target: this.deployment,
        minReplicas: p.autoscaling.minReplicas,
        maxReplicas: p.autoscaling.maxReplicas,
        metrics: [
          kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(p.autoscaling.cpuUtilization)),
          kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(p.autoscaling.memoryUtilization)),
        ],
      });
    }

    new kplus.k8s.KubePodDisruptionBudget(this, 'disruption-budget', {
      metadata: metadata(),
      spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: { ...this.podLabels } } },
    });

    this.networkPolicy(p, metadata());
  }

  private spread(topologyKey: string): kplus.k8s.TopologySpreadConstraint {
    return {
      topologyKey,
      maxSkew: 1,
      // Spread when the cluster can, schedule anyway when it cannot (one node, one zone).
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { ...this.podLabels } },
    };
  }

  private networkPolicy(p: ResolvedProps, metadata: kplus.k8s.ObjectMeta): void {
    const port = [{ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(p.port) }];
    const from: kplus.k8s.NetworkPolicyPeer[] = [
      ...(p.ingress ? [namespacePeer(p.ingressControllerNamespace)] : []),
      ...(p.monitoringNamespace !== '' ? [namespacePeer(p.monitoringNamespace)] : []),
      ...p.allowFrom.map((labels) => ({ podSelector: { matchLabels: { ...labels } } })),
    ];
    new kplus.k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata,
      spec: {
        podSelector: { matchLabels: { ...this.podLabels } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: from.length > 0 ? [{ from, ports: port }] : [],
        egress: p.egress.map((target) => egressRule(target, 'egress')),
      },
    });
  }
}
