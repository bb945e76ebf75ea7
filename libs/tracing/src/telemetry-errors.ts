import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';

/** The SDK hands errors over as JSON-stringified exceptions; their message is what a reader needs. */
const describe = (value: unknown): string => {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') {
    if (!value.startsWith('{')) return value;
    try {
      const parsed = JSON.parse(value) as { message?: unknown };
      return typeof parsed.message === 'string' ? parsed.message : value;
    } catch {
      return value;
    }
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
};

/**
 * The SDK reports a failed export (collector unreachable, refused, timing out) only through
 * its diag logger, which is silent until one is set: spans would vanish without a word.
 * Warnings and errors become one stderr line each, with no stack trace.
 */
export function reportTelemetryErrors(write: (line: string) => void = (line) => console.error(line)): void {
  const report = (message: string, ...args: unknown[]): void =>
    write(['tracing:', describe(message), ...args.map(describe)].join(' ').trim());
  const ignore = (): void => undefined;
  const logger: DiagLogger = { error: report, warn: report, info: ignore, debug: ignore, verbose: ignore };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
}
