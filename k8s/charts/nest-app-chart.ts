import { type AppIdentity, secretEnvNamesFor } from '@app/config';
import { ImagePullPolicy } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { MAX_RETRY_AFTER_MS } from '../../apps/llm-app/src/providers/upstream/retry-delay';
import { AppRoute } from '../constructs/app-route';
import { exceptInside } from '../constructs/cidr';
import { httpsListenerName } from '../constructs/public-gateway';
import { selectorLabels } from '../constructs/labels';
import { NEST_SERVICE_PORT, NestService } from '../constructs/nest-service';
import { type EgressTarget } from '../constructs/network-peers';
import { type AppName, type Environment } from '../environments';
import { stackEndpoints, TEMPO_OTLP_HTTP_PORT } from '../observability/pinned-charts';
import { STACK_PODS } from '../observability/stack-pods';
import { LOCAL_ONLY_ANNOTATIONS, localSecretValues } from './app-secrets';
import { postgresEndpoint, redisEndpoint } from './data-store-endpoints';
import { gatewayProxyPods } from './gateway-chart';
import { ProjectChart } from './project-chart';

/** The migration entry point inside the sample-app image (run by the image's node entrypoint). */
export const MIGRATION_SCRIPT = 'dist/apps/sample-app/src/migrate.js';

/**
 * Paths the HTTPRoute sends to each app. Everything else (/health, /ready, /metrics) stays
 * inside the cluster: probes and Prometheus reach the pods directly.
 */
export const PUBLIC_PATHS: Readonly<Record<AppName, readonly string[]>> = {
  'sample-app': ['/', '/api', '/.well-known', '/docs', '/docs-json', '/info'],
  // /chat is the browser page and its POST, /traces the recent-traces JSON and waterfall.
  'llm-app': ['/', '/v1', '/chat', '/traces', '/docs', '/docs-json', '/info'],
};

/**
 * Timeouts the cluster sets, so the shutdown budget is known: llm-app tries an upstream at most
 * twice, 20 s each; sample-app waits for llm-app at most 30 s.
 */
export const CLUSTER_TIMEOUTS: Readonly<Record<AppName, Readonly<Record<string, string>>>> = {
  'sample-app': { LLM_GATEWAY_TIMEOUT_MS: '30000' },
  'llm-app': { LLM_UPSTREAM_TIMEOUT_MS: '20000', LLM_UPSTREAM_MAX_RETRIES: '1' },
};

/** The longest one request can take with those settings (for llm-app: every attempt plus the waits between). */
export function longestRequestMs(app: AppName, config: Readonly<Record<string, string>>): number {
  if (app === 'sample-app') return Number(config.LLM_GATEWAY_TIMEOUT_MS);
  const retries = Number(config.LLM_UPSTREAM_MAX_RETRIES);
  return Number(config.LLM_UPSTREAM_TIMEOUT_MS) * (retries + 1) + retries * MAX_RETRY_AFTER_MS;
}

/** Image reference of an app: `repository/name:tag`, and `@digest` when the environment gives one. */
export function imageOf(env: Environment, app: AppName): string {
  const digest = env.image.digests[app];
  return `${env.image.repository}/${app}:${env.image.tag}${digest !== undefined ? `@${digest}` : ''}`;
}

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

/** One app of the monorepo, wired to the environment's data stores, neighbours, Gateway and Tempo. */
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
    const clusterRanges = [env.network.podCidr, env.network.serviceCidr];
    // An ipBlock is for addresses outside the cluster: never let one cover pods or Services.
    const outside = (target: EgressTarget): EgressTarget =>
      target.cidr !== undefined
        ? { ...target, except: exceptInside(target.cidr, target.except ?? [], clusterRanges) }
        : target;
    const monitoring = env.monitoring.enabled;

    const egress: EgressTarget[] = [
      ...(identity.usesDatabase ? [postgres.egress] : []),
      redis.egress,
      ...(props.callees ?? []).map(({ name, port }) => ({ name, podLabels: selectorLabels(name), port })),
      ...(monitoring
        ? [
            {
              name: 'tempo',
              podLabels: STACK_PODS.tempo,
              namespace: env.monitoringNamespace,
              port: TEMPO_OTLP_HTTP_PORT,
            },
          ]
        : []),
      ...(identity.callsLlmUpstream === true && env.llmUpstream
        ? [{ name: 'llm-upstream', cidr: env.llmUpstream.cidr, except: env.llmUpstream.except, port: 443 }]
        : []),
    ].map(outside);

    const config: Record<string, string> = {
      ...CLUSTER_TIMEOUTS[appName],
      // Behind the Gateway the client is the address its proxy appends to X-Forwarded-For: trust
      // that one hop, by address (Fastify 5.12 ignores a bare hop count). Pod addresses are the
      // only ones the app's NetworkPolicy admits, and of those only the Gateway's proxies send
      // X-Forwarded-For, so this is exactly the Gateway hop (docs/decisions/0060).
      ...(settings.host !== null ? { HTTP_TRUST_PROXY: env.network.podCidr } : {}),
      ...(monitoring ? { OTEL_EXPORTER_OTLP_ENDPOINT: stackEndpoints(env.monitoringNamespace).tempoOtlpHttp } : {}),
      ...props.config,
      ...settings.config,
    };

    this.service = new NestService(this, 'app', {
      name: identity.name,
      namespace: env.namespace,
      image: imageOf(env, appName),
      imagePullPolicy: env.image.pullPolicy === 'Always' ? ImagePullPolicy.ALWAYS : ImagePullPolicy.IF_NOT_PRESENT,
      port: identity.defaultPort,
      replicas: settings.autoscaling ? undefined : settings.replicas,
      autoscaling: settings.autoscaling ?? undefined,
      resources: settings.resources,
      config,
      secretKeys: secretEnvNamesFor(identity),
      secretValues:
        env.secrets === 'generated'
          ? localSecretValues(identity, { DATABASE_URL: postgres.localUrl, REDIS_URL: redis.localUrl })
          : undefined,
      secretAnnotations: env.secrets === 'generated' ? LOCAL_ONLY_ANNOTATIONS : {},
      gatewayPeer: settings.host !== null ? gatewayProxyPods(env) : undefined,
      scrapers: monitoring ? [{ podLabels: STACK_PODS.prometheus, namespace: env.monitoringNamespace }] : [],
      allowFrom: (props.callers ?? []).map((name) => selectorLabels(name)),
      egress,
      migrationArgs: identity.usesDatabase ? [MIGRATION_SCRIPT] : undefined,
      longestRequestMs: longestRequestMs(appName, config),
    });

    if (settings.host !== null) {
      new AppRoute(this, 'route', {
        name: identity.name,
        namespace: env.namespace,
        host: settings.host,
        gateway: {
          name: env.gateway.name,
          namespace: env.gateway.namespace,
          listener: env.gateway.tls ? httpsListenerName(settings.host) : 'http',
        },
        service: { name: identity.name, port: NEST_SERVICE_PORT },
        paths: PUBLIC_PATHS[appName],
      });
    }
  }
}
