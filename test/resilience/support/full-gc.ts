/**
 * A full garbage collection in another Node process, through its inspector (started with
 * `--inspect=127.0.0.1:0`): the only way to read a heap figure from outside that holds no garbage
 * V8 merely had no reason to collect yet. Without it, a heap reading after a burst of requests
 * carries whatever the young and old generations happen to hold (57 MB in one baseline, 93 MB in
 * the next), and a leak check compares noise.
 */
export const INSPECT_ON_LOOPBACK = '--inspect=127.0.0.1:0';

/** The lines Node's inspector writes to stderr: Node's own, not the app's log. */
export const INSPECTOR_LINE =
  /^(Debugger listening on ws:|For help, see: https:\/\/nodejs\.org\/|Debugger attached\.|Debugger ending on ws:|Waiting for the debugger to disconnect)/;

export async function collectGarbage(processOutput: string): Promise<void> {
  const url = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(processOutput)?.[1];
  if (url === undefined)
    throw new Error('the process has no inspector listening (start it with --inspect=127.0.0.1:0)');
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('error', () => reject(new Error(`could not reach the inspector at ${url}`)), {
      once: true,
    });
    socket.addEventListener(
      'open',
      () => socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })),
      {
        once: true,
      },
    );
    socket.addEventListener('message', (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as { id?: number; error?: { message: string } };
      if (message.id !== 1) return;
      if (message.error) reject(new Error(`HeapProfiler.collectGarbage: ${message.error.message}`));
      else resolve();
    });
  }).finally(() => socket.close());
}
