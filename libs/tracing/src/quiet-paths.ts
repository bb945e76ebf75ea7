/**
 * Probe and scrape paths: kubelet and Prometheus call them every few seconds.
 * Tracing them would fill the trace store with identical, uninteresting spans.
 */
export const UNTRACED_PATHS: ReadonlySet<string> = new Set(['/metrics', '/health', '/ready']);

export function isUntracedPath(url: string | undefined): boolean {
  return UNTRACED_PATHS.has((url ?? '').split('?')[0] ?? '');
}
