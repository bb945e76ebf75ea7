import { z } from 'zod';

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
  /** Public host routed by the Ingress; null: no Ingress. */
  host: hostname.nullable(),
  /** Extra non-secret variables for the ConfigMap (names must be in ENV_NAMES). */
  config: z.record(z.string(), z.string()),
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
    }),
    apps: z.strictObject({ 'sample-app': appSettings, 'llm-app': appSettings }),
    ingress: z.strictObject({
      className: dnsLabel,
      /** Namespace of the ingress controller pods, the only ones allowed to reach the app ports from outside. */
      controllerNamespace: dnsLabel,
    }),
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
export type AppSettings = Environment['apps']['sample-app'];
export type AppName = keyof Environment['apps'];
