import { parse } from 'yaml';
import { type AppEntry, appEntry } from '../../apps/registry';

/**
 * The files outside k8s/ that name the apps and cannot import apps/registry.ts (YAML, JSON, plain
 * .mjs run by node), checked against it: each function returns what a file lacks or has too many,
 * one line per problem, so adding an app to the registry names every file that must follow.
 */

type Yaml = Record<string, unknown>;
const asRecord = (value: unknown): Yaml =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Yaml) : {};
const names = (apps: readonly AppEntry[]) => apps.map((entry) => entry.identity.name);

/** docker-compose.yml: one service per app, built from its Dockerfile target, on its port, with its stores. */
export function composeProblems(composeYaml: string, apps: readonly AppEntry[]): string[] {
  const services = asRecord(asRecord(parse(composeYaml)).services);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(services)) {
    if (asRecord(value).build !== undefined && !names(apps).includes(name)) {
      problems.push(`docker-compose.yml: service ${name} is built from the Dockerfile but is not in apps/registry.ts`);
    }
  }
  for (const entry of apps) {
    const { name, defaultPort } = entry.identity;
    const service = asRecord(services[name]);
    if (services[name] === undefined) {
      problems.push(`docker-compose.yml: no service ${name}`);
      continue;
    }
    const environment = asRecord(service.environment);
    const dependsOn = Object.keys(asRecord(service.depends_on));
    const expect = (ok: boolean, what: string) => {
      if (!ok) problems.push(`docker-compose.yml: service ${name} ${what}`);
    };
    expect(asRecord(service.build).target === name, `must build the Dockerfile target ${name}`);
    expect(String(environment.PORT) === String(defaultPort), `must listen on PORT ${defaultPort}`);
    expect(
      ((service.ports ?? []) as unknown[]).includes(`127.0.0.1:${defaultPort}:${defaultPort}`),
      `must publish 127.0.0.1:${defaultPort}:${defaultPort}`,
    );
    if (entry.identity.usesDatabase) {
      expect(
        environment.DATABASE_URL !== undefined && dependsOn.includes('postgres'),
        'needs DATABASE_URL and postgres',
      );
    }
    if (entry.cache)
      expect(environment.REDIS_URL !== undefined && dependsOn.includes('redis'), 'needs REDIS_URL and redis');
    for (const call of entry.calls) {
      const value = environment[call.variable];
      const callee = appEntry(call.app, apps).identity;
      const url = `http://${callee.name}:${callee.defaultPort}${call.path ?? ''}`;
      // Optional in development (auth off without a JWKS URL): when set, it must be the callee's address.
      expect(value === undefined || value === url, `must set ${call.variable} to ${url} when it sets it`);
    }
  }
  return problems;
}

/** .github/workflows: the image matrices, the kind job's loops and rollouts, cd.yml's APPS. */
export function workflowProblems(ciYaml: string, cdYaml: string, apps: readonly AppEntry[]): string[] {
  const expected = names(apps).join(' ');
  const problems: string[] = [];
  const matrixOf = (workflow: string, job: string) =>
    (asRecord(asRecord(asRecord(asRecord(asRecord(parse(workflow)).jobs)[job]).strategy).matrix).app ?? []) as string[];
  const same = (file: string, what: string, actual: readonly string[]) => {
    if (actual.join(' ') !== expected) problems.push(`${file}: ${what} lists [${actual.join(' ')}], not [${expected}]`);
  };
  same('.github/workflows/ci.yml', 'jobs.images matrix.app', matrixOf(ciYaml, 'images'));
  for (const match of ciYaml.matchAll(/for (app|route) in ([\w -]+); do/g)) {
    same('.github/workflows/ci.yml', `the loop over ${match[1]}s`, (match[2] ?? '').trim().split(/\s+/));
  }
  const rollout = /rollout status ((?:deploy\/[\w-]+ ?)+)/.exec(ciYaml)?.[1] ?? '';
  same(
    '.github/workflows/ci.yml',
    'the app rollout',
    rollout
      .trim()
      .split(/\s+/)
      .map((d) => d.replace('deploy/', '')),
  );
  const cdJobs = asRecord(asRecord(parse(cdYaml)).jobs);
  const pushJob = Object.keys(cdJobs).find((job) => matrixOf(cdYaml, job).length > 0) ?? '';
  same('.github/workflows/cd.yml', `jobs.${pushJob} matrix.app`, matrixOf(cdYaml, pushJob));
  const cdApps = /APPS: ([\w -]+)/.exec(cdYaml)?.[1] ?? '';
  same('.github/workflows/cd.yml', 'env APPS', cdApps.trim().split(/\s+/));
  return problems;
}

/** nest-cli.json's applications (what `npm run build` builds, and write-build-info.mjs reads). */
export function nestCliProblems(nestCliJson: string, apps: readonly AppEntry[]): string[] {
  const projects = asRecord(asRecord(JSON.parse(nestCliJson) as unknown).projects);
  const applications = Object.entries(projects)
    .filter(([, project]) => asRecord(project).type === 'application')
    .map(([name]) => name);
  const missing = names(apps).filter((name) => !applications.includes(name));
  const extra = applications.filter((name) => !names(apps).includes(name));
  return [
    ...missing.map((name) => `nest-cli.json: no application project ${name}`),
    ...extra.map((name) => `nest-cli.json: application ${name} is not in apps/registry.ts`),
  ];
}

/** A plain .mjs script's table keyed by app name (`'name': [`), or its list of `{ name: '…' }` entries. */
export function scriptKeysProblems(file: string, source: string, pattern: RegExp, apps: readonly AppEntry[]): string[] {
  const found = [...new Set([...source.matchAll(pattern)].map((match) => match[1] ?? ''))];
  const missing = names(apps).filter((name) => !found.includes(name));
  return missing.map((name) => `${file}: no entry for ${name}`);
}
