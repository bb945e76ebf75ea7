import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appSettingsOf } from '../../k8s/environments';
import { local } from '../../k8s/environments/local';
import { buildEnvironment } from '../../k8s/synth/build-apps';
import { PATHS } from '../../k8s/synth/paths';
import { type PracticeTarget } from './exercise';
import { EXERCISES } from './exercises';
import { describe as describeOutcome, runCheck } from './report';
import { FILE_SOLUTIONS } from './solutions';
import { LOCAL_AUTOSCALING } from './solutions/09-autoscale';
import { parseCommand } from './target';

const REPO = join(__dirname, '..', '..');
/** Tests that synthesize, spawn the CLI or run promtool: generous, because the project's testTimeout is 5 s. */
const SLOW = 30_000;
/** What the file-based checks read: a copy of these is the learner's repository in each test. */
const COPIED = [
  'apps/sample-app/src',
  'apps/sample-app/test',
  'observability/src',
  'observability/generated',
  'observability/rules-tests',
  'docs/runbooks',
  'k8s/charts',
  'k8s/constructs',
  'k8s/environments',
  'charts-out',
  'tsconfig.json',
  'jest.config.js',
  'eslint.config.mjs',
];

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function repoCopy(): PracticeTarget {
  const dir = mkdtempSync(join(tmpdir(), 'practice-'));
  scratch.push(dir);
  for (const path of COPIED) cpSync(join(REPO, path), join(dir, path), { recursive: true });
  return {
    repoDir: dir,
    chartsOutDir: join(dir, 'charts-out'),
    sampleAppUrl: 'http://127.0.0.1:9',
    llmAppUrl: 'http://127.0.0.1:9',
    promtool: process.env.PROMTOOL ?? 'promtool',
    answers: {},
  };
}

const exercise = (n: number) => EXERCISES.find((e) => e.number === n)!;

/** The sentence each check must say about the untouched project, so a learner knows where to start. */
const UNTOUCHED: Record<number, RegExp> = {
  2: /libs\/greeting\/src\/index\.ts is missing/,
  3: /no controller in apps\/sample-app\/src serves GET \/api\/v1\/hello/,
  5: /has no rule "record: job:http_server_requests:rate5m"/,
  6: /practice-slo\.test\.yaml is missing/,
  7: /no alert HttpTrafficStopped in observability\/generated\/rules/,
  8: /k8s\/constructs\/namespace-quota\.ts is missing/,
  9: /sample-app's autoscaling is still null/,
  10: /NetworkPolicy\/sample-app \(local\) does not let the pods of item-report/,
};

