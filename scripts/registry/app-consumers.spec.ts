import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { APPS } from '../../apps/registry';
import { APPS_WITH_THIRD_APP, THIRD_APP } from '../../k8s/test/third-app.fixture';
import { composeProblems, nestCliProblems, scriptKeysProblems, workflowProblems } from './app-consumers';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const COMPOSE = read('docker-compose.yml');
const CI = read('.github/workflows/ci.yml');
const CD = read('.github/workflows/cd.yml');
const NEST_CLI = read('nest-cli.json');
/** Plain .mjs scripts keep a table per app; the pattern finds its keys. */
const SCRIPT_TABLES: readonly [string, RegExp][] = [
  ['scripts/start.mjs', /\{ name: '([\w-]+)', command:/g],
  ['scripts/bundle/app-checks.mjs', /^ {2}'([\w-]+)': \[/gm],
  ['scripts/cluster-smoke.mjs', /^ {2}'([\w-]+)': \[/gm],
];

describe('the files that name the apps, checked against apps/registry.ts', () => {
  describe('with the registry as it is', () => {
    it('finds docker-compose.yml, the CI and CD workflows, nest-cli.json and the scripts in agreement', () => {
      expect(composeProblems(COMPOSE, APPS)).toEqual([]);
      expect(workflowProblems(CI, CD, APPS)).toEqual([]);
      expect(nestCliProblems(NEST_CLI, APPS)).toEqual([]);
      for (const [file, pattern] of SCRIPT_TABLES)
        expect(scriptKeysProblems(file, read(file), pattern, APPS)).toEqual([]);
    });

    it('builds every app with npm run build', () => {
      const build = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.build ?? '';
      for (const { identity } of APPS) expect(build).toContain(`nest build ${identity.name}`);
    });
  });

  describe('with a fixture third app added to the registry alone', () => {
    it('names every file that must follow: the compose service, each workflow list, the Nest project, each script table', () => {
      expect(composeProblems(COMPOSE, APPS_WITH_THIRD_APP)).toEqual(['docker-compose.yml: no service third-app']);
      const expected = 'sample-app llm-app third-app';
      expect(workflowProblems(CI, CD, APPS_WITH_THIRD_APP)).toEqual([
        `.github/workflows/ci.yml: jobs.images matrix.app lists [sample-app llm-app], not [${expected}]`,
        `.github/workflows/ci.yml: the loop over apps lists [sample-app llm-app], not [${expected}]`,
        `.github/workflows/ci.yml: the loop over routes lists [sample-app llm-app], not [${expected}]`,
        `.github/workflows/ci.yml: the app rollout lists [sample-app llm-app], not [${expected}]`,
        `.github/workflows/cd.yml: jobs.images matrix.app lists [sample-app llm-app], not [${expected}]`,
        `.github/workflows/cd.yml: env APPS lists [sample-app llm-app], not [${expected}]`,
      ]);
      expect(nestCliProblems(NEST_CLI, APPS_WITH_THIRD_APP)).toEqual([
        'nest-cli.json: no application project third-app',
      ]);
      for (const [file, pattern] of SCRIPT_TABLES) {
        expect(scriptKeysProblems(file, read(file), pattern, APPS_WITH_THIRD_APP)).toEqual([
          `${file}: no entry for third-app`,
        ]);
      }
    });

    it('accepts a compose service written from the entry, and names what a wrong one lacks', () => {
      const { name, defaultPort } = THIRD_APP.identity;
      const service = {
        build: { context: '.', target: name },
        environment: {
          PORT: String(defaultPort),
          DATABASE_URL: 'postgres://app:local-dev-only@postgres:5432/app',
          REDIS_URL: 'redis://redis:6379',
          AUTH_JWKS_URL: 'http://sample-app:8080/.well-known/jwks.json',
        },
        ports: [`127.0.0.1:${defaultPort}:${defaultPort}`],
        depends_on: { postgres: {}, redis: {} },
      };
      const withService = (value: object) => {
        const compose = parse(COMPOSE) as { services: Record<string, unknown> };
        return stringify({ ...compose, services: { ...compose.services, [name]: value } });
      };
      expect(composeProblems(withService(service), APPS_WITH_THIRD_APP)).toEqual([]);
      const wrong = { ...service, environment: { PORT: '9999', AUTH_JWKS_URL: 'http://elsewhere' }, depends_on: {} };
      expect(composeProblems(withService(wrong), APPS_WITH_THIRD_APP)).toEqual([
        'docker-compose.yml: service third-app must listen on PORT 8082',
        'docker-compose.yml: service third-app needs DATABASE_URL and postgres',
        'docker-compose.yml: service third-app needs REDIS_URL and redis',
        'docker-compose.yml: service third-app must set AUTH_JWKS_URL to http://sample-app:8080/.well-known/jwks.json when it sets it',
      ]);
    });
  });
});
