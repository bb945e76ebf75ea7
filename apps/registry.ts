import { type AppIdentity, envNamesFor, secretEnvNamesFor } from '@app/config';
import { LLM_APP } from './llm-app/src/llm-app.identity';
import { LLM_APP_NODE_OPTIONS } from './llm-app/src/llm-app.node-options';
import { MAX_RETRY_AFTER_MS } from './llm-app/src/providers/upstream/retry-delay';
import { SAMPLE_APP } from './sample-app/src/sample-app.identity';
import { SAMPLE_APP_NODE_OPTIONS } from './sample-app/src/sample-app.node-options';

/** One app calling another: the variable that tells it where, set by the deployment to the callee's address. */
export interface AppCall {
  readonly app: string;
  readonly variable: string;
  /** Appended to the callee's base URL (llm-app fetches sample-app's JWKS document). */
  readonly path?: string;
}

/**
 * One app of the monorepo, as everything outside its own folder needs to know it: Kubernetes
 * (charts, NetworkPolicies, invariants), docker-compose, the CI matrix, the smoke and bundle
 * scripts and the dashboards' datasources all read this list. Adding an app is an entry here
 * plus the app's folder (docs/decisions/0100).
 */
export interface AppEntry {
  /** Name, port, what it needs from the environment (a database, signing keys) and its own variables (`identity.env`). */
  readonly identity: AppIdentity;
  /** Whether it keeps shared state in Redis (cache, rate limits): its pods reach Redis. */
  readonly cache: boolean;
  /** Whether it calls an LLM provider outside the cluster: its pods reach the environment's llmUpstream. */
  readonly llmUpstream: boolean;
  /** The other apps it calls (an LLM gateway, a JWKS issuer) and the variable naming each. */
  readonly calls: readonly AppCall[];
  /** The paths the public route sends to it; empty: reachable only inside the cluster. */
  readonly publicPaths: readonly string[];
  /** Timeouts the cluster sets, so the shutdown budget is known. */
  readonly clusterTimeouts: Readonly<Record<string, string>>;
  /** The longest one request can take with those timeouts. */
  readonly longestRequestMs: (config: Readonly<Record<string, string>>) => number;
  /** Run inside the image before a rollout (the app's database migrations); undefined: none. */
  readonly migrationScript?: string;
  /**
   * Node flags the app runs with wherever it is deployed (the Deployment's NODE_OPTIONS; the bench
   * starts it with the same): V8's heap sizes, measured for the app rather than left to V8's
   * defaults, which depend on the memory of the host or the container's limit (docs/decisions/0126).
   */
  readonly nodeOptions: readonly string[];
}

export const SAMPLE_APP_ENTRY: AppEntry = {
  identity: SAMPLE_APP,
  cache: true,
  llmUpstream: false,
  // Item summaries are written through llm-app's OpenAI-compatible API.
  calls: [{ app: 'llm-app', variable: 'LLM_GATEWAY_URL' }],
  publicPaths: ['/', '/api', '/.well-known', '/docs', '/docs-json', '/info'],
  // sample-app waits for llm-app at most 30 s.
  clusterTimeouts: { LLM_GATEWAY_TIMEOUT_MS: '30000' },
  longestRequestMs: (config) => Number(config.LLM_GATEWAY_TIMEOUT_MS),
  migrationScript: 'dist/apps/sample-app/src/migrate.js',
  nodeOptions: SAMPLE_APP_NODE_OPTIONS,
};

export const LLM_APP_ENTRY: AppEntry = {
  identity: LLM_APP,
  cache: true,
  llmUpstream: true,
  // Access tokens are verified with sample-app's published keys.
  calls: [{ app: 'sample-app', variable: 'AUTH_JWKS_URL', path: '/.well-known/jwks.json' }],
  // /chat is the browser page and its POST, /traces the recent-traces JSON and waterfall.
  publicPaths: ['/', '/v1', '/chat', '/traces', '/docs', '/docs-json', '/info'],
  // An upstream is tried at most twice, 20 s each.
  clusterTimeouts: { LLM_UPSTREAM_TIMEOUT_MS: '20000', LLM_UPSTREAM_MAX_RETRIES: '1' },
  longestRequestMs: (config) => {
    const retries = Number(config.LLM_UPSTREAM_MAX_RETRIES);
    return Number(config.LLM_UPSTREAM_TIMEOUT_MS) * (retries + 1) + retries * MAX_RETRY_AFTER_MS;
  },
  nodeOptions: LLM_APP_NODE_OPTIONS,
};

/** Every app, in the order the docs and dashboards list them. */
export const APPS: readonly AppEntry[] = [SAMPLE_APP_ENTRY, LLM_APP_ENTRY];

/** The apps' names. */
export const appNames = (apps: readonly AppEntry[] = APPS): string[] => apps.map((entry) => entry.identity.name);

/** The entry named `name`; throws for a name that is not in the list. */
export function appEntry(name: string, apps: readonly AppEntry[] = APPS): AppEntry {
  const entry = apps.find((candidate) => candidate.identity.name === name);
  if (entry === undefined) throw new Error(`"${name}" is not an app of the registry (${appNames(apps).join(', ')})`);
  return entry;
}

/** The apps that call `name`: the only ones its NetworkPolicy admits besides the Gateway and Prometheus. */
export function callersOf(name: string, apps: readonly AppEntry[] = APPS): string[] {
  return apps.filter((entry) => entry.calls.some((call) => call.app === name)).map((entry) => entry.identity.name);
}

/** Every variable an app of `apps` reads: the shared groups, then each app's own, in order (what a deployment may set). */
export function envNames(apps: readonly AppEntry[] = APPS): string[] {
  return [...new Set(apps.flatMap((entry) => envNamesFor(entry.identity)))];
}

/** Every secret variable an app of `apps` reads: delivered from a Secret, never from a ConfigMap. */
export function secretEnvNames(apps: readonly AppEntry[] = APPS): string[] {
  return [...new Set(apps.flatMap((entry) => secretEnvNamesFor(entry.identity)))];
}
