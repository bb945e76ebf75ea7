/**
 * Probe and scrape paths: kubelet and Prometheus call them every few seconds.
 * Tracing or logging them would fill the stores with identical, uninteresting entries.
 */
const QUIET_PATHS: ReadonlySet<string> = new Set(['/metrics', '/health', '/ready']);

export function isQuietPath(url: string | undefined): boolean {
  return QUIET_PATHS.has((url ?? '').split('?')[0] ?? '');
}
