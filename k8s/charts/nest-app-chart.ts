import { secretEnvNamesFor } from '@app/config';
import { ImagePullPolicy } from 'cdk8s-plus-28';
import { type Construct } from 'constructs';
import { type AppEntry, appEntry, callersOf } from '../../apps/registry';
import { AppRoute } from '../constructs/app-route';
import { exceptInside } from '../constructs/cidr';
import { httpsListenerName } from '../constructs/public-gateway';
import { selectorLabels } from '../constructs/labels';
import { NEST_SERVICE_PORT, NestService } from '../constructs/nest-service';
import { type EgressTarget } from '../constructs/network-peers';
import { serviceHost } from '../constructs/cluster-dns';
import { type AppName, appSettingsOf, type Environment } from '../environments';
import { stackEndpoints, TEMPO_OTLP_HTTP_PORT } from '../observability/pinned-charts';
import { STACK_PODS } from '../observability/stack-pods';
import { LOCAL_ONLY_ANNOTATIONS, localSecretValues } from './app-secrets';
import { postgresEndpoint, redisEndpoint } from './data-store-endpoints';
import { gatewayProxyPods } from './gateway-chart';
import { ProjectChart } from './project-chart';

/** Image reference of an app: `repository/name:tag`, and `@digest` when the environment gives one. */
export function imageOf(env: Environment, app: AppName): string {
  const digest = env.image.digests[app];
  return `${env.image.repository}/${app}:${env.image.tag}${digest !== undefined ? `@${digest}` : ''}`;
}

/** How one app reaches another: through its Service, whose port is not the container's. */
export function serviceUrl(env: Environment, name: AppName): string {
  return `http://${serviceHost(name, env.namespace)}:${NEST_SERVICE_PORT}`;
}

export interface NestAppChartProps {
  readonly env: Environment;
  /** The app, as the registry lists it. */
  readonly entry: AppEntry;
  /** The registry it is part of: where its callers and callees are found. */
  readonly apps: readonly AppEntry[];
}

/** One app of the monorepo, wired to the environment's data stores, neighbours, Gateway and Tempo. */
export class NestAppChart extends ProjectChart {
  readonly service: NestService;

  constructor(scope: Construct, id: string, props: NestAppChartProps) {
    super(scope, id);
    const { env, entry } = props;
    const { identity } = entry;
    const settings = appSettingsOf(env, identity.name);
    const appName: AppName = identity.name;
    const callees = entry.calls.map((call) => ({ ...call, port: appEntry(call.app, props.apps).identity.defaultPort }));
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
      ...(entry.cache ? [redis.egress] : []),
      ...callees.map(({ app, port }) => ({ name: app, podLabels: selectorLabels(app), port })),
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
      ...(entry.llmUpstream && env.llmUpstream
        ? [{ name: 'llm-upstream', cidr: env.llmUpstream.cidr, except: env.llmUpstream.except, port: 443 }]
        : []),
    ].map(outside);

    const config: Record<string, string> = {
      ...entry.clusterTimeouts,
      // V8's heap sizes, measured for the app (docs/decisions/0126), not derived from the pod's limit.
      ...(entry.nodeOptions.length > 0 ? { NODE_OPTIONS: entry.nodeOptions.join(' ') } : {}),
      // Behind the Gateway the client is the address its proxy appends to X-Forwarded-For: trust
      // that one hop, by address (Fastify 5.12 ignores a bare hop count). Pod addresses are the
      // only ones the app's NetworkPolicy admits, and of those only the Gateway's proxies send
      // X-Forwarded-For, so this is exactly the Gateway hop (docs/decisions/0060).
      ...(settings.host !== null ? { HTTP_TRUST_PROXY: env.network.podCidr } : {}),
      ...(monitoring ? { OTEL_EXPORTER_OTLP_ENDPOINT: stackEndpoints(env.monitoringNamespace).tempoOtlpHttp } : {}),
      // Where each app it calls is: that app's Service.
      ...Object.fromEntries(callees.map((call) => [call.variable, `${serviceUrl(env, call.app)}${call.path ?? ''}`])),
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
      allowFrom: callersOf(appName, props.apps).map((name) => selectorLabels(name)),
      egress,
      migrationArgs: entry.migrationScript !== undefined ? [entry.migrationScript] : undefined,
      longestRequestMs: entry.longestRequestMs(config),
    });

    if (settings.host !== null && entry.publicPaths.length > 0) {
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
        paths: entry.publicPaths,
      });
    }
  }
}
