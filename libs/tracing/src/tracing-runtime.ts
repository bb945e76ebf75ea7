import type { TracingHandle } from './start-tracing';

/** The SDK started by the bootstrap, held for the shutdown hook. At most one per process. */
let running: TracingHandle | undefined;

export function setRunningTracing(handle: TracingHandle | undefined): void {
  running = handle;
}

/** Flushes buffered spans and stops the SDK; a no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const handle = running;
  running = undefined;
  await handle?.shutdown();
}
