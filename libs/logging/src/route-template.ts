import type { IncomingMessage } from 'node:http';

/** Label used for requests that matched no route, so scanners cannot create new values. */
export const UNMATCHED_ROUTE = '(unmatched)';

const ROUTE_TEMPLATE = Symbol('routeTemplate');

type WithRouteTemplate = IncomingMessage & { [ROUTE_TEMPLATE]?: string };

/** Set from a Fastify onRequest hook, where the router has already matched. */
export function setRouteTemplate(raw: IncomingMessage, template: string | undefined): void {
  (raw as WithRouteTemplate)[ROUTE_TEMPLATE] = template ?? UNMATCHED_ROUTE;
}

/** The matched route template ("/api/v1/items/:id"), never the raw path. */
export function routeTemplateOf(raw: IncomingMessage): string {
  return (raw as WithRouteTemplate)[ROUTE_TEMPLATE] ?? UNMATCHED_ROUTE;
}
