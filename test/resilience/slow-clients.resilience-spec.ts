import { type Socket, connect } from 'node:net';
import { recordFigures } from './support/figures';
import { type HostileTargets, startHostileTargets } from './support/hostile-targets';

/** Short timeouts, so the spec takes seconds; the defaults (docs/configuration.md) are longer. */
const TIMEOUTS = {
  HTTP_HEADERS_TIMEOUT_MS: '2000',
  HTTP_REQUEST_TIMEOUT_MS: '3000',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '2000',
};
const WAIT_MS = 12_000;

type Kind = 'slow headers' | 'slow body' | 'idle';

/** Opens a raw socket that misbehaves as `kind` says; resolves whether the server closed it within WAIT_MS. */
function misbehave(base: string, kind: Kind): Promise<boolean> {
  const url = new URL(base);
  return new Promise((resolve) => {
    let trickle: NodeJS.Timeout | undefined;
    const socket: Socket = connect(Number(url.port), url.hostname, () => {
      if (kind === 'slow headers') {
        socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
        trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 500);
      } else if (kind === 'slow body') {
        socket.write(
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
        );
        trickle = setInterval(() => socket.write(' '), 500);
      } else {
        // A keep-alive connection that asked once and then sits idle.
        socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      }
    });
    socket.resume();
    socket.on('error', () => undefined);
    const giveUp = setTimeout(() => {
      clearInterval(trickle);
      socket.destroy();
      resolve(false);
    }, WAIT_MS);
    socket.on('close', () => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      resolve(true);
    });
  });
}

/**
 * 100 clients trickling headers, 50 trickling a body and 1,000 idle keep-alive
 * connections per app, over raw sockets: the header, request and keep-alive
 * timeouts close every one of them, and the app still answers afterwards.
 */
describe('slow and idle clients against both apps', () => {
  let targets: HostileTargets;
  const rows: { scenario: string; requests: number; note: string }[] = [];

  beforeAll(async () => {
    targets = await startHostileTargets('slow', TIMEOUTS);
  }, 120_000);

  afterAll(async () => {
    await targets?.stop();
    recordFigures('slow-clients', rows);
  });

  const plan: readonly (readonly [Kind, number])[] = [
    ['slow headers', 100],
    ['slow body', 50],
    ['idle', 1_000],
  ];

  for (const app of ['sample-app', 'llm-app'] as const) {
    it(`${app} closes 100 slow-header, 50 slow-body and 1,000 idle connections and keeps serving`, async () => {
      const base = app === 'sample-app' ? targets.sampleApp : targets.llmApp;
      const started = Date.now();
      const outcomes = await Promise.all(
        plan.map(async ([kind, count]) => {
          const closed = await Promise.all(Array.from({ length: count }, () => misbehave(base, kind)));
          return [kind, closed.filter(Boolean).length, count] as const;
        }),
      );
      rows.push(
        ...outcomes.map(([kind, closed, count]) => ({
          scenario: `${app}: ${count} ${kind} sockets`,
          requests: count,
          note: `${closed} closed by the server within ${WAIT_MS / 1000} s`,
        })),
      );
      expect(outcomes.map(([kind, closed]) => [kind, closed])).toEqual(plan.map(([kind, count]) => [kind, count]));
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(WAIT_MS + 5_000);
    }, 60_000);
  }
});
