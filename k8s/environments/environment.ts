import { z } from 'zod';
import { appNames } from '../../apps/registry';

/** A Kubernetes resource quantity: `250m`, `1`, `256Mi`, `1Gi`. */
const quantity = z
  .string()
  .regex(/^\d+(\.\d+)?(m|k|M|G|Ki|Mi|Gi|Ti)?$/, 'expected a Kubernetes quantity such as 250m, 1 or 256Mi');

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'expected a DNS label (lower-case letters, digits, "-")');

const hostname = z
  .string()
  .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, 'expected a host name such as api.example.com');

const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'expected an IPv4 CIDR such as 10.0.0.0/8');

/** An OCI image digest (what the registry answered when the image was pushed). */
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected an image digest such as sha256:<64 hex digits>');

const resources = z.strictObject({
  requests: z.strictObject({ cpu: quantity, memory: quantity }),
  limits: z.strictObject({ cpu: quantity, memory: quantity }),
});

const autoscaling = z
  .strictObject({
    minReplicas: z.int().min(2, 'keep at least 2 replicas so a node drain never takes the app down'),
    maxReplicas: z.int().max(100),
    cpuUtilization: z.int().min(10).max(100),
    memoryUtilization: z.int().min(10).max(100),
  })
  .refine((value) => value.maxReplicas >= value.minReplicas, {
    message: 'maxReplicas must be at least minReplicas',
    path: ['maxReplicas'],
  });

const appSettings = z.strictObject({
  /** Fixed replica count; ignored when autoscaling is set (the HPA owns the count). */
  replicas: z.int().min(1).max(100),
  autoscaling: autoscaling.nullable(),
  resources,
  /** Public host the Gateway routes to the app (an HTTPRoute); null: not exposed. */
  host: hostname.nullable(),
  /** Extra non-secret variables for the ConfigMap (names must be variables the app reads: envNames in apps/registry.ts). */
  config: z.record(z.string(), z.string()),
});

/** Keyed by app name: every key must be an app of the registry (apps/registry.ts). */
const byApp = <T extends z.ZodType>(value: T) =>
  z.record(z.string(), value).superRefine((record, ctx) => {
    const known = appNames();
    for (const name of Object.keys(record)) {
      if (!known.includes(name)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `not an app of apps/registry.ts (${known.join(', ')})` });
      }
    }
  });

/** A data store either runs in the cluster or is reached at these CIDRs. */
const dataStore = z.strictObject({
  inCluster: z.boolean(),
  /** Where an external store lives, for the egress NetworkPolicy; ignored when inCluster. */
  externalCidr: cidr,
});

export const environmentSchema = z
  .strictObject({
    name: dnsLabel,
    /** Namespace of the apps and their in-cluster data stores. */
    namespace: dnsLabel,
    monitoringNamespace: dnsLabel,
    image: z.strictObject({
      /** Registry and path before the app name: `<repository>/sample-app:<tag>`. */
      repository: z.string().regex(/^[a-z0-9][a-z0-9./:_-]*[a-z0-9]$/, 'expected a registry path such as ghcr.io/org'),
      tag: z
        .string()
        .regex(/^[\w][\w.-]{0,127}$/, 'expected an image tag')
        .refine((tag) => tag !== 'latest', 'the tag "latest" is not reproducible; pin a version or a commit'),
      pullPolicy: z.enum(['IfNotPresent', 'Always']),
      /**
       * Digest of each app's image, pinned after the tag (`name:tag@sha256:…`): the registry then
       * serves exactly the image that was tested, whatever the tag points to later. Supplied by the
       * pipeline that pushed the images (`--image-digest app=sha256:…` or IMAGE_DIGESTS); an app
       * missing here runs by tag only.
       */
      digests: byApp(digest),
    }),
    /** Settings of an app the environment says nothing about (apps below override them per app). */
    appDefaults: appSettings.omit({ host: true }),
    /** An app without settings of its own is routed at `<app>.<hostDomain>`; null: not exposed. */
    hostDomain: hostname.nullable(),
    /** Per-app settings, by app name; an app of the registry missing here runs on appDefaults. */
    apps: byApp(appSettings),
    /** The Gateway API entry point: one Gateway, one HTTPRoute per app with a host. */
    gateway: z.strictObject({
      /** GatewayClass of the controller (NGINX Gateway Fabric creates "nginx"). */
      className: dnsLabel,
      name: dnsLabel,
      /**
       * Namespace of the Gateway and of the proxy pods its controller provisions for it: the only pods
       * allowed to reach the app ports from outside the apps namespace.
       */
      namespace: dnsLabel,
      /**
       * HTTPS listeners (one per host) whose certificates cert-manager issues from this ClusterIssuer,
       * which the cluster's operators create (docs/decisions/0061); null: plain HTTP only (local).
       */
      tls: z.strictObject({ clusterIssuer: dnsLabel }).nullable(),
      /** The proxy Service as a NodePort (kind forwards the host's port 80 to it); null: a LoadBalancer. */
      nodePort: z.int().min(30000).max(32767).nullable(),
    }),
    /** Address ranges of the cluster itself, kept out of every ipBlock an egress rule opens. */
    network: z.strictObject({
      podCidr: cidr,
      serviceCidr: cidr,
      /** The nodes' addresses: kubelet and node-exporter (host network), scraped by Prometheus. */
      nodeCidr: cidr,
      /** Where the API server answers once its Service address is translated (discovery, sidecars, operators). */
      apiServer: z.strictObject({ cidr, port: z.int().min(1).max(65535) }),
    }),
    /**
     * Where Alertmanager delivers: the webhook of the local sink, or out-of-band receivers (a Secret)
     * reached over HTTPS.
     */
    alerting: z.strictObject({ receiversSecret: dnsLabel, egressCidr: cidr.nullable() }),
    dataStores: z.strictObject({
      postgres: dataStore,
      redis: dataStore,
      /** Size of the PostgreSQL volume claim. */
      postgresStorage: quantity,
      /** A StorageClass to create and use for the PostgreSQL claim; null: the cluster default. */
      storageClass: z.strictObject({ name: dnsLabel, provisioner: z.string().min(1) }).nullable(),
      /** A hostPath PersistentVolume for PostgreSQL (single-node local clusters only); null: dynamic provisioning. */
      staticVolumePath: z.string().startsWith('/').nullable(),
    }),
    /** An external LLM provider reached over HTTPS; null: no egress beyond the cluster. */
    llmUpstream: z.strictObject({ cidr, except: z.array(cidr) }).nullable(),
    /**
     * `generated`: deterministic local-only credentials are written into the Secret objects.
     * `external`: charts-out holds no Secret; pods read Secrets created out of band.
     */
    secrets: z.enum(['generated', 'external']),
    monitoring: z.strictObject({ enabled: z.boolean() }),
  })
  .refine(
    (env) => env.secrets === 'external' || (env.dataStores.postgres.inCluster && env.dataStores.redis.inCluster),
    {
      message: 'generated secrets only know in-cluster data stores; use "external" when a store is external',
      path: ['secrets'],
    },
  );

export type Environment = z.output<typeof environmentSchema>;
export type AppSettings = z.output<typeof appSettings>;
/** An app's name, as apps/registry.ts lists it. */
export type AppName = string;

/** The settings of one app in an environment: its own entry, else the environment's defaults. */
export function appSettingsOf(env: Environment, name: AppName): AppSettings {
  return env.apps[name] ?? { ...env.appDefaults, host: env.hostDomain === null ? null : `${name}.${env.hostDomain}` };
}