describe('practice checks on files', () => {
  it('has twelve exercises, numbered in order, from beginner to advanced', () => {
    expect(EXERCISES.map((e) => e.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const rank = { beginner: 0, intermediate: 1, advanced: 2 };
    const levels = EXERCISES.map((e) => rank[e.level]);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });

  it.each(Object.keys(FILE_SOLUTIONS).map(Number))(
    'exercise %i fails on the untouched project naming what is missing, and passes with the reference solution',
    async (n) => {
      const target = repoCopy();
      const before = await exercise(n).check(target);
      expect(before).toContainEqual(expect.stringMatching(UNTOUCHED[n]!));
      FILE_SOLUTIONS[n]!(target.repoDir);
      expect(await exercise(n).check(target)).toEqual([]);
    },
    SLOW,
  );

  it(
    'exercise 5 reports the promtool failure when the recorded value is wrong',
    async () => {
      const target = repoCopy();
      FILE_SOLUTIONS[5]!(target.repoDir);
      const testFile = join(target.repoDir, 'observability/rules-tests/traffic.test.yaml');
      writeFileSync(testFile, readFileSync(testFile, 'utf8').replace('value: 1\n', 'value: 2\n'));
      expect(await exercise(5).check(target)).toEqual([
        expect.stringMatching(/^promtool test rules observability\/rules-tests\/traffic\.test\.yaml fails:/),
      ]);
    },
    SLOW,
  );

  it(
    'exercise 6 refuses a test that shows the alert firing but never resolving',
    async () => {
      const target = repoCopy();
      FILE_SOLUTIONS[6]!(target.repoDir);
      const path = join(target.repoDir, 'observability/rules-tests/practice-slo.test.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/\n {6}# The 5 m[\s\S]*$/, '\n'));
      expect(await exercise(6).check(target)).toEqual([
        expect.stringMatching(/must show one SLO alert .* firing at one eval_time and resolved/),
      ]);
    },
    SLOW,
  );

  it(
    'exercise 9 passes on what npm run synth really writes for the reference environment',
    async () => {
      const target = repoCopy();
      FILE_SOLUTIONS[9]!(target.repoDir);
      const out = join(target.repoDir, 'synthesized');
      const env = {
        ...local,
        apps: {
          ...local.apps,
          'sample-app': { ...appSettingsOf(local, 'sample-app'), autoscaling: LOCAL_AUTOSCALING },
        },
      };
      const apps = buildEnvironment(env, {
        outdirs: { project: join(out, 'local'), monitoring: join(out, 'local', 'monitoring') },
        artifactsDirectory: PATHS.observabilityArtifacts,
        chartsCacheDirectory: PATHS.chartsCache,
        helmExecutable: PATHS.helm,
      });
      apps.project.synth();
      expect(existsSync(join(out, 'local'))).toBe(true);
      expect(await exercise(9).check({ ...target, chartsOutDir: out })).toEqual([]);
    },
    SLOW,
  );

  it(
    'says which exercise and what is missing when a check fails, and what it checked when it passes',
    async () => {
      const target = repoCopy();
      const failed = describeOutcome(await runCheck(exercise(6), target));
      expect(failed).toBe(
        'FAIL Exercise 6 (intermediate): Make an SLO alert fire and resolve\n' +
          '  checked observability/rules-tests/practice-slo.test.yaml, run with promtool test rules; still missing:\n' +
          '  - observability/rules-tests/practice-slo.test.yaml is missing: write a promtool rule test there',
      );
      FILE_SOLUTIONS[6]!(target.repoDir);
      expect(describeOutcome(await runCheck(exercise(6), target))).toMatch(/^PASS Exercise 6 .*\n {2}checked /);
    },
    SLOW,
  );
});

describe(parseCommand.name, () => {
  it('defaults to the current directory and the ports npm start uses', () => {
    const { exercise: n, target } = parseCommand(['3'], {}, '/repo');
    expect(n).toBe(3);
    expect(target).toMatchObject({
      repoDir: '/repo',
      chartsOutDir: '/repo/charts-out',
      sampleAppUrl: 'http://localhost:8080',
      llmAppUrl: 'http://localhost:8081',
      answers: {},
    });
  });

  it('takes URLs from the environment, flags over them, and answers', () => {
    const { target } = parseCommand(
      ['4', '--llm-app-url', 'http://gw:1/', '--trace-id', 'abc'],
      { PRACTICE_SAMPLE_APP_URL: 'http://sa:2', PRACTICE_LLM_APP_URL: 'http://ignored' },
      '/repo',
    );
    expect(target).toMatchObject({
      sampleAppUrl: 'http://sa:2',
      llmAppUrl: 'http://gw:1',
      answers: { 'trace-id': 'abc' },
    });
  });

  it('refuses a missing or non-numeric exercise with the usage', () => {
    expect(() => parseCommand([], {}, '/repo')).toThrow(/^usage: npm run practice -- <exercise number/);
    expect(() => parseCommand(['two'], {}, '/repo')).toThrow(/"two" is not an exercise number/);
  });
});

describe('npm run practice', () => {
  it(
    'exits 1 with the FAIL report for an exercise not done, and 2 for an unknown one',
    () => {
      const run = (...args: string[]) =>
        spawnSync(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/practice/run.ts'), ...args], {
          cwd: REPO,
          encoding: 'utf8',
          env: { ...process.env, NODE_OPTIONS: '' },
        });
      const notDone = run('8', '--repo', repoCopy().repoDir);
      expect(notDone.status).toBe(1);
      expect(notDone.stdout).toMatch(/^FAIL Exercise 8 \(intermediate\): Add a cdk8s construct with its tests\n/);
      const unknown = run('13');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/there is no exercise 13: pick 1 to 12/);
    },
    SLOW,
  );
});
