/**
 * The route families the apps serve today, driven through both apps before
 * the dashboards are queried. Adding a family is one line.
 */
export interface RouteFamily {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly status: number;
  readonly body?: string;
}

export const ROUTE_FAMILIES: readonly RouteFamily[] = [
  { method: 'GET', path: '/', status: 200 },
  { method: 'GET', path: '/health', status: 200 },
  { method: 'GET', path: '/ready', status: 200 },
  { method: 'GET', path: '/info', status: 200 },
  { method: 'GET', path: '/no/such/route', status: 404 },
  { method: 'POST', path: '/health', status: 400, body: '{"broken":' },
];
