// Smoke test of deployed apps through their public URLs (the kind job of CI runs it
// through the Ingress): /health, /ready, then each app's checks, the same ones the bundle
// smoke test asks plus those only a full deployment can answer.
// Usage: node scripts/cluster-smoke.mjs sample-app=http://sample-app.localtest.me llm-app=http://llm-app.localtest.me
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CHECKS, CLUSTER_CHECKS, call } from './bundle/app-checks.mjs';

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

/** The Ingress may answer 503 for a few seconds after the rollout: retry /ready briefly. */
async function waitUntilReady(base) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await call(base, 'GET', '/ready');
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(2_000);
    }
  }
}

let failed = false;
for (const { app, base } of targets) {
  try {
    await waitUntilReady(base);
    const health = await call(base, 'GET', '/health');
    if (health.status !== 'ok') throw new Error(`/health: ${JSON.stringify(health)}`);
    console.log(`${app}: /ready, /health`);
    for (const [description, check] of [...APP_CHECKS[app], ...CLUSTER_CHECKS[app]]) {
      await check(base);
      console.log(`${app}: ${description}`);
    }
  } catch (error) {
    failed = true;
    console.error(`${app} (${base}): ${error instanceof Error ? error.message : error}`);
  }
}
process.exit(failed ? 1 : 0);
