// `npm start` (built apps) and `npm run start:dev` (watch mode): both apps side by side.
// Each app gets its own port (SAMPLE_APP_PORT, LLM_APP_PORT), since a shared PORT would put
// both on one; `.env` from the current folder applies to both (the shell's variables win);
// logs are pretty on a terminal; sample-app's traces go to llm-app's trace view so that one
// trace spans both services (decision 0071).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { concurrently } from 'concurrently';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

const fileEnv = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
const shared = { ...fileEnv, ...process.env };

if (shared.PORT !== undefined) {
  console.error(
    `PORT=${shared.PORT} would start both apps on one port: set SAMPLE_APP_PORT and LLM_APP_PORT instead (docs/configuration.md#npm-start).`,
  );
  process.exit(1);
}

const samplePort = shared.SAMPLE_APP_PORT ?? '8080';
const llmPort = shared.LLM_APP_PORT ?? '8081';
const llmUrl = `http://127.0.0.1:${llmPort}`;
const onTerminal =
  process.stdout.isTTY === true && shared.NODE_ENV !== 'production' && shared.LOG_FORMAT === undefined
    ? { LOG_FORMAT: 'pretty' }
    : {};
const tracingChosen = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'TRACING_ENABLED',
  'OTEL_SDK_DISABLED',
].some((name) => shared[name] !== undefined);

const sampleEnv = {
  ...shared,
  ...onTerminal,
  PORT: samplePort,
  LLM_GATEWAY_URL: shared.LLM_GATEWAY_URL ?? llmUrl,
  ...(tracingChosen ? {} : { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${llmUrl}/traces/otlp` }),
};
const llmEnv = { ...shared, ...onTerminal, PORT: llmPort };

const command = (app) => (watch ? `nest start ${app} --watch` : `node dist/apps/${app}/apps/${app}/src/main.js`);

const { result } = concurrently(
  [
    { name: 'sample-app', command: command('sample-app'), env: sampleEnv, prefixColor: 'cyan', cwd: ROOT },
    { name: 'llm-app', command: command('llm-app'), env: llmEnv, prefixColor: 'magenta', cwd: ROOT },
  ],
  { killOthersOn: ['failure', 'success'], killSignal: 'SIGTERM', prefix: 'name' },
);
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
