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

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });
const signedIn = ({ accessToken }: Fixtures) => bearer(accessToken);
const thrice = (status: number) => [status, status, status];

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
];

export const familiesOf = (app: AppName): RouteFamily[] =>
  ROUTE_FAMILIES.filter((family) => family.app === app || family.app === 'both');

export const given = <T>(part: Given<T>, fixtures: Fixtures): T =>
  typeof part === 'function' ? (part as (fixtures: Fixtures) => T)(fixtures) : part;
