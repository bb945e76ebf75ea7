import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './compose/compose-file';

interface Step {
  if?: string;
  uses?: string;
  run?: string;
  name?: string;
}
interface Job {
  permissions?: Record<string, string>;
  environment?: string;
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const folder = join(REPO_ROOT, '.github', 'workflows');
const workflows = Object.fromEntries(
  readdirSync(folder)
    .filter((name) => name.endsWith('.yml'))
    .map((name) => [name, parse(readFileSync(join(folder, name), 'utf8')) as Workflow]),
);
const ci = workflows['ci.yml'] as Workflow;
const cd = workflows['cd.yml'] as Workflow;
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = (workflow: Workflow) => steps(workflow).flatMap((step) => (step.run ? [step.run] : []));

describe('GitHub Actions workflows', () => {
  it('pin every action to a full version or a commit SHA', () => {
    const loose = Object.values(workflows)
      .flatMap(steps)
      .flatMap((step) => (step.uses ? [step.uses] : []))
      .filter((uses) => !/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(uses));
    expect(loose).toEqual([]);
  });

  it('grant read-only contents by default, and more only to the job that needs it', () => {
    for (const workflow of Object.values(workflows)) expect(workflow.permissions).toEqual({ contents: 'read' });
    const widened = Object.values(workflows).flatMap((workflow) =>
      Object.entries(workflow.jobs).flatMap(([name, job]) =>
        Object.entries(job.permissions ?? {})
          .filter(([, level]) => level === 'write')
          .map(([scope]) => `${name}: ${scope}`),
      ),
    );
    expect(widened).toEqual(['images: packages']);
  });
});

describe('ci.yml', () => {
  it('runs on pull requests and on main', () => {
    expect(ci.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
  });

  it.each([
    'npm run -s lint',
    'npm run -s check',
    'npm run -s workflows:lint',
    'npm run -s test:unit',
    'npm run -s test:integration',
    'npm run -s test:observability',
    'npm run -s bundle:smoke',
    'npm run -s synth',
    'npm run -s k8s:validate',
    'npm run -s charts:pull',
    'node scripts/cluster-smoke.mjs',
  ])('runs %s', (command) => {
    expect(runs(ci).some((run) => run.includes(command))).toBe(true);
  });

  it('publishes the manifest diff of a pull request as the job summary', () => {
    const job = ci.jobs['manifest-diff'];
    expect(job?.if).toBe("github.event_name == 'pull_request'");
    expect(job?.steps.some((step) => step.run?.includes('GITHUB_STEP_SUMMARY'))).toBe(true);
  });

  it('dumps pod logs and events when the kind job fails', () => {
    const dump = ci.jobs.kind?.steps.find((step) => step.if === 'failure()');
    expect(dump?.run).toMatch(/kubectl get events/);
    expect(dump?.run).toMatch(/kubectl .* logs/);
  });
});

describe('cd.yml', () => {
  it('runs on main and by hand', () => {
    expect(Object.keys(cd.on).sort()).toEqual(['push', 'workflow_dispatch']);
  });

  it('deploys only through the production environment, server-side, with the commit SHA as image tag', () => {
    const deploy = cd.jobs.deploy;
    expect(deploy?.environment).toBe('production');
    const script = deploy?.steps.map((step) => step.run ?? '').join('\n');
    expect(script).toMatch(/--image-tag "\$GITHUB_SHA"/);
    expect(script).toMatch(/kubectl apply --server-side/);
  });

  it('undoes the rollout when the deployment fails', () => {
    const rollback = cd.jobs.deploy?.steps.find((step) => (step.if ?? '').startsWith('failure()'));
    expect(rollback?.run).toMatch(/kubectl -n nest-apps rollout undo/);
  });
});
