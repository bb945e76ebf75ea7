import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD } from '../../test/support/accounts';

export type AppName = 'sample-app' | 'llm-app';

/** What the test creates in sample-app before driving the families: an account and one of its items. */
export interface Fixtures {
  readonly email: string;
  readonly accessToken: string;
  readonly itemId: string;
}

/** A request part that is either fixed or depends on the fixtures. */
export type Given<T> = T | ((fixtures: Fixtures) => T);

/**
 * The route families the apps serve, driven before the dashboards are
 * queried. Adding a family is one entry.
 */
export interface RouteFamily {
  /** The app that serves the family; the operational routes are on both. */
  readonly app: AppName | 'both';
  readonly method: 'GET' | 'POST';
  readonly path: Given<string>;
  readonly headers?: Given<Readonly<Record<string, string>>>;
  /** An object is sent as JSON; a string as it is (to send broken JSON). */
  readonly body?: Given<string | object>;
  /** The status of each request, in order: the family is driven once per entry. */
  readonly statuses: readonly number[];
  /** What the last response's body shows, where the status alone would not prove the family did its job. */
  readonly lastBody?: RegExp;
}

/**
 * The llm-app settings the LLM families are written against: each client may
 * send this many requests per window, and spend this many tokens. Only the
 * request-limit family sends more requests, and only the budget family spends
 * more tokens.
 */
export const LLM_LIMITS = { requestsPerClient: 3, tokensPerClient: 1_000 } as const;

/** The public model llm-app serves from the failing upstream, with the simulator as its fallback. */
export const FAILING_UPSTREAM_MODEL = 'flaky';

/**
 * One llm-app API key per LLM family. Request limits and token budgets count
 * per client, so each family spends its own: only the family meant to be
 * refused is refused, whatever the order.
 */
export const LLM_API_KEYS = {
  completion: 'observability-completion-key',
  streaming: 'observability-streaming-key',
  chat: 'observability-chat-key',
  unknownModel: 'observability-unknown-model-key',
  badBody: 'observability-bad-body-key',
  failingUpstream: 'observability-failing-upstream-key',
  requestLimit: 'observability-request-limit-key',
  tokenBudget: 'observability-token-budget-key',
  embeddings: 'observability-embeddings-key',
  responses: 'observability-responses-key',
  responsesStream: 'observability-responses-stream-key',
} as const;

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });
const signedIn = ({ accessToken }: Fixtures) => bearer(accessToken);
const thrice = (status: number) => [status, status, status];
const ask = (content: string, model = 'simulated') => ({ model, messages: [{ role: 'user', content }] });
const COMPLETIONS = '/v1/chat/completions';

