// Smoke test of the deployed system through its Gateway, the same script for the kind job of CI
// and for `npm run k8s:rehearse`: only public routes (/health, /ready and /metrics are not routed),
// each app's checks, an item summary across both apps (llm-app verifies the user's token through
// sample-app's JWKS), one trace holding both services at the trace backend, and the login rate
// limit keyed per client address behind the proxy.
// Usage: node scripts/cluster-smoke.mjs sample-app=http://sample-app.localtest.me llm-app=http://llm-app.localtest.me
// Environment:
//   SMOKE_TRACES_URL             a Tempo-compatible query API (GET /api/traces/<id>); unset: no trace check
//   SMOKE_SECOND_CLIENT_ADDRESS  a second local source address (e.g. 127.0.0.2) for the per-client limit;
//                                unset: only the forged-X-Forwarded-For half of that check runs
//   SMOKE_CLIENT_ADDRESS         the local source address of the first client of that check (default: the system's)
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CHECKS, CLUSTER_CHECKS, call, signedInUserWithItem } from './bundle/app-checks.mjs';

const targets = process.argv.slice(2).map((argument) => {
  const [app, base] = argument.split('=');
  if (!app || !base || !(app in APP_CHECKS)) {
    console.error(`expected <app>=<base URL> with app one of ${Object.keys(APP_CHECKS).join(', ')}; got "${argument}"`);
    process.exit(2);
  }
  return { app, base: base.replace(/\/$/, '') };
});
if (targets.length === 0) {
  console.error('usage: node scripts/cluster-smoke.mjs <app>=<base URL>...');
  process.exit(2);
}

/** One HTTP request through the Gateway, from a chosen local address, with raw headers. */
function raw(base, method, path, { headers = {}, body, localAddress } = {}) {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: Number(url.port || 80),
        method,
        path: url.pathname + url.search,
        headers: { host: url.host, accept: 'application/json', ...headers },
        localAddress,
        timeout: 10_000,
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The Gateway may answer 404/503 for a while after the rollout: retry a public route briefly. */
async function waitUntilRouted(base) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await call(base, 'GET', '/info');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(1_000);
    }
  }
}

/** A summary under a trace id of our own (W3C traceparent); the backend must hold spans of both apps. */
async function traceAcrossBothApps(base) {
  const tracesUrl = process.env.SMOKE_TRACES_URL;
  if (!tracesUrl) return 'skipped (SMOKE_TRACES_URL unset)';
  const traceId = randomBytes(16).toString('hex');
  const { accessToken, item } = await signedInUserWithItem(base);
  const response = await fetch(`${base}/api/v1/items/${item.id}/summary`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${accessToken}`,
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    },
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) throw new Error(`summary under trace ${traceId}: ${response.status}`);
  const deadline = Date.now() + 30_000;
  let services = [];
  while (Date.now() < deadline) {
    const found = await fetch(`${tracesUrl.replace(/\/$/, '')}/api/traces/${traceId}`).catch(() => undefined);
    if (found?.ok) {
      const { batches = [] } = await found.json();
      services = [
        ...new Set(
          batches.flatMap((batch) =>
            (batch.resource?.attributes ?? []).filter((a) => a.key === 'service.name').map((a) => a.value.stringValue),
          ),
        ),
      ].sort();
      if (services.includes('sample-app') && services.includes('llm-app'))
        return `trace ${traceId}: ${services.join(', ')}`;
    }
    await sleep(1_000);
  }
  throw new Error(`trace ${traceId}: expected spans of sample-app and llm-app, found [${services.join(', ')}]`);
}

/**
 * Failed logins until 429: a forged X-Forwarded-For must not move a client to another bucket
 * (the apps trust exactly one hop, the Gateway's), while a caller from another address keeps its own.
 */
async function loginLimitPerClient(base) {
  const attempt = (headers, localAddress) =>
    raw(base, 'POST', '/api/v1/auth/login', {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        email: `nobody-${randomBytes(4).toString('hex')}@example.com`,
        password: 'wrong password!',
      }),
      localAddress,
    });
  let limited = false;
  for (let index = 0; index < 30 && !limited; index++) {
    const forged = { 'x-forwarded-for': `198.51.100.${index + 1}` };
    const { status } = await attempt(forged, process.env.SMOKE_CLIENT_ADDRESS);
    if (status === 429) limited = true;
    else if (status !== 401) throw new Error(`login attempt ${index + 1}: expected 401 or 429, got ${status}`);
  }
  if (!limited)
    throw new Error('30 failed logins with forged X-Forwarded-For were never limited: the proxy hop is not the key');
  const second = process.env.SMOKE_SECOND_CLIENT_ADDRESS;
  if (!second) return 'limited despite forged X-Forwarded-For (no second client address given)';
  const { status } = await attempt({}, second);
  if (status !== 401)
    throw new Error(`a login from ${second} after another client was limited: expected 401, got ${status}`);
  return `limited despite forged X-Forwarded-For; ${second} keeps its own budget`;
}

const SYSTEM_CHECKS = {
  'sample-app': [
    ['one trace with spans of both apps at the trace backend', traceAcrossBothApps],
    ['login rate limit keyed per client address behind the proxy', loginLimitPerClient],
  ],
  'llm-app': [],
};

let failed = false;
for (const { app, base } of targets) {
  try {
    await waitUntilRouted(base);
    console.log(`${app}: routed (/info)`);
    for (const [description, check] of [...APP_CHECKS[app], ...CLUSTER_CHECKS[app], ...SYSTEM_CHECKS[app]]) {
      const note = await check(base);
      console.log(`${app}: ${description}${typeof note === 'string' ? ` (${note})` : ''}`);
    }
  } catch (error) {
    failed = true;
    console.error(`${app} (${base}): ${error instanceof Error ? error.message : error}`);
  }
}
process.exit(failed ? 1 : 0);
