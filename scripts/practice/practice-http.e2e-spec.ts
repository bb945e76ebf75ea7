import { generateKeyPairSync } from 'node:crypto';
import { startLlmApp } from '../../apps/llm-app/test/llm-app.harness';
import { startSampleApp } from '../../apps/sample-app/test/sample-app.harness';
import { signUp } from '../../test/support/accounts';
import { FakeUpstream } from '../../test/support/fake-openai-upstream';
import { freePort } from '../../test/support/process-harness';
import { type RunningApp } from '../../test/support/start-app';
import { type PracticeTarget } from './exercise';
import { EXERCISES } from './exercises';

/**
 * The exercises checked against running apps, run against the real apps: configured as the exercise
 * asks (the reference solution), they pass; as `npm start` leaves them, they fail with the sentence
 * that tells the learner what to do.
 */
const exercise = (n: number) => EXERCISES.find((e) => e.number === n)!;
// Starting apps under load takes seconds, and the e2e project's testTimeout does not reach hooks and tests
// (Jest applies its 5 s default), so this file sets its own.
jest.setTimeout(60_000);
const apps: RunningApp[] = [];
let upstream: FakeUpstream | undefined;
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await upstream?.close();
});

async function started(app: Promise<RunningApp>): Promise<RunningApp> {
  apps.push(await app);
  return apps[apps.length - 1]!;
}

const targetOf = (urls: Partial<PracticeTarget>, answers: Record<string, string> = {}): PracticeTarget => ({
  repoDir: '/nonexistent',
  chartsOutDir: '/nonexistent',
  sampleAppUrl: 'http://127.0.0.1:9',
  llmAppUrl: 'http://127.0.0.1:9',
  promtool: 'promtool',
  answers,
  ...urls,
});

const pemPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

describe('practice checks on running apps', () => {
  let sampleApp: RunningApp;
  let llmApp: RunningApp;
  beforeAll(async () => {
    [sampleApp, llmApp] = await Promise.all([started(startSampleApp()), started(startLlmApp())]);
  });

  describe('exercise 1: run both apps', () => {
    it('passes when both apps answer /health, /ready and /info', async () => {
      const target = targetOf({ sampleAppUrl: sampleApp.baseUrl, llmAppUrl: llmApp.baseUrl });
      expect(await exercise(1).check(target)).toEqual([]);
    });

    it('says an app does not answer when nothing listens on its URL', async () => {
      const nothing = `http://127.0.0.1:${await freePort()}`;
      const problems = await exercise(1).check(targetOf({ sampleAppUrl: sampleApp.baseUrl, llmAppUrl: nothing }));
      expect(problems).toEqual([
        `llm-app: ${nothing}/health does not answer (ECONNREFUSED); start both apps with npm start`,
      ]);
    });

    it('notices the URLs are swapped', async () => {
      const problems = await exercise(1).check(
        targetOf({ sampleAppUrl: llmApp.baseUrl, llmAppUrl: sampleApp.baseUrl }),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(/^sample-app: GET .*\/info should name sample-app, got "llm-app"/),
      );
    });
  });

  describe('exercise 4: find a slow request’s trace', () => {
    async function chat(app: RunningApp): Promise<string> {
      const response = await fetch(`${app.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'simulated', max_tokens: 4, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      const { traces } = (await (await fetch(`${app.baseUrl}/traces`)).json()) as { traces: { traceId: string }[] };
      return traces[0]!.traceId;
    }

    it('passes with the trace id of a request slower than a second', async () => {
      const slow = await started(startLlmApp({ env: { LLM_SIMULATED_TTFT_MS: '1100' } }));
      const traceId = await chat(slow);
      expect(await exercise(4).check(targetOf({ llmAppUrl: slow.baseUrl }, { 'trace-id': traceId }))).toEqual([]);
    });

    it('refuses a fast request’s trace and an unknown id', async () => {
      const traceId = await chat(llmApp);
      const fast = await exercise(4).check(targetOf({ llmAppUrl: llmApp.baseUrl }, { 'trace-id': traceId }));
      expect(fast).toEqual([
        expect.stringMatching(new RegExp(`^trace ${traceId} took \\d+ ms: find a request slower than 1000 ms`)),
      ]);
      const unknown = await exercise(4).check(targetOf({ llmAppUrl: llmApp.baseUrl }, { 'trace-id': 'f'.repeat(32) }));
      expect(unknown).toEqual([expect.stringMatching(/is not among llm-app's recent traces/)]);
    });
  });

  describe('exercise 11: rotate the signing key', () => {
    it('passes when the rotated app still accepts a token signed with the previous key', async () => {
      const [before, after] = [pemPair(), pemPair()];
      const old = await started(startSampleApp({ env: { AUTH_JWT_PRIVATE_KEY: before.privatePem } }));
      const { accessToken } = await signUp(old.baseUrl, 'rotation');
      const rotated = await started(
        startSampleApp({
          shareDatabaseOf: old,
          env: { AUTH_JWT_PRIVATE_KEY: after.privatePem, AUTH_JWT_PREVIOUS_PUBLIC_KEYS: before.publicPem },
        }),
      );
      expect(await exercise(11).check(targetOf({ sampleAppUrl: rotated.baseUrl }, { token: accessToken }))).toEqual([]);

      const notRotated = await exercise(11).check(targetOf({ sampleAppUrl: old.baseUrl }, { token: accessToken }));
      expect(notRotated).toEqual([expect.stringMatching(/^the JWKS serves 1 key: set the new AUTH_JWT_PRIVATE_KEY/)]);
    });

    it('says the old holder is logged out when the previous key was dropped', async () => {
      const old = await started(startSampleApp({ env: { AUTH_JWT_PRIVATE_KEY: pemPair().privatePem } }));
      const { accessToken } = await signUp(old.baseUrl, 'dropped');
      const [next, unrelated] = [pemPair(), pemPair()];
      const rotated = await started(
        startSampleApp({
          shareDatabaseOf: old,
          env: { AUTH_JWT_PRIVATE_KEY: next.privatePem, AUTH_JWT_PREVIOUS_PUBLIC_KEYS: unrelated.publicPem },
        }),
      );
      const problems = await exercise(11).check(targetOf({ sampleAppUrl: rotated.baseUrl }, { token: accessToken }));
      expect(problems).toEqual([
        expect.stringMatching(/^the token's key \(kid .*\) is not in the JWKS: its holder is logged out/),
        'GET /api/v1/auth/me with the old token answered 401: its holder was logged out',
      ]);
    });
  });

  describe('exercise 12: point llm-app at a real provider', () => {
    it('passes against an OpenAI-compatible upstream and fails on the simulator alone', async () => {
      upstream = await FakeUpstream.start();
      const gateway = await started(
        startLlmApp({ env: { LLM_UPSTREAM_BASE_URL: upstream.baseUrl, LLM_UPSTREAM_MODELS: 'remote=fake-model' } }),
      );
      expect(await exercise(12).check(targetOf({ llmAppUrl: gateway.baseUrl }))).toEqual([]);
      expect(upstream.models).toEqual(['fake-model']);

      expect(await exercise(12).check(targetOf({ llmAppUrl: llmApp.baseUrl }))).toEqual([
        expect.stringMatching(/^llm-app serves only the simulator: set LLM_UPSTREAM_BASE_URL/),
      ]);
    });
  });
});
