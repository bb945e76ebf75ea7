import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { configChecksum } from './checksum';
import { componentLabels, selectorLabels } from './labels';
import { egressRule, type EgressTarget, type PodPeer, podPeer, tcpPort } from './network-peers';
import { APP_USER_ID, restrictedContainerSecurityProps, restrictedPodSecurityProps } from './pod-security';
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

export interface NestServiceProps {
  /** App name: names every object and labels its pods. */
  readonly name: string;
  readonly namespace: string;
  /** Full image reference, `registry/path/name:tag`, optionally `@sha256:<digest>` after the tag. */
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
   * Annotations of the Secret object written from `secretValues` (e.g. marking local-only values).
   * @default {}
   */
  readonly secretAnnotations?: Readonly<Record<string, string>>;
  /**
   * The proxy pods of the Gateway that routes the app (an HTTPRoute points at the Service).
   * @default - no traffic from outside the namespace but `scrapers`
   */
  readonly gatewayPeer?: PodPeer;
  /**
   * Pods (Prometheus) that may scrape the metrics port.
   * @default - nobody scrapes
   */
  readonly scrapers?: readonly PodPeer[];
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
   * The longest a request may take once started (for llm-app: the upstream timeout on every
   * attempt plus the waits between them); the pod must outlive the drain delay plus this.
   * @default 10000
   */
  readonly longestRequestMs?: number;
  /**
   * Must cover the drain delay plus the longest request.
   * @default 30, or drain delay + longest request + 5 s when that is more
   */
  readonly terminationGracePeriodSeconds?: number;
}

const DEFAULT_RESOURCES: ResourceSizes = {
  requests: { cpu: '50m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** `registry/path/name:tag`, optionally pinned by digest: `…:tag@sha256:<64 hex>`. */
export const IMAGE_REFERENCE = /^[^@\s]+:[\w][\w.-]*(@sha256:[0-9a-f]{64})?$/;

/** Margin after the longest request, for the process to close its connections and exit. */
const EXIT_MARGIN_SECONDS = 5;

type ResolvedProps = Required<Omit<NestServiceProps, 'replicas' | 'autoscaling' | 'secretValues' | 'gatewayPeer'>> &
  Pick<NestServiceProps, 'replicas' | 'autoscaling' | 'secretValues' | 'gatewayPeer'>;

/** Seconds the kubelet must wait after SIGTERM: drain, then the longest request. */
export function shutdownBudgetSeconds(drainDelayMs: number, longestRequestMs: number): number {
  return Math.ceil((drainDelayMs + longestRequestMs) / 1000);
}

/** Defaults and cross-prop checks, in one place; errors name the prop. */
function resolveProps(props: NestServiceProps): ResolvedProps {
  const resolved: ResolvedProps = withDefaults(
    {
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: DEFAULT_RESOURCES,
      config: {},
      secretKeys: [],
      secretAnnotations: {},
      scrapers: [],
      allowFrom: [],
      egress: [],
      migrationArgs: [],
      drainDelayMs: 5_000,
      longestRequestMs: 10_000,
      terminationGracePeriodSeconds: Math.max(
        30,
        shutdownBudgetSeconds(props.drainDelayMs ?? 5_000, props.longestRequestMs ?? 10_000) + EXIT_MARGIN_SECONDS,
      ),
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
  if (/:latest(@|$)/.test(resolved.image) || !IMAGE_REFERENCE.test(resolved.image)) {
    throw new Error(`image: "${resolved.image}" must carry a pinned tag (not "latest"), optionally @sha256:<digest>`);
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
  const budget = shutdownBudgetSeconds(resolved.drainDelayMs, resolved.longestRequestMs);
  if (resolved.terminationGracePeriodSeconds < budget) {
    throw new Error(
      `terminationGracePeriodSeconds: ${resolved.terminationGracePeriodSeconds} s is shorter than the ` +
        `${resolved.drainDelayMs} ms drain delay plus the ${resolved.longestRequestMs} ms longest request; give at least ${budget} s`,
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
  return resolved;
}

/** Every app's Service listens on plain HTTP's port, whatever port its container uses. */
export const NEST_SERVICE_PORT = 80;

/**
 * One NestJS app on Kubernetes: ConfigMap, Secret, a ServiceAccount without token, a
 * hardened Deployment (optionally with a migration init container), Service, optional
 * HorizontalPodAutoscaler, PodDisruptionBudget and a NetworkPolicy that admits only the
 * listed peers. The Gateway's HTTPRoute is the chart's (AppRoute).
 */
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
          metadata: { ...metadata('-secrets'), annotations: { ...p.secretAnnotations } },
          stringData: { ...p.secretValues },
          immutable: false,
        })
      : kplus.Secret.fromSecretName(this, 'secret', this.secretName);

    // The app calls no Kubernetes API: its own account, no token, no Role bound to it.
    const serviceAccount = new kplus.ServiceAccount(this, 'service-account', {
      metadata: metadata(),
      automountToken: false,
    });

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
      securityContext: restrictedPodSecurityProps(APP_USER_ID),
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
    const securityContext = restrictedContainerSecurityProps(APP_USER_ID);
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
    const port = [tcpPort(p.port)];
    const from: kplus.k8s.NetworkPolicyPeer[] = [
      ...(p.gatewayPeer ? [podPeer(p.gatewayPeer)] : []),
      ...p.scrapers.map((scraper) => podPeer(scraper)),
      ...p.allowFrom.map((labels) => podPeer({ podLabels: labels })),
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
