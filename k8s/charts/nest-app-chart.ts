import { type AppIdentity, secretEnvNamesFor } from '@app/config';
import { ImagePullPolicy } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { selectorLabels } from '../constructs/labels';
import { NestService } from '../constructs/nest-service';
import { type EgressTarget } from '../constructs/network-peers';
import { type AppName, type Environment } from '../environments';
import { localSecretValues } from './app-secrets';
import { postgresEndpoint, redisEndpoint } from './data-store-endpoints';
import { ProjectChart } from './project-chart';

/** The migration entry point inside the sample-app image (run by the image's node entrypoint). */
export const MIGRATION_SCRIPT = 'dist/apps/sample-app/src/migrate.js';

/**
 * Paths the Ingress routes. Everything else (/health, /ready, /metrics) stays inside the
 * cluster: probes and Prometheus reach the pods directly.
 */
export const PUBLIC_PATHS: Readonly<Record<AppName, readonly string[]>> = {
  'sample-app': ['/', '/api', '/.well-known', '/docs', '/docs-json', '/info'],
  'llm-app': ['/', '/v1', '/docs', '/docs-json', '/info'],
};

export interface NestAppChartProps {
  readonly env: Environment;
  readonly identity: AppIdentity;
  /** Other apps of the namespace allowed to call this one. */
  readonly callers?: readonly AppName[];
  /** Other apps this one calls, with their ports. */
  readonly callees?: readonly { readonly name: AppName; readonly port: number }[];
  /** Configuration the wiring decides (URLs of other apps), merged under the environment's own. */
  readonly config?: Readonly<Record<string, string>>;
}

function isAppName(env: Environment, name: string): name is AppName {
  return Object.hasOwn(env.apps, name);
}

/** One app of the monorepo, wired to the environment's data stores and neighbours. */
export class NestAppChart extends ProjectChart {
  readonly service: NestService;

  constructor(scope: Construct, id: string, props: NestAppChartProps) {
    super(scope, id);
    const { env, identity } = props;
    if (!isAppName(env, identity.name)) {
      throw new Error(`identity: no settings for "${identity.name}" in environment "${env.name}"`);
    }
    const settings = env.apps[identity.name];
    const appName: AppName = identity.name;
    const postgres = postgresEndpoint(env);
    const redis = redisEndpoint(env);

    const egress: EgressTarget[] = [
      ...(identity.usesDatabase ? [postgres.egress] : []),
      redis.egress,
      ...(props.callees ?? []).map(({ name, port }) => ({ name, podLabels: selectorLabels(name), port })),
      ...(identity.callsLlmUpstream === true && env.llmUpstream
        ? [{ name: 'llm-upstream', cidr: env.llmUpstream.cidr, except: env.llmUpstream.except, port: 443 }]
        : []),
    ];

    this.service = new NestService(this, 'app', {
      name: identity.name,
      namespace: env.namespace,
      image: `${env.image.repository}/${identity.name}:${env.image.tag}`,
      imagePullPolicy: env.image.pullPolicy === 'Always' ? ImagePullPolicy.ALWAYS : ImagePullPolicy.IF_NOT_PRESENT,
      port: identity.defaultPort,
      replicas: settings.autoscaling ? undefined : settings.replicas,
      autoscaling: settings.autoscaling ?? undefined,
      resources: settings.resources,
      config: { ...props.config, ...settings.config },
      secretKeys: secretEnvNamesFor(identity),
      secretValues:
        env.secrets === 'generated'
          ? localSecretValues(identity, { DATABASE_URL: postgres.localUrl, REDIS_URL: redis.localUrl })
          : undefined,
      ingress: settings.host
        ? { host: settings.host, className: env.ingress.className, paths: PUBLIC_PATHS[appName] }
        : undefined,
      ingressControllerNamespace: env.ingress.controllerNamespace,
      monitoringNamespace: env.monitoring.enabled ? env.monitoringNamespace : undefined,
      allowFrom: (props.callers ?? []).map((name) => selectorLabels(name)),
      egress,
      migrationArgs: identity.usesDatabase ? [MIGRATION_SCRIPT] : undefined,
    });
  }
}
