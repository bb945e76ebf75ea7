import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StartedApp, freePort, startBuiltApp } from '../support/process-harness';
import { markdownFiles, onPorts, runnableBlocks, runnableBlocksOf } from './runnable-blocks';

const ROOT = join(__dirname, '..', '..');
const files = markdownFiles(ROOT).filter((file) => runnableBlocksOf(ROOT, file).length > 0);

describe('runnable shell blocks of README.md and docs/ against the built apps', () => {
  let scratch: string;
  let sampleApp: StartedApp;
  let llmApp: StartedApp;
  let ports: { sampleApp: number; llmApp: number };
  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: scratch,
    SQLITE_PATH: join(scratch, 'sample-app.sqlite'),
    // Every document signs up and logs in; from one address that is more than the default 10 a minute.
    RATE_LIMIT_AUTH_MAX_REQUESTS: '1000',
  });

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'docs-test-'));
    ports = { sampleApp: await freePort(), llmApp: await freePort() };
    llmApp = await startBuiltApp('llm-app', { ...env(), PORT: String(ports.llmApp) });
    sampleApp = await startBuiltApp('sample-app', {
      ...env(),
      PORT: String(ports.sampleApp),
      LLM_GATEWAY_URL: llmApp.baseUrl,
    });
  }, 60_000);

  afterAll(async () => {
    await sampleApp?.process.stop();
    await llmApp?.process.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finds marked blocks in the README, the sample-app walkthrough and the llm-app guide', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/sample-app.md', 'docs/llm-app.md']));
  });

  it('refuses a marker that is not followed by a shell fence', () => {
    expect(() => runnableBlocks('<!-- runnable -->\n```json\n{}\n```\n', 'x.md')).toThrow(/x\.md:1/);
  });

  // One shell per document, as a reader's terminal: a block may use what an earlier one set.
  it.each(files)(
    '%s: every runnable block exits 0',
    (file) => {
      const blocks = runnableBlocksOf(ROOT, file);
      const script = [
        'set -euo pipefail',
        ...blocks.map((block) => `echo "--- ${block.where}" >&2\n${onPorts(block.code, ports)}`),
      ].join('\n');
      const result = spawnSync('bash', ['-c', script], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 90_000 });
      const lastBlock = /--- (\S+)\n(?![\s\S]*--- )/.exec(result.stderr)?.[1];
      const failed = result.status !== 0;
      expect({
        file,
        status: result.status,
        failedIn: failed ? lastBlock : undefined,
        output: failed ? `${result.stdout}\n${result.stderr}`.slice(-3_000) : undefined,
      }).toEqual({ file, status: 0, failedIn: undefined, output: undefined });
    },
    120_000,
  );
});
