/**
 * Told the outcome of every readiness check /ready runs, so the dependency's
 * state becomes a metric (libs/metrics provides one). Optional: without it
 * readiness works the same.
 */
export abstract class ReadinessObserver {
  /** `status` is the check's: "up", "down" or "degraded". */
  abstract observe(dependency: string, backend: string, status: string, durationSeconds: number): void;
}