export const ROUTE_FAMILIES: readonly RouteFamily[] = [
  { app: 'both', method: 'GET', path: '/', statuses: thrice(200) },
  { app: 'both', method: 'GET', path: '/health', statuses: thrice(200) },
  { app: 'both', method: 'GET', path: '/ready', statuses: thrice(200) },
  { app: 'both', method: 'GET', path: '/info', statuses: thrice(200) },
  { app: 'both', method: 'GET', path: '/no/such/route', statuses: thrice(404) },
  { app: 'both', method: 'POST', path: '/health', statuses: thrice(400), body: '{"broken":' },

  {
    app: 'sample-app',
    method: 'POST',
    path: '/api/v1/auth/register',
    body: ({ email }) => ({ email, password: TEST_PASSWORD }),
    statuses: thrice(409),
  },
  {
    app: 'sample-app',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: ({ email }) => ({ email, password: TEST_PASSWORD }),
    statuses: thrice(200),
  },
  {
    app: 'sample-app',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: ({ email }) => ({ email, password: `not ${TEST_PASSWORD}` }),
    statuses: thrice(401),
  },
  {
    app: 'sample-app',
    method: 'POST',
    path: '/api/v1/items',
    headers: signedIn,
    body: { name: 'Probe' },
    statuses: thrice(201),
  },
  { app: 'sample-app', method: 'GET', path: '/api/v1/items', headers: signedIn, statuses: thrice(200) },
  {
    app: 'sample-app',
    method: 'GET',
    path: ({ itemId }) => `/api/v1/items/${itemId}`,
    headers: signedIn,
    statuses: thrice(200),
  },
  { app: 'sample-app', method: 'GET', path: `/api/v1/items/${randomUUID()}`, headers: signedIn, statuses: thrice(404) },
  { app: 'sample-app', method: 'GET', path: '/api/v1/items', statuses: thrice(401) },

  {
    app: 'llm-app',
    method: 'POST',
    path: COMPLETIONS,
    headers: bearer(LLM_API_KEYS.completion),
    body: ask('How many tokens is this?'),
    statuses: thrice(200),
    lastBody: /"object":"chat\.completion"/,
  },
  {
    // Read to the end: time per output token and the usage chunk are recorded as the stream finishes.
    app: 'llm-app',
    method: 'POST',
    path: COMPLETIONS,
    headers: bearer(LLM_API_KEYS.streaming),
    body: { ...ask('Stream it, please.'), stream: true, stream_options: { include_usage: true } },
    statuses: thrice(200),
    lastBody: /"usage":\{"prompt_tokens":\d+[\s\S]*data: \[DONE\]\n\n$/,
  },
  {
    app: 'llm-app',
    method: 'POST',
    path: '/chat',
    headers: bearer(LLM_API_KEYS.chat),
    body: { message: 'Hello there' },
    statuses: thrice(200),
    lastBody: /"conversationId"/,
  },
  {
    app: 'llm-app',
    method: 'POST',
    path: COMPLETIONS,
    headers: bearer(LLM_API_KEYS.unknownModel),
    body: ask('Anyone?', 'no-such-model'),
    statuses: thrice(404),
    lastBody: /"code":"model_not_found"/,
  },
  {
    app: 'llm-app',
    method: 'POST',
    path: COMPLETIONS,
    headers: bearer(LLM_API_KEYS.badBody),
    body: { model: 'simulated', messages: 'not a list' },
    statuses: thrice(400),
    lastBody: /"param":"messages"/,
  },
  {
    // The upstream answers 503: retried, then its circuit opens, and the simulator answers instead.
    app: 'llm-app',
    method: 'POST',
    path: COMPLETIONS,
    headers: bearer(LLM_API_KEYS.failingUpstream),
    body: ask('Is the upstream up?', FAILING_UPSTREAM_MODEL),
    statuses: thrice(200),
    lastBody: /Simulated reply to/,
  },
  {
    app: 'llm-app',
    method: 'POST',
    path: COMPLETIONS,
    headers: bearer(LLM_API_KEYS.requestLimit),
    body: ask('Once more.'),
    statuses: [...Array<number>(LLM_LIMITS.requestsPerClient).fill(200), 429],
    lastBody: /"type":"rate_limit_error"/,
  },
  {
    // One prompt larger than the whole budget: the first request runs (its cost is known only after), the rest are refused.
    app: 'llm-app',
    method: 'POST',
    path: COMPLETIONS,
    headers: bearer(LLM_API_KEYS.tokenBudget),
    body: ask('spend '.repeat(2 * LLM_LIMITS.tokensPerClient)),
    statuses: [200, 429, 429],
    lastBody: /"code":"token_budget_exceeded"/,
  },
  {
    app: 'llm-app',
    method: 'POST',
    path: '/v1/embeddings',
    headers: bearer(LLM_API_KEYS.embeddings),
    body: { model: 'simulated', input: ['first document', 'second document'], dimensions: 8 },
    statuses: thrice(200),
    lastBody: /"object":"embedding"/,
  },
  {
    app: 'llm-app',
    method: 'POST',
    path: '/v1/responses',
    headers: bearer(LLM_API_KEYS.responses),
    body: { model: 'simulated', input: 'Answer through the Responses API.' },
    statuses: thrice(200),
    lastBody: /"object":"response"/,
  },
  {
    // Read to the end: the operation is measured on response.completed.
    app: 'llm-app',
    method: 'POST',
    path: '/v1/responses',
    headers: bearer(LLM_API_KEYS.responsesStream),
    body: { model: 'simulated', input: 'Stream through the Responses API.', stream: true },
    statuses: thrice(200),
    lastBody: /event: response\.completed\n/,
  },
];

export const familiesOf = (app: AppName): RouteFamily[] =>
  ROUTE_FAMILIES.filter((family) => family.app === app || family.app === 'both');

export const given = <T>(part: Given<T>, fixtures: Fixtures): T =>
  typeof part === 'function' ? (part as (fixtures: Fixtures) => T)(fixtures) : part;
